# CPack post-build step: makes the -dbgsym package CMake 3.25 writes into one Debian accepts
# (lintian clean). CPack lists the debug file in md5sums under its own staging path, and the
# package has no doc folder; as dh_strip does, the folder becomes a link to the main package's
# (the dbgsym package depends on that exact version, so its copyright and changelog apply).
foreach(ddeb IN LISTS CPACK_PACKAGE_FILES)
  if(NOT ddeb MATCHES "-dbgsym_.*\\.ddeb$")
    continue()
  endif()
  set(root "${ddeb}.d")
  file(REMOVE_RECURSE "${root}")
  execute_process(COMMAND dpkg-deb -R "${ddeb}" "${root}" COMMAND_ERROR_IS_FATAL ANY)
  file(STRINGS "${root}/DEBIAN/control" name_line REGEX "^Package: ")
  string(REGEX REPLACE "^Package: (.*)-dbgsym$" "\\1" main "${name_line}")
  file(MAKE_DIRECTORY "${root}/usr/share/doc")
  file(CREATE_LINK "${main}" "${root}/usr/share/doc/${main}-dbgsym" SYMBOLIC)
  file(GLOB_RECURSE debug_files RELATIVE "${root}" "${root}/usr/lib/debug/*")
  set(sums "")
  foreach(f IN LISTS debug_files)
    file(MD5 "${root}/${f}" md5)
    string(APPEND sums "${md5}  ${f}\n")
  endforeach()
  file(WRITE "${root}/DEBIAN/md5sums" "${sums}")
  execute_process(COMMAND dpkg-deb --root-owner-group -Zxz -b "${root}" "${ddeb}"
                  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  file(REMOVE_RECURSE "${root}")
endforeach()
