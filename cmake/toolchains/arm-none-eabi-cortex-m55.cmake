# Bare-metal Cortex-M55 with Helium (MVE) and a double-precision FPU, on QEMU's mps3-an547 board.
# tinykm runs its scalar backend here, written so that gcc can auto-vectorise it for MVE.
set(TINYKM_CPU_FLAGS "-mcpu=cortex-m55 -mfloat-abi=hard")
set(TINYKM_BOARD mps3-an547)
set(TINYKM_QEMU_MACHINE mps3-an547)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-common.cmake)
