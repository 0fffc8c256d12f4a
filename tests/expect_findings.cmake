# Runs `kiosk pack validate CASE` in DIR and checks that it fails and prints every line of
# CASE/expect.txt. Arguments: -DKIOSK=… -DEMULATOR=… -DDIR=… -DCASE=… -DARTICLES=…
execute_process(
  COMMAND ${EMULATOR} ${KIOSK} pack validate ${CASE} --sources-dir ${ARTICLES}
  WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(STRINGS "${DIR}/${CASE}/expect.txt" expected ENCODING UTF-8)
# A case that expects an error must fail; one that expects only warnings must pass.
string(FIND "${expected}" ": error: " expects_error)
if(expects_error GREATER -1 AND rc EQUAL 0)
  message(FATAL_ERROR "${CASE}: validation passed but must fail\n${out}${err}")
elseif(expects_error EQUAL -1 AND NOT rc EQUAL 0)
  message(FATAL_ERROR "${CASE}: validation failed but must pass with warnings\n${out}${err}")
endif()
foreach(line IN LISTS expected)
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${CASE}: expected finding missing:\n  ${line}\noutput was:\n${out}${err}")
  endif()
endforeach()
