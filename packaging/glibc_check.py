"""The newest glibc that any file of a bundle needs, and the files that need it.

    python packaging/glibc_check.py dist/rlstracker [--max 2.35]

Reads the versions each ELF file asks of glibc (readelf's version-needs section, GLIBC_x.y)
and fails when one is above --max: 2.35 is Ubuntu 22.04's, the oldest system the bundle is for.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

NEED = re.compile(r"Name: GLIBC_(\d+(?:\.\d+)+)")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"\x7fELF"
    except OSError:
        return False


def glibc_needed(path: Path) -> tuple[int, ...] | None:
    """The highest GLIBC_ version `path` needs, or None when it needs none."""
    result = subprocess.run(
        ["readelf", "--version-info", "--wide", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    versions = [tuple(int(p) for p in v.split(".")) for v in NEED.findall(result.stdout)]
    return max(versions) if versions else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max", default="2.35", help="the newest glibc allowed (default 2.35)")
    parser.add_argument("--show", type=int, default=8, help="how many files to list")
    arguments = parser.parse_args(argv)
    limit = tuple(int(p) for p in arguments.max.split("."))
    needs = []
    for path in sorted(arguments.bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            version = glibc_needed(path)
            if version is not None:
                needs.append((version, path))
    if not needs:
        print(f"no ELF file in {arguments.bundle} needs glibc", file=sys.stderr)
        return 1
    needs.sort(reverse=True)
    newest = needs[0][0]

    def text(version: tuple[int, ...]) -> str:
        return ".".join(map(str, version))

    print(f"{len(needs)} ELF files; the newest glibc any of them needs: {text(newest)}")
    for version, path in needs[: arguments.show]:
        print(f"  GLIBC_{text(version)}  {path.relative_to(arguments.bundle)}")
    too_new = [path for version, path in needs if version > limit]
    if too_new:
        print(
            f"{len(too_new)} files need a glibc newer than {arguments.max}: the bundle would "
            "not start on the oldest systems it is for. Leave those libraries out "
            "(packaging/bundle_libraries.py) or build on an older system.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
