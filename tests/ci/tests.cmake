# tests/ci: the command line (check formats, new, serve, reference, the build summary), the
# editors' guide in docs/ and the pipeline file. Python scripts run with Debian's python3,
# which has python3-yaml. Include from tests/CMakeLists.txt:
#   include(ci/tests.cmake)
set(CI_TESTS_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with python3-yaml for tests/ci")
file(GLOB CI_TESTS CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/test_*.py")
foreach(test_file IN LISTS CI_TESTS)
  get_filename_component(test_name "${test_file}" NAME_WE)
  add_test(NAME "ci.${test_name}" COMMAND "${CI_TESTS_PYTHON}" "${test_file}")
  set_tests_properties("ci.${test_name}" PROPERTIES
    ENVIRONMENT "NASTAVNIK=$<TARGET_FILE:nastavnik>;NASTAVNIK_REPO=${PROJECT_SOURCE_DIR}"
    TIMEOUT 600)
endforeach()
# Runs the build, check and pages jobs with gitlab-ci-local: the first run installs it
# (npm ci compiles re2) and compiles nastavnik in a copy of the tree; later runs reuse both.
if(TEST ci.test_ci_local)
  set_tests_properties(ci.test_ci_local PROPERTIES TIMEOUT 3600 RESOURCE_LOCK nastavnik_ci_local LABELS slow)
endif()
