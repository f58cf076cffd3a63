# The library's layers (docs/architecture.md). Each folder of src/ is an object library that
# sees, besides the public headers, only the folders it may include: headers are included by bare
# name, so an include that crosses a layer finds no file and the build fails. `tinykm` is the
# archive of every layer's objects, or with TINYKM_SHARED the shared library of them, which
# exports only the public API (TINYKM_API, include/tinykm/export.h); the code built beside the
# library that uses its internals then links `tinykm_static`, the archive of the same objects.

# What every layer is compiled with; the SIMD backends add their TINYKM_HAVE_<NAME> to it.
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
  if(TINYKM_SHARED)
    set_target_properties(${target} PROPERTIES CXX_VISIBILITY_PRESET hidden
                          VISIBILITY_INLINES_HIDDEN ON)
    target_compile_definitions(${target} PRIVATE TINYKM_BUILDING_SHARED)
  endif()
  tinykm_set_warnings(${target})
  foreach(library IN LISTS TINYKM_LIBRARIES)
    target_sources(${library} PRIVATE $<TARGET_OBJECTS:${target}>)
  endforeach()
endfunction()

# tinykm_library_link(<libraries>...): what the library links. A static library passes them on
# to its users; the shared one keeps them to itself (its headers name none of them).
function(tinykm_library_link)
  if(TINYKM_SHARED)
    target_link_libraries(tinykm PRIVATE ${ARGN})
    target_link_libraries(tinykm_static PUBLIC ${ARGN})
  else()
    target_link_libraries(tinykm PUBLIC ${ARGN})
  endif()
endfunction()

# tinykm_library_definitions(<definitions>...): compile definitions of the library and its users.
function(tinykm_library_definitions)
  foreach(library IN LISTS TINYKM_LIBRARIES)
    target_compile_definitions(${library} PUBLIC ${ARGN})
  endforeach()
endfunction()

# The internal surface that code built beside the library may use (src/mpi, tests, bench, fuzz):
# the algorithm layers and the kernel contract, never a kernel backend's own headers.
add_library(tinykm_internal INTERFACE)
target_include_directories(tinykm_internal INTERFACE ${PROJECT_SOURCE_DIR}/src/common
  ${PROJECT_SOURCE_DIR}/src/batch ${PROJECT_SOURCE_DIR}/src/stream ${PROJECT_SOURCE_DIR}/src/blob
  ${PROJECT_SOURCE_DIR}/src/kernels/contract)
if(TINYKM_SHARED)
  target_link_libraries(tinykm_internal INTERFACE tinykm_static)
else()
  target_link_libraries(tinykm_internal INTERFACE tinykm)
endif()
