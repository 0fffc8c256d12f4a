# Builds the pack from SOURCE twice and checks the two files are byte-identical.
# Arguments: -DKIOSK=… -DEMULATOR=… -DSOURCE=… -DOUT=…
foreach(n 1 2)
  file(REMOVE "${OUT}.${n}.kpack")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=1700000000
            ${EMULATOR} ${KIOSK} pack build ${SOURCE} -o ${OUT}.${n}.kpack
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "build ${n} failed:\n${out}${err}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}.1.kpack ${OUT}.2.kpack
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two builds of ${SOURCE} differ")
endif()
