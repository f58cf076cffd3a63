# aarch64 Linux (Debian g++-aarch64-linux-gnu). Tests run under qemu-user through ctest.
# Highway is used header-only with its one static target: NEON here, or SVE when the flags
# enable it (-DCMAKE_CXX_FLAGS=-march=armv8.2-a+sve, see CMakePresets.json). qemu-aarch64's
# default CPU is "max" (SVE2, 512-bit vectors); TINYKM_QEMU_CPU picks another, e.g. cortex-a72.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(TINYKM_QEMU_CPU "max" CACHE STRING "qemu-aarch64 -cpu for running tests")
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -cpu ${TINYKM_QEMU_CPU} -L /usr/aarch64-linux-gnu)
