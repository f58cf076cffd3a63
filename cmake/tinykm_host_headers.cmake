# Header-only Debian packages (Highway, xsimd, Catch2) live in the host's /usr/include. A cross
# compiler must not search /usr/include itself (the host's glibc headers would shadow the
# target's), so cross builds see each package through a folder that holds only a link to it.

# Sets <out_var> to an include directory in which <subdir>/<probe> resolves, e.g.
#   tinykm_header_dir(dir hwy highway.h)  ->  #include "hwy/highway.h" works with -I${dir}.
function(tinykm_header_dir out_var subdir probe)
  find_path(_tinykm_found_${subdir} ${subdir}/${probe} PATHS /usr/include /usr/local/include
            NO_CMAKE_FIND_ROOT_PATH)
  set(found "${_tinykm_found_${subdir}}")
  if(NOT found)
    message(FATAL_ERROR "tinykm: ${subdir}/${probe} not found (is its Debian -dev package installed?)")
  endif()
  if(CMAKE_CROSSCOMPILING)
    set(links "${CMAKE_BINARY_DIR}/host_headers/${subdir}")
    file(MAKE_DIRECTORY "${links}")
    file(CREATE_LINK "${found}/${subdir}" "${links}/${subdir}" SYMBOLIC)
    set(found "${links}")
  endif()
  set(${out_var} "${found}" PARENT_SCOPE)
endfunction()
