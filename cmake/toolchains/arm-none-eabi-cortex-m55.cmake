# Bare-metal Cortex-M55 with Helium (MVE) and a double-precision FPU (newlib, no exceptions, no
# RTTI). tinykm runs its scalar backend here, written so that gcc can auto-vectorise it for MVE.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT} -fno-exceptions -fno-rtti")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# The firmwares' board (ports/cortex-m/<board>.ld) and the QEMU machine that runs them.
set(TINYKM_BOARD mps3-an547)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-system-arm -M mps3-an547 -nographic -monitor none
    -semihosting-config enable=on,target=native -kernel)
