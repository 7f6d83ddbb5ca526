# Fails when a .ts file misses a translation for any string in the sources: a copy of it is
# brought up to date with lupdate, then searched for unfinished or empty entries.
# -DLUPDATE=... -DTS_FILE=... -DSOURCE_DIR=... -DWORK_DIR=... [-DPLURAL_ONLY=ON]
get_filename_component(name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${name}")
file(MAKE_DIRECTORY "${WORK_DIR}")
configure_file("${TS_FILE}" "${copy}" COPYONLY)
set(options -no-obsolete -locations none)
if(PLURAL_ONLY)
    list(APPEND options -pluralonly)
endif()
execute_process(
    COMMAND "${LUPDATE}" ${options} -locations none "${SOURCE_DIR}/src" "${SOURCE_DIR}/ui" "${SOURCE_DIR}/app"
            -ts "${copy}"
    RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${errors}")
endif()
file(READ "${copy}" content)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*<translation type=\"unfinished\"" unfinished "${content}")
list(LENGTH unfinished count)
if(count GREATER 0)
    message(FATAL_ERROR "${name}: ${count} unfinished translations, e.g. ${unfinished}")
endif()
if(content MATCHES "<translation></translation>|<numerusform></numerusform>")
    message(FATAL_ERROR "${name}: an empty translation")
endif()
message(STATUS "${name}: complete")
