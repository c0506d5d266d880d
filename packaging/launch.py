"""The bundle's entry point: the same as the `rlstracker` command."""

import os
import sys


def keep_matplotlib_cache() -> None:
    """matplotlib's font list, in the user's cache folder, built once and read at every start.

    PyInstaller's own runtime hook points matplotlib at a new temporary folder at every start,
    where the font list (a second or more to build) would be built every time. Runtime hooks all
    run before this script, and matplotlib is imported after it: the last word is here."""
    import platformdirs

    folder = platformdirs.user_cache_path("rlstracker", appauthor=False) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # an unwritable cache folder: the temporary one still works, only slower
    os.environ["MPLCONFIGDIR"] = str(folder)


keep_matplotlib_cache()

from rlstracker.cli import main  # noqa: E402  (after the cache folder is set)

sys.exit(main())
