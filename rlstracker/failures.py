"""Plain words for why the diary or a file could not be written: busy, full, read-only, gone.

The words follow SQLite's error code or the system's errno, never a guess from the message: a
lock held by another program must never be called a disk error.
"""

from __future__ import annotations

import errno
import sqlite3

from rlstracker.domain import language
from rlstracker.domain.language import N_, _

# Each completes "The diary can't be written: …" and "A backup could not be made: …".
_SQLITE = {
    "SQLITE_BUSY": N_(
        "it is busy: another program (or another RLS Tracker) is saving to it; try again in a "
        "moment"
    ),
    "SQLITE_LOCKED": N_(
        "it is busy: another program (or another RLS Tracker) is saving to it; try again in a "
        "moment"
    ),
    "SQLITE_FULL": N_("the disk is full; make room and try again"),
    "SQLITE_READONLY": N_("the file, its folder or the disk is read-only"),
    "SQLITE_CANTOPEN": N_(
        "the file can't be opened; check that the folder is there and can be written"
    ),
    "SQLITE_PERM": N_("the system does not allow writing it"),
    "SQLITE_IOERR": N_("the disk reported an error while reading or writing"),
    "SQLITE_CORRUPT": N_("the file is damaged"),
    "SQLITE_NOTADB": N_("the file is not a database"),
}

_ERRNO = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("it is not there"),
    errno.EIO: N_("the disk reported an error"),
    errno.EDQUOT: N_("your disk quota is used up"),
    errno.EPIPE: N_("the program reading it has stopped"),
}


# SQLite's own text for each code (sqlite3_errstr), which is all Python 3.10 gives: its
# exceptions carry no sqlite_errorname (added in 3.11).
_SQLITE_TEXTS = {  # not user text: SQLite's messages, matched
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "database or disk is full": "SQLITE_FULL",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "access permission denied": "SQLITE_PERM",
    "disk I/O error": "SQLITE_IOERR",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
}


def describe_sqlite_error(error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "") or _SQLITE_TEXTS.get(str(error), "")
    for prefix, words in _SQLITE.items():
        if name == prefix or name.startswith(prefix + "_"):
            return f"{_(words)} ({error})"
    return str(error)


def describe_os_error(error: OSError) -> str:
    english = _ERRNO.get(error.errno or 0)
    detail = error.strerror or str(error)
    if not english or english.lower() == detail.lower():
        return detail
    if language.current() != language.SOURCE_LANGUAGE:
        # The system's own words (strerror) are English whatever the language: ours suffice.
        return _(english)
    return f"{_(english)} ({detail})"
