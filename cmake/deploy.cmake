# Laying the kiosk out on a board: `cmake --install` (or the .deb CPack builds) puts the binary,
# the bundled pack, the map and the font list, the documented configuration, a systemd unit that
# starts it on boot on KMS/DRM, a udev rule that mounts sticks where the kiosk looks for packs,
# the manual pages, and in the doc folder named after the package the README, copyright and
# changelog.
set(KIOSK_CONFIG_FILE "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk/kiosk.ini")
target_compile_definitions(kiosk PRIVATE KIOSK_CONFIG_FILE="${KIOSK_CONFIG_FILE}")
set(KIOSK_PACKAGE "exhibit-kiosk")
set(KIOSK_DOCDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/${KIOSK_PACKAGE}")
set(KIOSK_DATADIR "${CMAKE_INSTALL_FULL_DATADIR}/kiosk")
set(KIOSK_VERSION "${PROJECT_VERSION}")
# The package's debug symbols go to a -dbgsym package (see below); they are made in every build,
# which changes no code.
target_compile_options(kiosk PRIVATE -g)
target_compile_options(kiosk_core PRIVATE -g)

install(TARGETS kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES "${KIOSK_BUNDLED_PACK}" DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
install(FILES "${KIOSK_ASSETS_OUT}/map/delta.txt" DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/assets/map)
# The font is Debian's (fonts-noto-cjk, a dependency of the package), not a copy of its 19.5 MB:
# the installed font list names a link to it. The kiosk needs no fixed version of the font: it
# checks every pack's characters against the font it has before installing it.
# (The build tree keeps its copy beside the binary, for tests and development.)
set(KIOSK_SYSTEM_CJK_FONT "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" CACHE FILEPATH
    "Where the installed kiosk finds Noto Sans CJK (Debian's fonts-noto-cjk)")
file(RELATIVE_PATH KIOSK_FONT_LINK "${KIOSK_DATADIR}/assets/fonts" "${KIOSK_SYSTEM_CJK_FONT}")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/install-fonts")
file(CREATE_LINK "${KIOSK_FONT_LINK}" "${CMAKE_BINARY_DIR}/install-fonts/NotoSansCJK-Regular.ttc"
     SYMBOLIC)
install(FILES "${CMAKE_SOURCE_DIR}/assets/fonts/fonts.txt"
              "${CMAKE_BINARY_DIR}/install-fonts/NotoSansCJK-Regular.ttc"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/assets/fonts)
install(FILES "${CMAKE_SOURCE_DIR}/scripts/kiosk.ini" DESTINATION "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk")
configure_file("${CMAKE_SOURCE_DIR}/scripts/kiosk.service.in" "${CMAKE_BINARY_DIR}/kiosk.service" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/kiosk.service" DESTINATION lib/systemd/system)
# The udev rule hands every USB file system to its helper, which decides whether and how to mount.
set(KIOSK_USB_MOUNT "${CMAKE_INSTALL_FULL_LIBEXECDIR}/kiosk/usb-mount")
configure_file("${CMAKE_SOURCE_DIR}/scripts/99-kiosk-usb.rules" "${CMAKE_BINARY_DIR}/99-kiosk-usb.rules"
               @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/99-kiosk-usb.rules" DESTINATION lib/udev/rules.d)
install(PROGRAMS "${CMAKE_SOURCE_DIR}/scripts/usb-mount" DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kiosk)
# Completion of commands, options and their files in bash (loaded on demand by bash-completion).
install(FILES "${CMAKE_SOURCE_DIR}/scripts/kiosk.bash-completion"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME kiosk)

# Manual pages and the changelog, compressed as Debian wants them (gzip -9n: no name, no time).
set(KIOSK_GZ_FILES)
foreach(page kiosk.1 kiosk.ini.5)
  configure_file("${CMAKE_SOURCE_DIR}/scripts/man/${page}" "${CMAKE_BINARY_DIR}/man/${page}" @ONLY)
  list(APPEND KIOSK_GZ_FILES "${CMAKE_BINARY_DIR}/man/${page}")
endforeach()
configure_file("${CMAKE_SOURCE_DIR}/scripts/debian/changelog" "${CMAKE_BINARY_DIR}/doc/changelog"
               COPYONLY)
list(APPEND KIOSK_GZ_FILES "${CMAKE_BINARY_DIR}/doc/changelog")
set(KIOSK_GZ_OUT)
foreach(f IN LISTS KIOSK_GZ_FILES)
  add_custom_command(OUTPUT "${f}.gz" COMMAND gzip -9nkf "${f}" DEPENDS "${f}"
                     COMMENT "Compressing ${f}")
  list(APPEND KIOSK_GZ_OUT "${f}.gz")
endforeach()
add_custom_target(kiosk_docs ALL DEPENDS ${KIOSK_GZ_OUT})
install(FILES "${CMAKE_BINARY_DIR}/man/kiosk.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${CMAKE_BINARY_DIR}/man/kiosk.ini.5.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES "${CMAKE_BINARY_DIR}/doc/changelog.gz" "${CMAKE_SOURCE_DIR}/scripts/debian/copyright"
              "${CMAKE_SOURCE_DIR}/README.md" DESTINATION ${KIOSK_DOCDIR})
install(FILES "${CMAKE_SOURCE_DIR}/content/README.md" DESTINATION ${KIOSK_DOCDIR}
        RENAME content-README.md)

# The Debian package: `cpack -G DEB` in a build configured with -DCMAKE_INSTALL_PREFIX=/usr.
set(CPACK_PACKAGE_NAME "${KIOSK_PACKAGE}")
set(CPACK_PACKAGE_VENDOR "Exhibit Kiosk")
set(CPACK_PACKAGE_CONTACT "Exhibit Kiosk maintainers <kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touch kiosk for exhibition halls (SDL2, KMS/DRM)")
set(CPACK_PACKAGE_DESCRIPTION [=[
A fullscreen touch kiosk for low-power boards such as the Raspberry Pi. It
shows exhibits (achievements, the cities of a corridor, a timeline of
events) from a signed SQLite content pack, in Chinese and English, straight
on KMS/DRM from boot as a hardened systemd service.
.
Curators build, validate and sign content packs with the same program and
take them to the kiosk on a USB stick; the kiosk checks the signature,
installs the pack atomically and keeps the previous one for rollback. It
records which exhibits were visited, for how long and in which language
(nothing about the visitors) and exports that as CSV to a stick.
.
The bundled content is the Yangtze River Delta science and technology
innovation community.]=])
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# SDL on KMS/DRM draws through EGL, GBM and a Mesa DRI driver (v3d on a Pi); none is a link
# dependency of the binary, so shlibdeps cannot find them.
# fonts-noto-cjk: the kiosk's font (see above). libqrencode4: opened when the first QR code is
# drawn (app/render/qr.c), not linked, so shlibdeps cannot find it either.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, systemd, udev, fonts-noto-cjk, libegl1, libgles2, libgbm1, libgl1-mesa-dri, libqrencode4")
# The binary is stripped; its debug symbols go to exhibit-kiosk-dbgsym_*.ddeb beside the .deb.
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_POST_BUILD_SCRIPTS "${CMAKE_SOURCE_DIR}/cmake/fix-dbgsym.cmake")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/scripts/deb/postinst;${CMAKE_SOURCE_DIR}/scripts/deb/prerm;${CMAKE_SOURCE_DIR}/scripts/deb/postrm;${CMAKE_SOURCE_DIR}/scripts/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
