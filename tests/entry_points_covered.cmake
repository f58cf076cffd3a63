# ctest: every public function (a declaration at the start of a line in INCLUDE_DIR's headers,
# constexpr ones aside: they cannot allocate; mpi.hpp aside: MPI allocates) is called somewhere
# in SOURCE, the allocation test. A new entry point fails this until test_no_alloc.cpp runs it
# under the counter.
# cmake -DSOURCE=tests/test_no_alloc.cpp -DINCLUDE_DIR=include/tinykm -P entry_points_covered.cmake
file(READ "${SOURCE}" source)
include(${CMAKE_CURRENT_LIST_DIR}/public_functions.cmake)
tinykm_public_functions(functions "${INCLUDE_DIR}")
set(missing "")
set(seen "")
foreach(entry IN LISTS functions)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 header)
  string(FIND "${source}" "${name}(" at)
  if(at EQUAL -1)
    list(APPEND missing "${name}() (${header})")
  endif()
  list(APPEND seen "${name}()")
endforeach()
list(REMOVE_DUPLICATES seen)
list(LENGTH seen count)
if(missing)
  list(JOIN missing "\n  " text)
  message(FATAL_ERROR "not called by ${SOURCE}:\n  ${text}")
endif()
list(JOIN seen " " names)
message(STATUS "all ${count} public functions are called by ${SOURCE}: ${names}")
