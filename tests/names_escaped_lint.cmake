# No line for people is printed around the escape: every printf or fprintf to stdout or stderr
# whose format takes a string (%s, %-40s…) must be ks_diag_log or ks_diag_print instead, which
# escape control characters (a name like "x\n[fake] error\e[2J" forges lines and drives the
# terminal otherwise). app/util/diag.c is the sink itself. Files the kiosk writes for itself
# (fprintf to a FILE other than stdout and stderr) are not for people and not checked.
# Usage: cmake -DSOURCE=<repo> -P names_escaped_lint.cmake
file(GLOB_RECURSE sources "${SOURCE}/app/*.c")
set(found "")
foreach(src IN LISTS sources)
  if(src MATCHES "/app/util/diag\\.c$")
    continue()
  endif()
  file(READ "${src}" text)
  # One statement: from the call to the first semicolon (formats hold none here).
  string(REGEX MATCHALL "([^a-z_v]printf|fprintf\\((stderr|stdout),)[^;]*;" calls "${text}")
  foreach(call IN LISTS calls)
    if(call MATCHES "\"[^\"]*%[-+ #0-9.*]*s")
      string(REPLACE "${SOURCE}/" "" rel "${src}")
      string(APPEND found "${rel}: ${call}\n")
    endif()
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "printed without escaping names; use ks_diag_log (kiosk/diag.h):\n${found}")
endif()
message(STATUS "every line that prints a string goes through ks_diag_log or ks_diag_print")
