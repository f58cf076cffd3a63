# tinykm::mpi: distributed fit and fleet-wide stream merge on MPI (Debian libopenmpi-dev).
# Included by the root CMakeLists.txt when TINYKM_WITH_MPI is ON; the core library never links
# MPI, so firmware never sees it.
find_package(MPI REQUIRED COMPONENTS CXX)
add_library(tinykm_mpi STATIC
  ${CMAKE_CURRENT_LIST_DIR}/collectives.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rabenseifner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scratch_mpi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/init_mpi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/empty_clusters_mpi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fit_mpi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/merge_streams.cpp
)
add_library(tinykm::mpi ALIAS tinykm_mpi)
target_link_libraries(tinykm_mpi PUBLIC tinykm::tinykm MPI::MPI_CXX)
# The algorithm layers it distributes, through the one declared internal surface.
target_link_libraries(tinykm_mpi PRIVATE $<BUILD_INTERFACE:tinykm_internal>)
target_compile_options(tinykm_mpi PRIVATE -fno-math-errno)
set_target_properties(tinykm_mpi PROPERTIES CXX_EXTENSIONS OFF POSITION_INDEPENDENT_CODE ON)
tinykm_set_warnings(tinykm_mpi)
