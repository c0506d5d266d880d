"""Where things are: the person's data folder and the app's bundled resources."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from rlstracker.domain.language import _

DATA_DIR_VARIABLE = "RLSTRACKER_DATA_DIR"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # resources/icons/png/{size}.png
_RESOURCE_MARKER = Path("icons") / "rlstracker.svg"  # not user text: a file name


class DataDirRefused(ValueError):
    """--data-dir or $RLSTRACKER_DATA_DIR names no usable folder; the message says why."""


def shown_path(path: object) -> str:
    """A file name as it may be printed: control characters (which a terminal would obey)
    shown escaped, as Python writes them. Spaces stay as they are, the no-break spaces too
    (French puts one before a colon: 'il manque\u00a0:')."""
    return "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1]
        for c in str(path)
    )


def _expanded(value: str, source: str) -> Path:
    if not value.strip():
        raise DataDirRefused(
            # Translators: {source} is --data-dir or $RLSTRACKER_DATA_DIR, as written.
            _(
                "{source} is empty. Name the folder that holds the diary, or leave it out to use "
                "the usual one."
            ).format(source=source)
        )
    if "\0" in value:
        raise DataDirRefused(
            _("{source} {value} is not a folder name.").format(
                source=source, value=repr(shown_path(value))
            )
        )
    try:
        return Path(value).expanduser()
    except RuntimeError:  # ~name of a user that does not exist, or no home folder
        raise DataDirRefused(
            _(
                "{source} {value} can't be expanded: there is no such user or home folder. "
                "Write the folder's full path."
            ).format(source=source, value=repr(shown_path(value)))
        ) from None


def data_dir(option: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data-dir, else $RLSTRACKER_DATA_DIR, else the platform's user data folder. A value
    given but empty, or naming an unknown user's home, is refused (DataDirRefused): falling
    back to another folder would quietly show or write another diary."""
    if option is not None:
        return _expanded(option, "--data-dir")  # not user text: the option's name
    if DATA_DIR_VARIABLE in environ:
        return _expanded(environ[DATA_DIR_VARIABLE], f"${DATA_DIR_VARIABLE}")
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
        _("RLS Tracker's resources are missing (looked in {folders}); reinstall the app.").format(
            folders=searched
        )
    )


def resource(relative: str) -> Path:
    return resources_dir() / relative
