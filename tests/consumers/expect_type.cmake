# With -DTINYKM_EXPECT_TYPE=STATIC_LIBRARY or SHARED_LIBRARY, a consumer of the CMake package
# checks it was given that kind of library (so a shared run cannot pass on a static install).
if(TINYKM_EXPECT_TYPE)
  get_target_property(_tinykm_type tinykm::tinykm TYPE)
  if(NOT _tinykm_type STREQUAL TINYKM_EXPECT_TYPE)
    message(FATAL_ERROR "tinykm::tinykm is a ${_tinykm_type}, expected ${TINYKM_EXPECT_TYPE}")
  endif()
endif()
# With -DTINYKM_EXPECT_MPI=ON (a C++ consumer of an MPI build), the package has tinykm::mpi.
if(TINYKM_EXPECT_MPI AND NOT TARGET tinykm::mpi)
  message(FATAL_ERROR "the package has no tinykm::mpi")
endif()
