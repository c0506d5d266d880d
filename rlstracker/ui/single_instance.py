"""One window per diary: a second launch asks the first to come forward, then exits.

The first launch takes a lock file (QtCore) and starts answering later launches (QtNetwork, a
local socket) only once its window is up: the network module is not what the first paint
needs. A later launch that finds the lock taken asks the holder to come forward, waiting a few
seconds for one that is still starting; a lock left by a crash is taken over (Qt checks its
process). Should the holder never answer, the diary opens all the same: SQLite keeps two
programs' saves apart, and refusing to open would be worse.

The socket lives in a folder only this user can enter ($XDG_RUNTIME_DIR, else a 0700 folder of
our own in the temporary folder): in /tmp itself another local user could compute its name and
take it first, and every start of RLS Tracker would then believe it was already open. Where the
platform tells (Linux), the other end's user is checked as well.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_WAKE = b"show\n"
# How long a later launch waits for a first one that holds the lock but is still starting.
STARTING_PATIENCE_S = 5.0


def _private_folder(folder: Path) -> bool:
    """A real folder (not a link), ours, that nobody else may enter."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not stat.S_IMODE(info.st_mode) & 0o077
    )


def socket_folder() -> Path | None:
    """Where the socket may be: a folder only this user can enter; None when there is none."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private_folder(Path(runtime)):
        return Path(runtime)
    own = Path(tempfile.gettempdir()) / f"rlstracker-{os.getuid()}"
    with contextlib.suppress(OSError):
        own.mkdir(mode=0o700)
    return own if _private_folder(own) else None


def server_name(folder: Path) -> str | None:
    """A name private to this user and this diary folder: a path in a private folder (POSIX),
    or a named pipe that Qt restricts to this user (Windows). None: no safe place for one."""
    key = f"{getpass.getuser()}:{Path(folder).resolve()}".encode()
    name = "rlstracker-" + hashlib.sha256(key).hexdigest()[:20]
    if os.name != "posix":
        return name
    private = socket_folder()
    return None if private is None else str(private / name)


def peer_uid(connection: QLocalSocket) -> int | None:
    """The user at the other end of a connected local socket, where the platform tells."""
    import socket as pysocket
    import struct

    if not hasattr(pysocket, "SO_PEERCRED"):
        return None
    descriptor = int(connection.socketDescriptor())
    if descriptor < 0:
        return None
    try:
        duplicate = pysocket.socket(fileno=os.dup(descriptor))
    except OSError:
        return None
    try:
        credentials = duplicate.getsockopt(
            pysocket.SOL_SOCKET, pysocket.SO_PEERCRED, struct.calcsize("3i")
        )
    except OSError:
        return None
    finally:
        duplicate.close()
    return struct.unpack("3i", credentials)[1]


def _ours(connection: QLocalSocket) -> bool:
    uid = peer_uid(connection)
    return uid is None or uid == os.getuid()


def lock_path(name: str) -> str:
    """The lock file beside the socket (POSIX), or in this user's temporary folder (Windows)."""
    return name + ".lock" if os.name == "posix" else str(Path(tempfile.gettempdir()) / name)


def wake_running(name: str, wake: bool = True, patience_s: float = 0.0) -> bool:
    """Whether one of ours listens at `name` (waiting up to `patience_s` for it to start); it is
    asked to come forward unless not `wake`."""
    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + patience_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            break
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    if not _ours(socket):  # someone else's server: not an RLS Tracker of this user
        socket.abort()
        return False
    if wake:
        socket.write(_WAKE)
        socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return True


class SingleInstance(QObject):
    """`claim()` is True for the first instance, which calls `listen()` once its window is up;
    later ones wake it and get False."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(folder)
        self._server: QLocalServer | None = None
        self._lock: QLockFile | None = None

    def claim(self, wake: bool = True) -> bool:
        """True for the first instance. A later one wakes the first (its window comes
        forward) unless `wake` is False (a start at login finds the app already running)."""
        if self.name is None:
            return True  # no private place for the socket: open the diary, just without waking
        lock = QLockFile(lock_path(self.name))
        lock.setStaleLockTime(0)  # held as long as the app runs; a crashed holder's is taken
        if lock.tryLock(0):
            self._lock = lock
            return True
        if lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("the one-window lock can't be written (%s)", lock.error().name)
            return True  # open the diary, just without the one-window check
        if wake_running(self.name, wake, STARTING_PATIENCE_S):
            return False
        log.warning("another RLS Tracker holds this diary's lock but does not answer")
        return True

    def listen(self) -> None:
        """Answer later launches from now on: once the first instance's window is up."""
        if self._lock is None or self._server is not None or self.name is None:
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("later launches can't be answered (%s)", server.errorString())
            return  # the diary is open all the same, just without waking
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            if not _ours(connection):
                connection.abort()
                continue
            # Parented to the server (Qt's default): freed with it, never from Python.
            connection.readyRead.connect(self._on_connection_ready_read)

    def _on_connection_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            if bytes(connection.readAll().data()).startswith(_WAKE.strip()):
                self.activated.emit()
            connection.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
