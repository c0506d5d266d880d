"""One window per diary: a second launch asks the first to come forward, then exits.

The socket lives in a folder only this user can enter ($XDG_RUNTIME_DIR, else a 0700 folder of
our own in the temporary folder): in /tmp itself another local user could compute its name and
take it first, and every start of RLS Tracker would then believe it was already open. Where the
platform tells (Linux), the other end's user is checked as well.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket as pysocket
import stat
import struct
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"show\n"


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


def wake_running(name: str, wake: bool = True) -> bool:
    """Whether one of ours listens at `name`; it is asked to come forward unless not `wake`."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(1000):
        return False
    if not _ours(socket):  # someone else's server: not an RLS Tracker of this user
        socket.abort()
        return False
    if wake:
        socket.write(_WAKE)
        socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return True


class SingleInstance(QObject):
    """`claim()` is True for the first instance; later ones wake it and get False."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(folder)
        self._server: QLocalServer | None = None

    def claim(self, wake: bool = True) -> bool:
        """True for the first instance. A later one wakes the first (its window comes
        forward) unless `wake` is False (a start at login finds the app already running)."""
        if self.name is None:
            return True  # no private place for the socket: open the diary, just without waking
        if wake_running(self.name, wake):
            return False
        QLocalServer.removeServer(self.name)  # left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return True  # can't listen (unusual): still open the diary, just without waking
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            if not _ours(connection):
                connection.abort()
                continue
            # Parented to the server (Qt's default): freed with it, never from Python.
            connection.readyRead.connect(self._on_connection_ready_read)

    def _on_connection_ready_read(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            if bytes(connection.readAll().data()).startswith(_WAKE.strip()):
                self.activated.emit()
            connection.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
