# tidepool_add_plugin(NAME <name> SOURCES <src>... [LIBS <lib>...] [OUTPUT_DIR <dir>])
#
# Builds tidepool-<name>.so: a MODULE library (never linked against, only dlopen()ed), no "lib"
# prefix, hidden visibility, and a version script that exports tidepool_entry_v1 and nothing
# else. The output goes to ${PROJECT_BINARY_DIR}/plugins/ so a daemon can point at one plugin
# directory; OUTPUT_DIR overrides that (test fixtures must not land in the real plugin dir).
#
# Works in the Tidepool tree and, through find_package(TidepoolPluginAPI), out of tree.
include_guard(GLOBAL)

# Captured at include time: inside the function CMAKE_CURRENT_LIST_DIR is the caller's folder.
set(_TIDEPOOL_PLUGIN_MAP "${CMAKE_CURRENT_LIST_DIR}/tidepool-plugin.map"
    CACHE INTERNAL "Linker version script for Tidepool plugins")

function(tidepool_add_plugin)
  cmake_parse_arguments(P "" "NAME;OUTPUT_DIR" "SOURCES;LIBS" ${ARGN})
  if(NOT P_NAME OR NOT P_SOURCES)
    message(FATAL_ERROR "tidepool_add_plugin: NAME and SOURCES are required")
  endif()
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR "${PROJECT_BINARY_DIR}/plugins")
  endif()
  set(target "tidepool-${P_NAME}")
  add_library(${target} MODULE ${P_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "tidepool-${P_NAME}"
    LIBRARY_OUTPUT_DIRECTORY "${P_OUTPUT_DIR}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    LINK_DEPENDS "${_TIDEPOOL_PLUGIN_MAP}")
  target_link_libraries(${target} PRIVATE Tidepool::plugin_api ${P_LIBS})
  target_link_options(${target} PRIVATE "LINKER:--version-script=${_TIDEPOOL_PLUGIN_MAP}")
  # An unresolved symbol should fail the build, not the dlopen() in production. Sanitizer
  # runtimes resolve symbols at load time, so the check is skipped for those builds.
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND NOT CMAKE_C_FLAGS MATCHES "-fsanitize"
     AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
endfunction()
