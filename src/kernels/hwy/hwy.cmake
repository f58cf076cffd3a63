# Highway backend (Debian libhwy-dev 1.0.3): every kernel compiled for each x86/Arm target by
# foreach_target.h and chosen at run time. Included by the root CMakeLists.txt.
find_package(hwy CONFIG REQUIRED)

set(TINYKM_HWY_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/assign_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/accumulate_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/distances_hwy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_hwy.cpp
)
target_sources(tinykm PRIVATE ${TINYKM_HWY_SOURCES})
target_link_libraries(tinykm PUBLIC hwy::hwy)
target_compile_definitions(tinykm PUBLIC TINYKM_HAVE_HWY=1)
