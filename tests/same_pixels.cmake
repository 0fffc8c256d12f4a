# Replays SCRIPT twice into OUT/1 and OUT/2 and checks every screenshot is byte-identical.
# Arguments: -DKIOSK=… -DEMULATOR=… -DSCRIPT=… -DPACK=… -DOUT=…
foreach(n 1 2)
  file(REMOVE_RECURSE "${OUT}/${n}")
  file(MAKE_DIRECTORY "${OUT}/${n}")
  execute_process(COMMAND ${EMULATOR} ${KIOSK} play ${SCRIPT} --pack ${PACK} --out-dir ${OUT}/${n}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "replay ${n} failed:\n${out}${err}")
  endif()
endforeach()
file(GLOB shots RELATIVE "${OUT}/1" "${OUT}/1/*.png")
list(LENGTH shots count)
if(count EQUAL 0)
  message(FATAL_ERROR "the script took no screenshots")
endif()
foreach(shot IN LISTS shots)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/1/${shot} ${OUT}/2/${shot}
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "${shot} differs between two replays of the same script")
  endif()
endforeach()
