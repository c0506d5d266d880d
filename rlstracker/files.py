"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

PART_SUFFIX = ".part"
STALE_AFTER_S = 24 * 3600  # a temporary file this old is left over, whoever made it
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
# .NAME.PID-RANDOM.part: the process that writes it is named, so another one can tell a
# temporary file in use from one left by a process that was killed.
_PART = re.compile(r"\..+\.(\d+)-[^.]+\.part")


def temporary_beside(path: Path) -> Path:
    """A new, empty, private (0600) file beside `path`, with a name no other process uses."""
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=PART_SUFFIX, dir=path.parent
    )
    os.close(handle)
    return Path(name)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush and fsync it, then rename it over `path`.

    Readers see the old file or the new one, never a mixture. The file is private (0600):
    what the app writes is health data. A pipe or a device is written to as it is.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        # A pipe or a device (-o /dev/stdout, /dev/null): written to, never replaced by a file.
        with path.open("wb") as stream:
            stream.write(data)
        return
    if path.is_symlink():  # a link to a file: the file it points to is replaced, not the link
        path = Path(os.path.realpath(path))
    temporary = temporary_beside(path)
    try:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(path.parent)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def publish(temporary: Path, target: Path) -> bool:
    """Give a finished, fsynced temporary file the name `target` without ever replacing a file
    that is there. False if `target` exists (the temporary file is kept for another name)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        return False
    except OSError:  # no hard links here (FAT, some network shares): check, then rename
        if target.exists():
            return False
        temporary.replace(target)
        fsync_folder(target.parent)
        return True
    temporary.unlink()
    fsync_folder(target.parent)
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` itself durable (POSIX; a no-op elsewhere)."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def _process_running(pid: int) -> bool:
    if os.name != "posix":
        return True  # can't tell cheaply: only the age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Delete our temporary files in `folder` whose process has gone, or that are a day old.
    Returns what was deleted. A file in use by a running process is left alone."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _PART.fullmatch(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if _process_running(int(match.group(1))) and now - info.st_mtime < STALE_AFTER_S:
                continue
            Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def tighten(path: Path, mode: int) -> None:
    """Take away any permission beyond `mode` (0700 folders, 0600 files): the diary is health
    data. Never fails: a read-only disk keeps what it has."""
    with contextlib.suppress(OSError):
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode:
            path.chmod(current & mode)
