"""Plain words for why the diary or a file could not be written: busy, full, read-only, gone.

The words follow SQLite's error code or the system's errno, never a guess from the message: a
lock held by another program must never be called a disk error.
"""

from __future__ import annotations

import errno
import sqlite3

_SQLITE = {
    "SQLITE_BUSY": "it is busy: another program (or another RLS Tracker) is saving to it; "
    "try again in a moment",
    "SQLITE_LOCKED": "it is busy: another program (or another RLS Tracker) is saving to it; "
    "try again in a moment",
    "SQLITE_FULL": "the disk is full; make room and try again",
    "SQLITE_READONLY": "the file, its folder or the disk is read-only",
    "SQLITE_CANTOPEN": "the file can't be opened; check that the folder is there and can be "
    "written",
    "SQLITE_PERM": "the system does not allow writing it",
    "SQLITE_IOERR": "the disk reported an error while reading or writing",
    "SQLITE_CORRUPT": "the file is damaged",
    "SQLITE_NOTADB": "the file is not a database",
}

_ERRNO = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "it is not there",
    errno.EIO: "the disk reported an error",
    errno.EDQUOT: "your disk quota is used up",
    errno.EPIPE: "the program reading it has stopped",
}


# SQLite's own text for each code (sqlite3_errstr), which is all Python 3.10 gives: its
# exceptions carry no sqlite_errorname (added in 3.11).
_SQLITE_TEXTS = {
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
            return f"{words} ({error})"
    return str(error)


def describe_os_error(error: OSError) -> str:
    words = _ERRNO.get(error.errno or 0)
    detail = error.strerror or str(error)
    return f"{words} ({detail})" if words and words.lower() != detail.lower() else detail
