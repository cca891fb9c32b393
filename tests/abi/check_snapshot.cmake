# Fails when a file under plugin-api/abi-snapshots/<version>/ differs from its SHA256SUMS line:
# released headers are immutable; a new release gets a new snapshot directory.
# Usage: cmake -DSNAPSHOT_DIR=<dir> -P check_snapshot.cmake
file(STRINGS "${SNAPSHOT_DIR}/SHA256SUMS" lines)
list(LENGTH lines count)
if(count EQUAL 0)
  message(FATAL_ERROR "no SHA256SUMS entries in ${SNAPSHOT_DIR}")
endif()
foreach(line IN LISTS lines)
  string(REGEX MATCH "^([0-9a-f]+)  (.+)$" _ "${line}")
  set(expected "${CMAKE_MATCH_1}")
  set(path "${CMAKE_MATCH_2}")
  file(SHA256 "${SNAPSHOT_DIR}/${path}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "released header ${SNAPSHOT_DIR}/${path} changed (sha256 ${actual}, "
                        "frozen ${expected}); released snapshots are immutable")
  endif()
endforeach()
file(GLOB_RECURSE present RELATIVE "${SNAPSHOT_DIR}" "${SNAPSHOT_DIR}/tidepool/*")
list(LENGTH present present_count)
if(NOT present_count EQUAL count)
  message(FATAL_ERROR "${SNAPSHOT_DIR} has ${present_count} headers but SHA256SUMS lists ${count}")
endif()
message(STATUS "${count} frozen headers unchanged")
