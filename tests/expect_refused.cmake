# Runs the kiosk with ARGS (one string, split as a shell would) and expects a refusal: a non-zero
# exit and stderr matching EXPECT.
# Arguments: -DKIOSK=… -DEMULATOR=… -DARGS=… -DEXPECT=…
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${EMULATOR} ${KIOSK} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "kiosk ${ARGS} succeeded; it should have refused:\n${out}${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "kiosk ${ARGS} failed (${rc}) without saying \"${EXPECT}\":\n${out}${err}")
endif()
