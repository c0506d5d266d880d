"""Where things are: the person's data folder and the app's bundled resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

DATA_DIR_VARIABLE = "RLSTRACKER_DATA_DIR"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # resources/icons/png/{size}.png
_RESOURCE_MARKER = Path("icons") / "rlstracker.svg"


def data_dir(option: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data-dir, else $RLSTRACKER_DATA_DIR, else the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    if environ.get(DATA_DIR_VARIABLE):
        return Path(environ[DATA_DIR_VARIABLE]).expanduser()
    import platformdirs  # only when needed: tests and scripts always name a folder

    return platformdirs.user_data_path("rlstracker", appauthor=False, roaming=True)


def resource_candidates() -> list[Path]:
    """Where resources/ may be, most specific first."""
    package = Path(__file__).resolve().parent
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidates.append(Path(bundle) / "resources")  # a PyInstaller bundle
    candidates.append(package / "resources")  # an installed wheel
    candidates.append(package.parent / "resources")  # a source checkout or editable install
    return candidates


def resources_dir() -> Path:
    for candidate in resource_candidates():
        if (candidate / _RESOURCE_MARKER).is_file():
            return candidate
    searched = ", ".join(str(c) for c in resource_candidates())
    raise FileNotFoundError(
        f"RLS Tracker's resources are missing (looked in {searched}); reinstall the app."
    )


def resource(relative: str) -> Path:
    return resources_dir() / relative
