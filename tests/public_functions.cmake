# tinykm_public_functions(<out> <include dir>): "name|header" for every public function, i.e. a
# declaration at the start of a line in the folder's headers; constexpr ones aside (inline, no
# symbol, no allocation), mpi.hpp aside (its own library, and MPI allocates). Shared by
# entry_points_covered.cmake and consumers/exported_symbols.cmake.
function(tinykm_public_functions out include_dir)
  file(GLOB headers "${include_dir}/*.hpp" "${include_dir}/*.h")
  list(FILTER headers EXCLUDE REGEX "/mpi\\.hpp$")
  set(found "")
  foreach(header IN LISTS headers)
    file(STRINGS "${header}" lines REGEX "^[A-Za-z_].*[ *&]([a-z_0-9]+)\\(")
    foreach(line IN LISTS lines)
      if(line MATCHES "^(constexpr|template|typedef|#|namespace|struct|enum|using)")
        continue()
      endif()
      string(REGEX MATCH "([a-z_0-9]+)\\(" name "${line}")
      string(REGEX REPLACE "\\($" "" name "${name}")
      list(APPEND found "${name}|${header}")
    endforeach()
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()
