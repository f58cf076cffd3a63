# Install rules: the headers, the static library, a CMake package (find_package(tinykm) ->
# tinykm::tinykm) and a pkg-config file (tinykm.pc). Included by the root CMakeLists.txt after
# the backends, which decide the package's dependencies: hwy::hwy is a link dependency of the
# static library when the Highway backend is on; xsimd is header-only and private.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_tinykm_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tinykm)

target_include_directories(tinykm PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tinykm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(TARGETS tinykm EXPORT tinykmTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT tinykmTargets NAMESPACE tinykm:: DESTINATION ${_tinykm_cmake_dir})

# The package config finds hwy before it loads the targets that name hwy::hwy.
set(TINYKM_PACKAGE_NEEDS_HWY ${TINYKM_BACKEND_HWY})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tinykmConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tinykmConfig.cmake INSTALL_DESTINATION ${_tinykm_cmake_dir})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tinykmConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tinykmConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/tinykmConfigVersion.cmake
        DESTINATION ${_tinykm_cmake_dir})

# pkg-config: the prefix is found from the .pc file's own place (${pcfiledir}), so the file stays
# right under `cmake --install --prefix`. The static library needs hwy (when on), the C++
# runtime (for C programs) and libm.
set(_tinykm_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${_tinykm_pc_dir}")
  set(TINYKM_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _tinykm_up "/root/${_tinykm_pc_dir}" "/root")  # ../.. for lib/pkgconfig
  string(REGEX REPLACE "/$" "" _tinykm_up "${_tinykm_up}")
  set(TINYKM_PC_PREFIX "\${pcfiledir}/${_tinykm_up}")
endif()
set(TINYKM_PC_REQUIRES "")
if(TINYKM_BACKEND_HWY)
  set(TINYKM_PC_REQUIRES "libhwy")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/tinykm.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tinykm.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tinykm.pc DESTINATION ${_tinykm_pc_dir})
