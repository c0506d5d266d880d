"""Putting RLS Tracker into a Linux desktop's applications menu, for people who installed it
with pip: the freedesktop entry, the icon in every size, and the AppStream metainfo."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from rlstracker import APP_ID, translations
from rlstracker.domain.language import N_
from rlstracker.files import write_atomically
from rlstracker.locations import ICON_SIZES, resource

# The menu entry's words, as resources/linux/….desktop writes them in English: the desktop
# shows them in its own language, so install adds GenericName[de]=… and Comment[de]=… from
# each offered language's catalogue.
GENERIC_NAME = N_("Symptom Diary")
COMMENT = N_("Keep a nightly diary while trying magnesium for restless legs")


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    value = environ.get("XDG_DATA_HOME")
    return Path(value) if value else Path(environ.get("HOME", str(Path.home()))) / ".local/share"


def desktop_quote(argument: str) -> str:
    """Quote one Exec argument as the Desktop Entry Specification asks."""
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def launch_command() -> str:
    """What the menu runs: the bundle itself, the installed `rlstracker` script, or
    `python -m rlstracker`."""
    if getattr(sys, "frozen", False):
        return desktop_quote(sys.executable)
    script = Path(sys.argv[0])
    if script.name in ("rlstracker", "rlstracker.exe") and script.is_file():  # not user text
        return desktop_quote(str(script.resolve()))
    return f"{desktop_quote(sys.executable)} -m rlstracker"


def targets(home: Path) -> dict[Path, Path]:
    """Where each file goes, from where it comes."""
    icons = resource("icons")
    placed = {  # not user text: file names
        home / "applications" / f"{APP_ID}.desktop": resource(f"linux/{APP_ID}.desktop"),
        home / "metainfo" / f"{APP_ID}.metainfo.xml": resource(f"linux/{APP_ID}.metainfo.xml"),
        home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg": icons / "rlstracker.svg",
    }
    for size in ICON_SIZES:
        placed[home / f"icons/hicolor/{size}x{size}/apps" / f"{APP_ID}.png"] = (
            icons / "png" / f"{size}.png"
        )
    return placed


def localized_entry(text: str) -> str:
    """The entry with each offered language's GenericName and Comment after the English ones
    (the entry is written once, whatever language the app speaks)."""
    lines = []
    for line in text.splitlines(keepends=True):
        lines.append(line)
        key, _sep, value = line.rstrip("\n").partition("=")
        if key not in ("GenericName", "Comment"):  # not user text: the specification's keys
            continue
        lines += [
            f"{key}[{code}]={said}\n" for code, said in translations.in_other_languages(value)
        ]
    return "".join(lines)


def install(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Write the entry, icons and metainfo into the user's data folder; returns what was
    written."""
    home = data_home(environ)
    written = []
    for target, source in targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if target.suffix == ".desktop":
            text = data.decode("utf-8").replace("Exec=rlstracker", f"Exec={launch_command()}")
            data = localized_entry(text).encode("utf-8")
        write_atomically(target, data)
        target.chmod(0o644)  # menus and icon caches read these as other processes
        written.append(target)
    _refresh_caches(home)
    return written


def remove(environ: Mapping[str, str] = os.environ) -> list[Path]:
    home = data_home(environ)
    removed = []
    for target in targets(home):
        if target.exists():
            target.unlink()
            removed.append(target)
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Desktops notice new entries by themselves; these only make it quicker where present."""
    for command in (  # not user text: commands
        ["update-desktop-database", str(home / "applications")],
        ["gtk-update-icon-cache", "-f", "-t", str(home / "icons/hicolor")],
    ):
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(command, capture_output=True, timeout=30, check=False)
