# CTest registers each TEST_CASE from the executable's list of names, one per line, as a
# CMake list: a ';' in a name splits it into two filters that match nothing, and the test
# "passes" without running.  This check fails on any such name, so it cannot happen again.
file(GLOB_RECURSE sources "${TEST_SOURCE_DIR}/*.cpp")
set(bad "")
foreach(source ${sources})
  file(STRINGS "${source}" lines ENCODING UTF-8 REGEX "TEST_CASE\\(\"")
  foreach(line IN LISTS lines)
    if(line MATCHES "TEST_CASE\\(\"[^\"]*;")
      list(APPEND bad "${source}: ${line}")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "TEST_CASE names with ';' (CTest cannot run them):\n${bad}")
endif()
