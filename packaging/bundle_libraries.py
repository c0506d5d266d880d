"""Which of the build machine's own libraries the Linux bundle carries, and which it leaves to
the desktop it runs on.

PyInstaller copies every library the bundled code links to, the build machine's system
libraries included. Those are built for the build machine's glibc (libstdc++ and libcups from
Debian 12 need glibc 2.36), and a desktop has its own, matched to its graphics driver, its
printers and its theme: bundling them stops the app from starting on older systems, and can
break it on newer ones. So the bundle leaves out every library found in the system's folders
(glibc, libstdc++, libgcc_s, zlib, X11, fontconfig, freetype, GLib, GTK and its stack, cups,
gnutls, krb5, dbus, systemd…; AppImage's excludelist names the same families), and keeps:
- everything the Python packages bring in their wheels (Qt and its ICU, numpy's OpenBLAS,
  Pillow's image libraries), and Python itself;
- the libraries Python's own modules link to, whose versions differ between systems (OpenSSL 3,
  libffi 8, SQLite, bzip2, xz);
- the small xcb utility libraries Qt's X11 plugin needs, which a desktop often lacks
  (libxcb-cursor above all), and xkbcommon.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import PurePosixPath

SYSTEM_FOLDERS = ("/lib/", "/lib32/", "/lib64/", "/usr/lib/", "/usr/lib32/", "/usr/lib64/")
KEEP = (
    "libpython3*",
    "libssl.so*",
    "libcrypto.so*",
    "libffi.so*",
    "libsqlite3.so*",
    "libbz2.so*",
    "liblzma.so*",
    "libmpdec.so*",
    "libxcb-*.so*",
    "libxkbcommon.so*",
    "libxkbcommon-x11.so*",
)
# Tied to the graphics driver (AppImage's excludelist): never bundled, wherever they come from.
NEVER = ("libxcb-dri2.so*", "libxcb-dri3.so*")


def from_build_machine(source: str) -> bool:
    return source.startswith(SYSTEM_FOLDERS)


def keep(name: str, source: str) -> bool:
    """Whether the bundle carries the library `name` found at `source` when building."""
    base = PurePosixPath(name).name
    if any(fnmatch(base, pattern) for pattern in NEVER):
        return False
    if not from_build_machine(source):
        return True
    return any(fnmatch(base, pattern) for pattern in KEEP)
