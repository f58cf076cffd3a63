# Install rules: the headers, the library (static, or shared with TINYKM_SHARED), a CMake package
# (find_package(tinykm) -> tinykm::tinykm, and tinykm::mpi when built) and a pkg-config file
# (tinykm.pc). Included by the root CMakeLists.txt after the backends, which decide the package's
# dependencies: hwy::hwy is a link dependency of the static library when the Highway backend is
# on (the shared library links it itself); xsimd is header-only and private.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_tinykm_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tinykm)

foreach(_library IN LISTS TINYKM_LIBRARIES)
  target_include_directories(${_library} PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()
# mpi.hpp only with the library that defines its functions.
set(_tinykm_header_exclude "")
if(NOT TINYKM_WITH_MPI)
  set(_tinykm_header_exclude PATTERN "mpi.hpp" EXCLUDE)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tinykm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp" ${_tinykm_header_exclude})
install(TARGETS tinykm EXPORT tinykmTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT tinykmTargets NAMESPACE tinykm:: DESTINATION ${_tinykm_cmake_dir})

# The package config finds what the exported targets name before it loads them: hwy::hwy (the
# static library with Highway) and MPI::MPI_CXX (tinykm::mpi, the component mpi).
if(TINYKM_BACKEND_HWY AND NOT TINYKM_HWY_STATIC AND NOT TINYKM_SHARED)
  set(TINYKM_PACKAGE_NEEDS_HWY ON)
else()
  set(TINYKM_PACKAGE_NEEDS_HWY OFF)
endif()
set(TINYKM_PACKAGE_NEEDS_MPI ${TINYKM_WITH_MPI})
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
# runtime (for C programs) and libm; the shared library has them as its own dependencies, which
# only a static link (pkg-config --static) names.
set(_tinykm_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${_tinykm_pc_dir}")
  set(TINYKM_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _tinykm_up "/root/${_tinykm_pc_dir}" "/root")  # ../.. for lib/pkgconfig
  string(REGEX REPLACE "/$" "" _tinykm_up "${_tinykm_up}")
  set(TINYKM_PC_PREFIX "\${pcfiledir}/${_tinykm_up}")
endif()
set(_tinykm_pc_hwy "")
if(TINYKM_BACKEND_HWY AND NOT TINYKM_HWY_STATIC)
  set(_tinykm_pc_hwy "libhwy")
endif()
if(TINYKM_SHARED)
  set(TINYKM_PC_REQUIRES "")
  set(TINYKM_PC_LIBS "-L\${libdir} -ltinykm")
  set(TINYKM_PC_PRIVATE "Requires.private: ${_tinykm_pc_hwy}\nLibs.private: -lstdc++ -lm")
else()
  set(TINYKM_PC_REQUIRES "${_tinykm_pc_hwy}")
  set(TINYKM_PC_LIBS "-L\${libdir} -ltinykm -lstdc++ -lm")
  set(TINYKM_PC_PRIVATE "")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/tinykm.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tinykm.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tinykm.pc DESTINATION ${_tinykm_pc_dir})

# tinykm_install_host_targets(): the command-line tools and tinykm::mpi, those that are built.
# Called by the root CMakeLists.txt once they exist; _tinykm_cmake_dir is the package's folder. Installed tools find a shared libtinykm in
# the prefix's library folder.
function(tinykm_install_host_targets)
  if(TARGET tinykm_mpi)  # a file of its own: the package loads it only where MPI is found
    set_target_properties(tinykm_mpi PROPERTIES EXPORT_NAME mpi)  # tinykm::mpi, as in the tree
    install(TARGETS tinykm_mpi EXPORT tinykmMpiTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(EXPORT tinykmMpiTargets NAMESPACE tinykm:: DESTINATION ${_tinykm_cmake_dir})
  endif()
  foreach(tool IN ITEMS tinykm_cli tinykm_mpi_cli)
    if(TARGET ${tool})
      set_target_properties(${tool} PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
      install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    endif()
  endforeach()
endfunction()
