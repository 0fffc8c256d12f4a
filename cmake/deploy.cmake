# Laying the kiosk out on a board: `cmake --install` (or the .deb CPack builds) puts the binary,
# the bundled pack, fonts and map, the documented configuration, a systemd unit that starts it on
# boot on KMS/DRM, and a udev rule that mounts sticks read-only where the kiosk looks for packs.
set(KIOSK_CONFIG_FILE "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk/kiosk.ini")
target_compile_definitions(kiosk PRIVATE KIOSK_CONFIG_FILE="${KIOSK_CONFIG_FILE}")

install(TARGETS kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES "${KIOSK_BUNDLED_PACK}" DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
install(DIRECTORY "${KIOSK_ASSETS_OUT}/" DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/assets)
install(FILES "${CMAKE_SOURCE_DIR}/scripts/kiosk.ini" DESTINATION "${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiosk")
configure_file("${CMAKE_SOURCE_DIR}/scripts/kiosk.service.in" "${CMAKE_BINARY_DIR}/kiosk.service" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/kiosk.service" DESTINATION lib/systemd/system)
# The udev rule hands every USB file system to its helper, which decides whether and how to mount.
set(KIOSK_USB_MOUNT "${CMAKE_INSTALL_FULL_LIBEXECDIR}/kiosk/usb-mount")
configure_file("${CMAKE_SOURCE_DIR}/scripts/99-kiosk-usb.rules" "${CMAKE_BINARY_DIR}/99-kiosk-usb.rules"
               @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/99-kiosk-usb.rules" DESTINATION lib/udev/rules.d)
install(PROGRAMS "${CMAKE_SOURCE_DIR}/scripts/usb-mount" DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kiosk)
install(FILES "${CMAKE_SOURCE_DIR}/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES "${CMAKE_SOURCE_DIR}/content/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME content-README.md)

# The Debian package: `cpack -G DEB` in a build configured with -DCMAKE_INSTALL_PREFIX=/usr.
set(CPACK_PACKAGE_NAME "exhibit-kiosk")
set(CPACK_PACKAGE_VENDOR "Exhibit Kiosk")
set(CPACK_PACKAGE_CONTACT "Exhibit Kiosk maintainers <kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Touch kiosk for exhibition halls (SDL2, KMS/DRM)")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# SDL on KMS/DRM draws through EGL, GBM and a Mesa DRI driver (v3d on a Pi); none is a link
# dependency of the binary, so shlibdeps cannot find them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, systemd, udev, libegl1, libgles2, libgbm1, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/scripts/deb/postinst;${CMAKE_SOURCE_DIR}/scripts/deb/prerm;${CMAKE_SOURCE_DIR}/scripts/deb/postrm;${CMAKE_SOURCE_DIR}/scripts/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
