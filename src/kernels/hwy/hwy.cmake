# Highway backend (Debian libhwy-dev 1.0.3). Included by the root CMakeLists.txt.
# Dynamic mode (hosts): every kernel compiled for each x86/Arm target by foreach_target.h and
# chosen at run time, linking libhwy. Static mode (cross builds, TINYKM_HWY_STATIC): header-only,
# only the target the compiler flags enable (NEON, SVE, SCALAR), no libhwy to link or install.
option(TINYKM_HWY_STATIC "Highway header-only with its single static target" ${CMAKE_CROSSCOMPILING})

set(TINYKM_HWY_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/assign_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/accumulate_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/assign_accumulate_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/distances_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trial_potentials_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lanes_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_hwy.cpp
)
# Sees the contract, the kernels' shared headers and its own folder (HWY_TARGET_INCLUDE names
# its files from there).
tinykm_layer(tinykm_kernels_hwy SEES kernels/contract kernels kernels/hwy SOURCES
  ${TINYKM_HWY_SOURCES})
# lanes_nearest gives the scalar reference's bits (kernels.hpp): every lanes file, scalar
# included, is built without contraction, so no backend fuses Mul and Add (x86-64's baseline has
# no FMA; on Arm the compiler would fuse the scalar and vector code differently).
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/lanes_hwy.cpp PROPERTIES
    COMPILE_OPTIONS -ffp-contract=off)
endif()
if(TINYKM_HWY_STATIC)
  tinykm_header_dir(_tinykm_hwy_dir hwy highway.h)
  target_include_directories(tinykm_kernels_hwy SYSTEM PRIVATE ${_tinykm_hwy_dir})
  target_compile_definitions(tinykm_kernels_hwy PRIVATE HWY_COMPILE_ONLY_STATIC=1)
  # Only the tests ask (tests/hwy_target_loop.hpp): no target is forced there.
  target_compile_definitions(tinykm_internal INTERFACE TINYKM_HWY_STATIC=1)
else()
  find_package(hwy CONFIG REQUIRED)
  target_link_libraries(tinykm_kernels_hwy PRIVATE hwy::hwy)
  tinykm_library_link(hwy::hwy)
endif()
