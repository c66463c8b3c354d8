# Browser tests of the default theme (tests/browser/run.js): Node.js with playwright-core
# driving Debian's Chromium, axe-core and the Nu HTML Checker (vnu-jar, run with Java).
# `NASTAVNIK_TEST_DEPS=1 scripts/setup.sh` installs all of it. The test is always
# registered: without its tools it fails and names what is missing.
# Included from tests/CMakeLists.txt: include(browser/tests.cmake)
find_program(NODE_EXECUTABLE node)
if(NOT NODE_EXECUTABLE)
  set(NODE_EXECUTABLE node)
endif()
add_test(NAME browser.theme COMMAND "${NODE_EXECUTABLE}" "${CMAKE_CURRENT_LIST_DIR}/run.js")
set_tests_properties(browser.theme PROPERTIES
  ENVIRONMENT "NASTAVNIK=$<TARGET_FILE:nastavnik>;NASTAVNIK_REPO=${PROJECT_SOURCE_DIR};NASTAVNIK_ARTIFACTS=${PROJECT_BINARY_DIR}/test-artifacts"
  TIMEOUT 900
  # Chromium and the Java checker take both cores: ctest -j2 runs nothing beside it.
  RUN_SERIAL TRUE
  LABELS browser)
# The browser editor (tests/browser/editor.js): Decap CMS against decap-server, the local
# backend, over a copy of content/; what the form writes must pass `nastavnik check`.
add_test(NAME browser.editor COMMAND "${NODE_EXECUTABLE}" "${CMAKE_CURRENT_LIST_DIR}/editor.js")
set_tests_properties(browser.editor PROPERTIES
  ENVIRONMENT "NASTAVNIK=$<TARGET_FILE:nastavnik>;NASTAVNIK_REPO=${PROJECT_SOURCE_DIR};NASTAVNIK_ARTIFACTS=${PROJECT_BINARY_DIR}/test-artifacts"
  TIMEOUT 300
  RUN_SERIAL TRUE
  LABELS browser)
# Search (tests/browser/search.js): the demo site and the search fixture built with their
# search index, served over HTTP; inflected queries, ё and е, the filters, names without
# consent never found, the keyboard, axe in every colour scheme, the page without JavaScript.
add_test(NAME browser.search COMMAND "${NODE_EXECUTABLE}" "${CMAKE_CURRENT_LIST_DIR}/search.js")
set_tests_properties(browser.search PROPERTIES
  ENVIRONMENT "NASTAVNIK=$<TARGET_FILE:nastavnik>;NASTAVNIK_REPO=${PROJECT_SOURCE_DIR};NASTAVNIK_ARTIFACTS=${PROJECT_BINARY_DIR}/test-artifacts"
  TIMEOUT 300
  RUN_SERIAL TRUE
  LABELS browser)
