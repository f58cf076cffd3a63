# Shared by the bare-metal Cortex-M toolchain files, which set TINYKM_CPU_FLAGS, TINYKM_BOARD
# and TINYKM_QEMU_MACHINE first: newlib, no exceptions, no RTTI, one section per function so the
# linker drops what a firmware does not call.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_C_FLAGS_INIT "${TINYKM_CPU_FLAGS} -mthumb -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT} -fno-exceptions -fno-rtti")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# ctest runs the firmwares (ports/cortex-m/<board>.ld) on QEMU's board; `-kernel` comes last
# because ctest appends the ELF. Semihosting gives them a console and their exit status.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-system-arm -M ${TINYKM_QEMU_MACHINE} -nographic
    -monitor none -semihosting-config enable=on,target=native -kernel)
