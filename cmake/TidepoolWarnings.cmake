# tidepool_warnings(target): the project's warning set; errors when TIDEPOOL_WERROR is on.
function(tidepool_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         $<$<BOOL:${TIDEPOOL_WERROR}>:-Werror>)
endfunction()

# tidepool_add_subdirectories(): adds every immediate subfolder that has a CMakeLists.txt, in
# name order, so a new module or test folder joins the build without editing a shared file.
function(tidepool_add_subdirectories)
  file(GLOB children RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child}
       AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
