"""One window per diary: a second launch asks the first to come forward, then exits."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"show\n"


def server_name(folder: Path) -> str:
    """A name private to this user and this diary folder."""
    key = f"{getpass.getuser()}:{Path(folder).resolve()}".encode()
    return "rlstracker-" + hashlib.sha256(key).hexdigest()[:20]


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
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(1000):
            if wake:
                socket.write(_WAKE)
                socket.waitForBytesWritten(1000)
            socket.disconnectFromServer()
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
