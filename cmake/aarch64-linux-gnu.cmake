# Cross build for 64-bit Raspberry Pi boards with Debian's gcc-aarch64-linux-gnu against the
# arm64 multiarch -dev packages (scripts/bootstrap.sh --arm64 installs them); whatever runs the
# kiosk — tests, the bundled pack's build — goes through qemu-user, as binfmt is not registered.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

# libunibreak's arm64 package is not multiarch in Debian 12: it is unpacked aside.
set(KIOSK_ARM64_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../build/sysroot-arm64")
get_filename_component(KIOSK_ARM64_SYSROOT "${KIOSK_ARM64_SYSROOT}" ABSOLUTE)
if(NOT EXISTS "${KIOSK_ARM64_SYSROOT}/pkgconfig/libunibreak.pc")
  message(FATAL_ERROR "arm64 libunibreak is missing: run scripts/bootstrap.sh --arm64")
endif()

# The arm64 loader and multiarch libraries are installed natively (/lib/ld-linux-aarch64.so.1,
# /usr/lib/aarch64-linux-gnu); qemu only needs to be told where libunibreak is.
set(CMAKE_CROSSCOMPILING_EMULATOR
    qemu-aarch64-static -E LD_LIBRARY_PATH=${KIOSK_ARM64_SYSROOT}/usr/lib)

# pkg-config answers for the arm64 packages only.
set(ENV{PKG_CONFIG_LIBDIR}
    "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig:${KIOSK_ARM64_SYSROOT}/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})
