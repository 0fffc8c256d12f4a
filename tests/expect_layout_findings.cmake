# Runs `kiosk layout-check` with ARGS (one string, split as a shell would) and expects findings:
# exit status 1 and a finding on stdout matching EXPECT. The check that passes on every panel CI
# runs must also be able to fail, or its passing says nothing.
# Arguments: -DKIOSK=… -DEMULATOR=… -DARGS=… -DEXPECT=…
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${EMULATOR} ${KIOSK} layout-check ${args} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "kiosk layout-check ${ARGS} exited ${rc}, not 1 (findings):\n${out}${err}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "kiosk layout-check ${ARGS} printed no finding like \"${EXPECT}\":\n${out}${err}")
endif()
