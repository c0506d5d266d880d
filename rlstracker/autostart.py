"""Start at login, in the background, each platform's own way: a freedesktop autostart entry
on Linux, a Run value on Windows, a LaunchAgent on macOS. Each writer is small and separate;
the Linux one is the one that runs here, the other two are tested for what they would write."""

from __future__ import annotations

import contextlib
import importlib
import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rlstracker import APP_ID, APP_NAME, translations
from rlstracker.desktop_entry import desktop_quote
from rlstracker.domain.language import N_
from rlstracker.files import write_atomically

BACKGROUND = "--background"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_arguments(data_dir: Path | None = None) -> list[str]:
    """How to start this installation in the background: the bundle itself, the installed
    `rlstracker` script, or `python -m rlstracker`; with the diary's folder when it is not the
    default one."""
    if getattr(sys, "frozen", False):
        arguments = [sys.executable]
    else:
        script = Path(sys.argv[0])
        if script.name in ("rlstracker", "rlstracker.exe") and script.is_file():  # not user text
            arguments = [str(script.resolve())]
        else:
            arguments = [sys.executable, "-m", "rlstracker"]
    arguments.append(BACKGROUND)
    if data_dir is not None:
        arguments += ["--data-dir", str(data_dir)]  # not user text: the option
    return arguments


# Linux and other freedesktop systems


def config_home(environ: Mapping[str, str] = os.environ) -> Path:
    value = environ.get("XDG_CONFIG_HOME")
    return Path(value) if value else Path(environ.get("HOME", str(Path.home()))) / ".config"


def linux_entry_path(environ: Mapping[str, str] = os.environ) -> Path:
    return config_home(environ) / "autostart" / f"{APP_ID}.desktop"


# The autostart entry's comment: the desktop shows it (in its own language) where it lists what
# starts at login.
ENTRY_COMMENT = N_("The evening reminder of the RLS Tracker diary")


def _translated_comments() -> str:
    """Comment[de]=… and the others, for the desktop to choose from (the entry is written once,
    whatever language the app speaks)."""
    return "".join(
        f"Comment[{code}]={said}\n" for code, said in translations.in_other_languages(ENTRY_COMMENT)
    )


def linux_entry_text(arguments: Sequence[str]) -> str:
    """The freedesktop autostart entry. Its keys are the Desktop Entry Specification's; the
    name stays the app's own, the comment comes in every offered language."""
    command = " ".join(desktop_quote(argument) for argument in arguments)
    return (
        "[Desktop Entry]\n"  # not user text: the Desktop Entry Specification's keys
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        f"Comment={ENTRY_COMMENT}\n"
        f"{_translated_comments()}"
        f"Exec={command}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


# Windows


def windows_run_value(arguments: Sequence[str]) -> str:
    """The Run value's command line, quoted as Windows expects."""
    return " ".join(f'"{a}"' if (" " in a or not a) else a for a in arguments)


# macOS


def macos_agent_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"  # not user text


def macos_agent_bytes(arguments: Sequence[str]) -> bytes:
    return plistlib.dumps(  # not user text: launchd's keys and values
        {
            "Label": APP_ID,
            "ProgramArguments": list(arguments),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


def _winreg() -> Any:  # pragma: no cover - Windows only
    """The registry module, found only on Windows (the platform is a parameter, for tests,
    so the type checker can't tell this branch from the others)."""
    return importlib.import_module("winreg")


def is_enabled(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this user's login starts RLS Tracker."""
    if platform == "win32":  # pragma: no cover - Windows only
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
        except OSError:
            return False
        return True
    if platform == "darwin":
        return macos_agent_path().exists()
    return linux_entry_path(environ).exists()


def set_enabled(
    enabled: bool,
    arguments: Sequence[str],
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
) -> Path | str:
    """Start (or no longer start) at login; returns where that is recorded."""
    if platform == "win32":  # pragma: no cover - Windows only
        winreg = _winreg()
        with winreg.OpenKey(
            winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, winreg.KEY_SET_VALUE
        ) as key:
            if enabled:
                winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, windows_run_value(arguments))
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, APP_NAME)
        return rf"HKEY_CURRENT_USER\{WINDOWS_RUN_KEY}\{APP_NAME}"
    if platform == "darwin":
        path = macos_agent_path()
        data = macos_agent_bytes(arguments)
    else:
        path = linux_entry_path(environ)
        data = linux_entry_text(arguments).encode("utf-8")
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    else:
        path.unlink(missing_ok=True)
    return path
