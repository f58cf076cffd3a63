# The library's layers (docs/architecture.md). Each folder of src/ is an object library that
# sees, besides the public headers, only the folders it may include: headers are included by bare
# name, so an include that crosses a layer finds no file and the build fails. `tinykm` is the
# archive of every layer's objects.

# What every layer is compiled with.
add_library(tinykm_build INTERFACE)
target_include_directories(tinykm_build INTERFACE ${PROJECT_SOURCE_DIR}/include)
target_compile_features(tinykm_build INTERFACE cxx_std_17)
# tinykm never reads errno, so sqrt can be one instruction and its loops can vectorise.
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(tinykm_build INTERFACE -fno-math-errno)
endif()
# Bare metal: call graphs with frame sizes, from which ports/cortex-m/footprint.py derives each
# entry point's worst-case stack.
if(CMAKE_SYSTEM_NAME STREQUAL "Generic")
  target_compile_options(tinykm_build INTERFACE -fcallgraph-info=su)
endif()

# tinykm_layer(<target> SEES <folders of src/ it may include> SOURCES <files>)
# Its own folder needs no mention: a quoted include finds the including file's neighbours first.
function(tinykm_layer target)
  cmake_parse_arguments(arg "" "" "SEES;SOURCES" ${ARGN})
  add_library(${target} OBJECT ${arg_SOURCES})
  list(TRANSFORM arg_SEES PREPEND ${PROJECT_SOURCE_DIR}/src/)
  target_include_directories(${target} PRIVATE ${arg_SEES})
  target_link_libraries(${target} PRIVATE tinykm_build)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  # PIC lets hosts link the static library into shared objects; on bare metal it would only move
  # the kernel table's pointers from flash into RAM.
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Generic")
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
  tinykm_set_warnings(${target})
  target_sources(tinykm PRIVATE $<TARGET_OBJECTS:${target}>)
endfunction()

# The internal surface that code built beside the library may use (src/mpi, tests, bench, fuzz):
# the algorithm layers and the kernel contract, never a kernel backend's own headers.
add_library(tinykm_internal INTERFACE)
target_include_directories(tinykm_internal INTERFACE ${PROJECT_SOURCE_DIR}/src/common
  ${PROJECT_SOURCE_DIR}/src/batch ${PROJECT_SOURCE_DIR}/src/stream ${PROJECT_SOURCE_DIR}/src/blob
  ${PROJECT_SOURCE_DIR}/src/kernels/contract)
target_link_libraries(tinykm_internal INTERFACE tinykm)

# The build's kernel choices, the same in every translation unit that includes the kernel
# contract (kernels.hpp refuses to build without them): which SIMD backends are compiled in
# (the kernel table's layout; only src/kernels and the tests ask) and TINYKM_COMPACT_CODE
# (kernels::compact_code, the algorithms' one code-size choice). Never exported to users.
foreach(_target tinykm_build tinykm_internal)
  target_compile_definitions(${_target} INTERFACE TINYKM_HAVE_HWY=$<BOOL:${TINYKM_BACKEND_HWY}>
    TINYKM_HAVE_XSIMD=$<BOOL:${TINYKM_BACKEND_XSIMD}>
    TINYKM_COMPACT_CODE=$<BOOL:${TINYKM_COMPACT_CODE}>)
endforeach()
