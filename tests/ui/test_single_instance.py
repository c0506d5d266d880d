"""Another local user can't keep the app from opening by taking its socket's name first."""

from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from rlstracker.ui.single_instance import SingleInstance, server_name, wake_running

posix_only = pytest.mark.skipif(os.name != "posix", reason="Windows uses per-user named pipes")


def old_name(folder: Path) -> str:
    """The name the app used to listen on, in /tmp for anyone to compute."""
    key = f"{getpass.getuser()}:{folder.resolve()}".encode()
    return "rlstracker-" + hashlib.sha256(key).hexdigest()[:20]


@posix_only
def test_the_socket_is_in_a_folder_only_this_user_can_enter(qapp, data_dir: Path):
    name = server_name(data_dir)
    assert name is not None
    folder = Path(name).parent
    info = folder.stat()
    assert info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o077
    assert folder == Path(os.environ["XDG_RUNTIME_DIR"])


@posix_only
def test_a_name_taken_first_in_tmp_does_not_stop_the_app(qapp, data_dir: Path):
    squatter = QLocalServer()
    QLocalServer.removeServer(old_name(data_dir))
    assert squatter.listen(old_name(data_dir))  # what another local user could do
    try:
        instance = SingleInstance(data_dir)
        assert instance.claim()  # the app opens
        instance.release()
    finally:
        squatter.close()


@posix_only
def test_a_runtime_folder_others_can_enter_is_not_used(qapp, data_dir, tmp_path, monkeypatch):
    shared = tmp_path / "shared-runtime"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    name = server_name(data_dir)
    assert name is not None
    assert Path(name).parent == tmp_path / f"rlstracker-{os.getuid()}"
    assert stat.S_IMODE(Path(name).parent.stat().st_mode) == 0o700


@posix_only
def test_our_own_folder_taken_by_someone_else_is_not_used(qapp, data_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    taken = tmp_path / f"rlstracker-{os.getuid()}"
    taken.mkdir(mode=0o777)
    taken.chmod(0o777)  # made first by someone else, open to all
    assert server_name(data_dir) is None
    instance = SingleInstance(data_dir)
    assert instance.claim()  # opens all the same, just without the one-window check


def serve_as_nobody(name: str) -> int:
    """A child process, another user (nobody), listening at `name`. Returns its pid."""
    ready_read, ready_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: system calls only, then out
        try:
            os.close(ready_read)
            os.setgid(65534)
            os.setuid(65534)
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(name)
            os.chmod(name, 0o777)
            server.listen(4)
            os.write(ready_write, b"1")
            server.settimeout(20)
            while True:
                connection, _ = server.accept()
                connection.recv(16)
        finally:
            os._exit(0)
    os.close(ready_write)
    assert os.read(ready_read, 1) == b"1"
    os.close(ready_read)
    return pid


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0 or not sys.platform.startswith("linux"),
    reason="needs root on Linux to run a server as another user (CI runs as root)",
)
def test_a_server_of_another_user_is_not_taken_for_the_app(qapp):
    # A folder the other user can reach: pytest's own temporary folders are private to root.
    shared = Path(tempfile.mkdtemp(prefix="rlstracker-test-"))
    try:
        shared.chmod(0o777)
        name = str(shared / "rlstracker-socket")
        pid = serve_as_nobody(name)
        try:
            assert not wake_running(name)  # its user is checked: not ours
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        shutil.rmtree(shared, ignore_errors=True)


FIRST_LAUNCH = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from rlstracker.ui.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
assert instance.claim()
print("claimed", flush=True)
if sys.argv[2] == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
def listen():
    instance.listen()
    print("listening", flush=True)
QTimer.singleShot(int(sys.argv[2]), listen)
instance.activated.connect(lambda: (print("woken", flush=True), app.quit()))
QTimer.singleShot(20000, app.quit)
app.exec()
instance.release()
"""


def first_launch(data_dir: Path, listen_after: str) -> subprocess.Popen[str]:
    """Another process, started first: it claims the diary and answers after `listen_after` ms
    (its window being shown), or is killed at once ("crash")."""
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST_LAUNCH, str(data_dir), listen_after],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "claimed"
    return process


@posix_only
def test_a_second_launch_while_the_first_is_still_starting_waits_and_wakes_it(qapp, data_dir):
    first = first_launch(data_dir, listen_after="1500")
    try:
        second = SingleInstance(data_dir)
        assert not second.claim()  # no second window: the first is asked to come forward
        output, _ = first.communicate(timeout=20)
        assert output.split() == ["listening", "woken"]
    finally:
        first.kill()
        first.wait()


@posix_only
def test_a_lock_left_by_a_crashed_launch_does_not_stop_the_app(qapp, data_dir):
    crashed = first_launch(data_dir, listen_after="crash")
    crashed.communicate(timeout=20)
    assert crashed.returncode == -signal.SIGKILL
    instance = SingleInstance(data_dir)
    assert instance.claim()  # the app opens
    instance.listen()
    later = SingleInstance(data_dir)
    assert not later.claim()  # and is the one that later launches find
    instance.release()
