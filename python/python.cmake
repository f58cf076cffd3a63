# TINYKM_BUILD_PYTHON: the Python package `tinykm` (python/). On by default for a top-level host
# build where pybind11 and a Python 3 with numpy and its headers are found (Debian: pybind11-dev,
# python3-dev, python3-numpy). Debian's /usr/bin/python3 is preferred over a python3 earlier on
# PATH (a pyenv shim has no numpy); -DPython3_EXECUTABLE=... picks another. Off by default under
# the sanitizers and fuzzers (an instrumented module cannot load into a plain interpreter) and
# with -fno-exceptions (pybind11 needs exceptions).
set(_tinykm_python_default OFF)
if(TINYKM_TOP_LEVEL AND NOT CMAKE_CROSSCOMPILING AND NOT TINYKM_SANITIZE AND NOT TINYKM_SANITIZE_THREAD
   AND NOT TINYKM_FUZZ AND NOT TINYKM_NO_EXCEPTIONS)
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3)
  endif()
  find_package(Python3 QUIET COMPONENTS Interpreter Development.Module NumPy)
  if(Python3_FOUND)
    find_package(pybind11 2.6 CONFIG QUIET)
    set(_tinykm_python_default ${pybind11_FOUND})
  endif()
endif()
option(TINYKM_BUILD_PYTHON "Build the Python package tinykm (pybind11, numpy)" ${_tinykm_python_default})
if(TINYKM_BUILD_PYTHON)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module NumPy)
  find_package(pybind11 2.6 CONFIG REQUIRED)
  add_subdirectory(python)
endif()
