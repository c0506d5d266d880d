"""The app's log: a rotating file in the user's log folder, of dates and actions, never health data.

What goes in: the version, the platform, which command or menu action ran, which night's date was
saved or deleted, backups made, errors with their tracebacks. What never goes in: notes, scores,
doses, side effects, answers, names. RLSTRACKER_DEBUG=1 adds debug lines and a copy on stderr.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from collections.abc import Mapping
from pathlib import Path

from rlstracker import __version__

LOG_DIR_VARIABLE = "RLSTRACKER_LOG_DIR"
DEBUG_VARIABLE = "RLSTRACKER_DEBUG"
LOG_FILE_NAME = "rlstracker.log"  # not user text: a file name
MAX_BYTES = 1_000_000  # a few months of ordinary use
BACKUP_COUNT = 3  # rlstracker.log.1 … .3: at most 4 MB in all
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

log = logging.getLogger("rlstracker")


def log_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """$RLSTRACKER_LOG_DIR, else the platform's user log folder (~/.local/state/rlstracker/log
    on Linux, %LOCALAPPDATA%\\rlstracker\\Logs on Windows, ~/Library/Logs/rlstracker on macOS)."""
    if environ.get(LOG_DIR_VARIABLE):
        return Path(environ[LOG_DIR_VARIABLE]).expanduser()
    import platformdirs

    return platformdirs.user_log_path("rlstracker", appauthor=False)


def debugging(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(DEBUG_VARIABLE, "").strip() not in ("", "0")


def start_logging(folder: Path, debug: bool = False) -> Path | None:
    """Send the `rlstracker` loggers to `folder`/rlstracker.log. Returns the file, or None when
    the folder can't be written (the app works on without a log). Again: the log moves."""
    stop_logging()
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False  # the person's terminal gets nothing unless debugging
    if debug:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(FORMAT))
        log.addHandler(console)
    path = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as error:
        log.warning("no log file in %s (%s)", folder, error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.info(
        "RLS Tracker %s on Python %s, %s %s",
        __version__,
        platform.python_version(),
        platform.system(),
        platform.release(),
    )
    return path


def stop_logging() -> None:
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
