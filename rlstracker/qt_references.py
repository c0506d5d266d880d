"""A work-around for PySide6 6.12.0 on Python 3.10 and 3.11: keep None, True and False alive.

PySide6 6.12.0 (shiboken6 6.12.0) returns None from every void method, and True from
`Signal.emit`, without taking the reference that the caller gives back. Python 3.12 made these
objects immortal (PEP 683), so there the missing reference does no harm; on 3.10 and 3.11 every
such call takes one reference away for good. After a few thousand calls (some 200 refreshes of
the window: each sets dozens of labels) the count reaches zero, and Python aborts, usually at
exit: "Fatal Python error: none_dealloc: deallocating None" (or bool_dealloc). PySide6 6.11
does not have the bug.

`protect()` checks for the bug itself (a few calls of a void method, watching None's count) and
only where it is found gives the three objects a reference count no program can use up, which
is what Python 3.12 does for them. A fixed PySide6, or Python 3.12, turns it into a no-op.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_RESERVE = 1 << 40  # references: at a million lost a second, 12 days... times a thousand
_protected = False


def drops_references() -> bool:
    """Whether calling a void Qt method takes a reference to None away (the bug above)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    probe.setObjectName("")
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


def protect() -> bool:
    """Apply the work-around where the bug is found; True if it was needed. Call it once, at
    start-up, before any thread is started (it rewrites reference counts in place)."""
    global _protected
    if _protected:
        return True
    if not drops_references():
        return False
    for singleton in (None, True, False):
        # CPython keeps an object's reference count in its first field, at the object's id.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _protected = True
    return True
