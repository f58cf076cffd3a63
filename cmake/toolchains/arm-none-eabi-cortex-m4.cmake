# Bare-metal Cortex-M4 with hard-float FPU (single precision), on QEMU's mps2-an386 board.
set(TINYKM_CPU_FLAGS "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(TINYKM_BOARD mps2-an386)
set(TINYKM_QEMU_MACHINE mps2-an386 -cpu cortex-m4)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-common.cmake)
