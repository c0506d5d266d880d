"""Third-party notices for what RLS Tracker uses and ships, made from the installed packages'
own metadata, never copied by hand.

    python packaging/notices.py [OUTPUT]    default: resources/licenses/THIRD-PARTY-NOTICES.txt

The packages are those `rlstracker` requires, followed through their requirements, as installed
in the Python that runs this (the bundle's build environment, pinned by packaging/constraints.txt).
For each: its version, its licence as its metadata declares it, and every licence, copying and
notice file it installs (fonts included: matplotlib's DejaVu and STIX licences are among them).
A package that installs no licence text (PySide6, shiboken6) is pointed at the texts in
resources/licenses/. The bundle's build (rlstracker.spec) adds Python itself, PyInstaller's boot
loader and the build machine's libraries the bundle carries.
"""

from __future__ import annotations

import hashlib
import platform
import re
import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt"
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
# Licence texts kept in resources/licenses/, for packages that install none of their own.
SHIPPED_TEXTS = {"LGPL-3.0": "LGPL-3.0.txt", "GPL-3.0": "GPL-3.0.txt"}
RULE = "=" * 100


def runtime_distributions(root: str = "rlstracker") -> list[metadata.Distribution]:
    """The installed distributions `root` needs at run time (extras and other platforms' needs
    left out), without `root` itself, by name."""
    environment = default_environment()
    found: dict[str, metadata.Distribution] = {}
    waiting = [root]
    while waiting:
        name = canonicalize_name(waiting.pop())
        if name in found:
            continue
        dist = metadata.distribution(name)
        found[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate(
                {**environment, "extra": ""}
            ):
                waiting.append(requirement.name)
    del found[canonicalize_name(root)]
    return [found[name] for name in sorted(found)]


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(path, text) of each licence, copying or notice file the distribution installed, each
    text once."""
    texts = []
    seen = set()
    for file in sorted(dist.files or [], key=str):
        if not LICENCE_FILE.match(file.name):
            continue
        try:
            text = Path(file.locate()).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        digest = hashlib.sha256(text.strip().encode()).digest()
        if digest not in seen:
            seen.add(digest)
            texts.append((str(file).replace("\\", "/"), text.strip()))
    return texts


def declared_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    field = (meta.get("License") or "").strip().splitlines()
    # Some packages put the whole licence text in the License field: keep its first line.
    return "; ".join(classifiers) or (field[0] if field else "not declared")


def package_section(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    home = meta.get("Home-page") or next(
        (url.split(", ", 1)[-1] for url in meta.get_all("Project-URL") or []), ""
    )
    lines = [RULE, f"{meta['Name']} {dist.version}", f"Licence: {declared_licence(dist)}"]
    if home:
        lines.append(f"Home: {home}")
    texts = licence_texts(dist)
    if not texts:
        declared = declared_licence(dist)
        shipped = [file for spdx, file in SHIPPED_TEXTS.items() if spdx in declared]
        lines.append(
            "The package installs no licence text of its own. "
            + (
                "Its licence texts are beside this file: " + ", ".join(shipped) + "."
                if shipped
                else "See its home page."
            )
        )
        if meta["Name"].lower().startswith(("pyside6", "shiboken6")):
            lines.append(
                "Qt is used under the LGPL-3.0 and its parts under their own licences, listed "
                "at https://doc.qt.io/qt-6/licenses-used-in-qt.html. The source of Qt and of "
                "Qt for Python is at https://download.qt.io/ and https://code.qt.io/."
            )
    lines.append(RULE)
    for path, text in texts:
        lines += ["", f"--- {path}", "", text]
    return "\n".join(lines) + "\n"


def python_section() -> str:
    """The licence of the Python the bundle carries."""
    version = platform.python_version()
    candidates = [
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}",
        Path(sys.base_prefix),
    ]
    text = next(
        (
            (folder / "LICENSE.txt").read_text(encoding="utf-8", errors="replace").strip()
            for folder in candidates
            if (folder / "LICENSE.txt").is_file()
        ),
        "Python's LICENSE.txt was not found on the build machine: see "
        "https://docs.python.org/3/license.html",
    )
    return "\n".join([RULE, f"Python {version}", "Licence: PSF-2.0", RULE, "", text]) + "\n"


def system_library_section(libraries: Iterable[Path]) -> str:
    """The build machine's libraries the bundle carries, with their distribution's copyright
    file where the machine has one (Debian and Ubuntu: /usr/share/doc/PACKAGE/copyright)."""
    lines = [
        RULE,
        "Libraries of the build machine carried by the bundle",
        RULE,
    ]
    texts: dict[str, str] = {}
    for library in sorted(libraries, key=lambda p: p.name):
        package = _debian_package(library)
        lines.append(f"{library.name}: {f'Debian package {package}' if package else library}")
        copyright_file = Path("/usr/share/doc") / (package or "-") / "copyright"
        if package and copyright_file.is_file():
            texts.setdefault(package, copyright_file.read_text(errors="replace").strip())
    for package, text in sorted(texts.items()):
        lines += ["", f"--- {package}: /usr/share/doc/{package}/copyright", "", text]
    return "\n".join(lines) + "\n"


def _debian_package(library: Path) -> str | None:
    real = library.resolve()
    # Merged /usr: dpkg may know the file under /lib rather than /usr/lib, or the reverse.
    names = {str(library), str(real)}
    names |= {n.removeprefix("/usr") for n in list(names) if n.startswith("/usr/lib")}
    for name in sorted(names):
        try:
            found = subprocess.run(
                ["dpkg-query", "-S", name], capture_output=True, text=True, check=False
            )
        except OSError:
            return None
        if found.returncode == 0 and found.stdout:
            return found.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def notices(extra_sections: Iterable[str] = ()) -> str:
    from rlstracker import __version__

    dists = runtime_distributions()
    head = [
        f"RLS Tracker {__version__}: third-party notices",
        "",
        "RLS Tracker is free software under the GNU General Public License, version 3 or later",
        "(GPL-3.0-or-later; the text is in LICENSE and GPL-3.0.txt). It uses the software below,",
        "each under its own licence. Made by packaging/notices.py from the installed packages'",
        "metadata; do not edit by hand.",
        "",
        "Packages:",
        *(f"  {d.metadata['Name']}=={d.version}" for d in dists),
        "",
    ]
    body = [package_section(dist) for dist in dists]
    return "\n".join(head) + "\n" + "\n".join([*body, *extra_sections])


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    output.write_text(notices(), encoding="utf-8", newline="\n")
    print(f"Wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
