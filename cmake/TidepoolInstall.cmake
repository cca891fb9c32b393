# What `cmake --install` ships for embedding hosts (docs/embedding.md):
#   component "engine":  lib/libtidepool.so*, include/tidepool/*.h (the embedding API and the
#                        Result/Cancellation headers it uses) and lib/cmake/Tidepool, so a host
#                        writes find_package(Tidepool) and links Tidepool::engine;
#   component "plugins": every tidepool-*.so provider plugin under lib/tidepool/plugins.
# The plugin API (component "plugin-api") is installed by plugin-api/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(TIDEPOOL_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Tidepool)
set(TIDEPOOL_INSTALL_PLUGINDIR ${CMAKE_INSTALL_LIBDIR}/tidepool/plugins)

install(TARGETS tidepool_engine EXPORT TidepoolTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT engine
                NAMELINK_COMPONENT engine)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/tidepool
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT engine FILES_MATCHING PATTERN "*.h")
install(EXPORT TidepoolTargets NAMESPACE Tidepool:: DESTINATION ${TIDEPOOL_INSTALL_CMAKEDIR}
        COMPONENT engine)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/TidepoolConfig.cmake.in
  ${PROJECT_BINARY_DIR}/TidepoolConfig.cmake
  INSTALL_DESTINATION ${TIDEPOOL_INSTALL_CMAKEDIR}
  PATH_VARS TIDEPOOL_INSTALL_PLUGINDIR)
# Before 1.0 a minor version may change the API: only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/TidepoolConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/TidepoolConfig.cmake
              ${PROJECT_BINARY_DIR}/TidepoolConfigVersion.cmake
        DESTINATION ${TIDEPOOL_INSTALL_CMAKEDIR} COMPONENT engine)

# Every provider plugin target (tidepool-<name>) of the plugins/ folders; test fixtures live
# elsewhere and are not shipped.
get_property(_tp_plugin_folders DIRECTORY ${PROJECT_SOURCE_DIR}/plugins PROPERTY SUBDIRECTORIES)
foreach(_folder IN LISTS _tp_plugin_folders)
  get_property(_targets DIRECTORY ${_folder} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(_target IN LISTS _targets)
    if(_target MATCHES "^tidepool-")
      install(TARGETS ${_target} LIBRARY DESTINATION ${TIDEPOOL_INSTALL_PLUGINDIR}
              COMPONENT plugins)
    endif()
  endforeach()
endforeach()
