# xsimd backend (Debian libxsimd-dev 8.1, header-only). Included by the root CMakeLists.txt when
# TINYKM_BACKEND_XSIMD is ON. Adds one kernels_<arch>.cpp and one lanes_<arch>.cpp per
# architecture of this target processor, each compiled with its own flags, plus the registry
# xsimd_tables.cpp, to the object library tinykm_kernels_xsimd.
#
# The headers are located with tinykm_header_dir (cmake/tinykm_host_headers.cmake), not with
# Debian's xsimd CMake config, which links a target `xtl` that does not exist.
tinykm_header_dir(TINYKM_XSIMD_INCLUDE_DIR xsimd xsimd.hpp)

set(_tinykm_xsimd_dir ${CMAKE_CURRENT_LIST_DIR})
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _tinykm_xsimd_cpu)

# Each entry: <arch>|<compile options, comma-separated>. Best first does not matter here: the
# registry orders the tables at run time.
set(_tinykm_xsimd_archs "")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  if(_tinykm_xsimd_cpu MATCHES "^(x86_64|amd64|x64|i[3-6]86|x86)$")
    # avx512f/avx512bw code also needs -mavx512dq (xsimd 8.1 includes the DQ kernels).
    list(APPEND _tinykm_xsimd_archs
      "avx512bw|-mavx512f,-mavx512cd,-mavx512dq,-mavx512bw,-mfma"
      "avx2|-mavx2,-mfma"
      "sse4_1|-msse4.1")
  elseif(_tinykm_xsimd_cpu MATCHES "^(aarch64|arm64)")
    list(APPEND _tinykm_xsimd_archs "neon64|")
  elseif(_tinykm_xsimd_cpu MATCHES "^arm")
    # ARMv7: NEON on top of the toolchain's float ABI (hard float expected: -mfloat-abi=hard).
    list(APPEND _tinykm_xsimd_archs "neon|-mfpu=neon")
  endif()
endif()
if(NOT _tinykm_xsimd_archs)
  message(STATUS "tinykm: no xsimd architecture for processor '${CMAKE_SYSTEM_PROCESSOR}' "
    "with ${CMAKE_CXX_COMPILER_ID}: the xsimd backend registers no table")
endif()

tinykm_layer(tinykm_kernels_xsimd SEES kernels/contract kernels kernels/xsimd SOURCES
  ${_tinykm_xsimd_dir}/xsimd_tables.cpp)
foreach(_entry IN LISTS _tinykm_xsimd_archs)
  string(REPLACE "|" ";" _parts "${_entry}")
  list(GET _parts 0 _arch)
  list(GET _parts 1 _flags)
  string(REPLACE "," ";" _flags "${_flags}")
  set(_src ${_tinykm_xsimd_dir}/kernels_${_arch}.cpp)
  target_sources(tinykm_kernels_xsimd PRIVATE ${_src})
  # Floating-point contraction stays at the compiler's default (GCC: fast): xsimd 8.1 has no
  # native fma for avx512f/avx512bw (its generic fma is x * y + z), so only contraction turns it
  # into vfmadd there.
  set_source_files_properties(${_src} PROPERTIES COMPILE_OPTIONS "${_flags}")
  # The lanes kernels for this arch, in a TU of its own built without contraction, as the scalar
  # reference they must match bit for bit (lanes_xsimd.hpp).
  set(_lanes ${_tinykm_xsimd_dir}/lanes_${_arch}.cpp)
  target_sources(tinykm_kernels_xsimd PRIVATE ${_lanes})
  list(APPEND _flags -ffp-contract=off)
  set_source_files_properties(${_lanes} PROPERTIES COMPILE_OPTIONS "${_flags}")
  if(_arch STREQUAL "avx512bw" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12.2's avx512fintrin.h builds _mm512_min_ps/_mm512_max_ps on _mm512_undefined_ps(),
    # whose self-initialised `__Y` trips -Wmaybe-uninitialized wherever they inline, and
    # -Wuninitialized at -O2 with sanitizers (GCC bug 105593, fixed in 12.3): silence those two
    # warnings, in these files only.
    set_property(SOURCE ${_src} ${_lanes} APPEND PROPERTY COMPILE_OPTIONS -Wno-maybe-uninitialized
                 -Wno-uninitialized)
  endif()
  string(TOUPPER "${_arch}" _macro)
  set_property(SOURCE ${_tinykm_xsimd_dir}/xsimd_tables.cpp APPEND PROPERTY
    COMPILE_DEFINITIONS TINYKM_XSIMD_${_macro}=1)
endforeach()

target_include_directories(tinykm_kernels_xsimd SYSTEM PRIVATE ${TINYKM_XSIMD_INCLUDE_DIR})
