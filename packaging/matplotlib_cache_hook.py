"""Bundle runtime hook: keep matplotlib's font cache in the user's cache folder.

PyInstaller's own hook gives matplotlib a fresh temporary folder at every start, so the font
cache (a second or more to build) would be built again every time; this one runs after it.
"""

import os

try:
    import platformdirs

    folder = platformdirs.user_cache_path("rlstracker", appauthor=False) / "matplotlib"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MPLCONFIGDIR"] = str(folder)
except OSError:
    pass  # an unwritable cache folder: the temporary one still works, only slower
