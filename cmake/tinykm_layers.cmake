# The library's layers (docs/architecture.md). Each folder of src/ is an object library that
# sees, besides the public headers, only the folders it may include: headers are included by bare
# name, so an include that crosses a layer finds no file and the build fails. `tinykm` is the
# archive of every layer's objects, or with TINYKM_SHARED the shared library of them, which
# exports only the public API (TINYKM_API, include/tinykm/export.h); the code built beside the
# library that uses its internals then links `tinykm_static`, the archive of the same objects.

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

# tinykm_read_source_list(<file>): reads the portable sources (src/sources.txt) into
# TINYKM_LISTED_<folder>, the sources under each folder of src/ (with the flags a line gives them
# as GCC's or Clang's compile options), and TINYKM_LISTED_INCLUDES, the include folders.
macro(tinykm_read_source_list file)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(STRINGS ${file} _tinykm_lines REGEX "^(src/|include: )")
  set(TINYKM_LISTED_INCLUDES "")
  set(TINYKM_LISTED_FOLDERS "")
  foreach(_line IN LISTS _tinykm_lines)
    if(_line MATCHES "^include: (.+)$")
      list(APPEND TINYKM_LISTED_INCLUDES ${CMAKE_MATCH_1})
    elseif(_line MATCHES "^src/([^/ ]+)/([^ ]+) *(.*)$")
      set(_source ${PROJECT_SOURCE_DIR}/src/${CMAKE_MATCH_1}/${CMAKE_MATCH_2})
      set(_flags "${CMAKE_MATCH_3}")
      if(NOT CMAKE_MATCH_1 IN_LIST TINYKM_LISTED_FOLDERS)
        list(APPEND TINYKM_LISTED_FOLDERS ${CMAKE_MATCH_1})
        set(TINYKM_LISTED_${CMAKE_MATCH_1} "")
      endif()
      list(APPEND TINYKM_LISTED_${CMAKE_MATCH_1} ${_source})
      if(_flags AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        separate_arguments(_flags UNIX_COMMAND "${_flags}")
        set_source_files_properties(${_source} PROPERTIES COMPILE_OPTIONS "${_flags}")
      endif()
    endif()
  endforeach()
endmacro()

# tinykm_check_source_list(): after the layers of the list, every listed folder was built and
# the include folders are exactly include/ and what those layers see.
function(tinykm_check_source_list)
  get_property(built GLOBAL PROPERTY TINYKM_LISTED_BUILT)
  get_property(seen GLOBAL PROPERTY TINYKM_LISTED_SEEN)
  list(TRANSFORM seen PREPEND src/)
  set(expected include ${seen})
  list(REMOVE_DUPLICATES expected)
  list(SORT expected)
  set(listed ${TINYKM_LISTED_INCLUDES})
  list(SORT listed)
  if(NOT listed STREQUAL expected)
    message(FATAL_ERROR "src/sources.txt: include folders '${listed}', the layers see '${expected}'")
  endif()
  foreach(folder IN LISTS TINYKM_LISTED_FOLDERS)
    if(NOT folder IN_LIST built)
      message(FATAL_ERROR "src/sources.txt: no layer builds the sources of src/${folder}")
    endif()
  endforeach()
endfunction()

# tinykm_layer(<target> SEES <folders of src/ it may include> SOURCES <files> | LISTED <folder>)
# Its own folder needs no mention: a quoted include finds the including file's neighbours first.
# LISTED takes the sources of a folder of src/sources.txt.
function(tinykm_layer target)
  cmake_parse_arguments(arg "" "LISTED" "SEES;SOURCES" ${ARGN})
  if(arg_LISTED)
    list(APPEND arg_SOURCES ${TINYKM_LISTED_${arg_LISTED}})
    set_property(GLOBAL APPEND PROPERTY TINYKM_LISTED_BUILT ${arg_LISTED})
    set_property(GLOBAL APPEND PROPERTY TINYKM_LISTED_SEEN ${arg_SEES})
  endif()
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

# The build's kernel choices, the same in every translation unit that includes the kernel
# contract (kernels.hpp refuses to build without them): which SIMD backends are compiled in
# (the kernel table's layout; only src/kernels and the tests ask) and TINYKM_COMPACT_CODE
# (kernels::compact_code, the algorithms' one code-size choice). Never exported to users.
foreach(_target tinykm_build tinykm_internal)
  target_compile_definitions(${_target} INTERFACE TINYKM_HAVE_HWY=$<BOOL:${TINYKM_BACKEND_HWY}>
    TINYKM_HAVE_XSIMD=$<BOOL:${TINYKM_BACKEND_XSIMD}>
    TINYKM_COMPACT_CODE=$<BOOL:${TINYKM_COMPACT_CODE}>)
endforeach()
