"""The bundle's parts that can be checked without building it: which libraries it carries, the
glibc check, the notices against the pinned versions, the launcher's font cache folder."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_desktop_s_libraries_are_left_out_and_qt_s_and_python_s_kept():
    libraries = load("bundle_libraries")
    system = "/usr/lib/x86_64-linux-gnu/"
    wheel = "/venv/lib/python3.11/site-packages/"
    for name in (
        "libc.so.6",
        "libstdc++.so.6",
        "libgcc_s.so.1",
        "libcups.so.2",
        "libexpat.so.1",
        "libgtk-3.so.0",
        "libglib-2.0.so.0",
        "libsystemd.so.0",
        "libgnutls.so.30",
        "libfontconfig.so.1",
        "libX11.so.6",
    ):
        assert not libraries.keep(name, system + name), name
        assert not libraries.keep(name, "/lib64/" + name), name
    for name in ("libssl.so.3", "libsqlite3.so.0", "libffi.so.8", "libxcb-cursor.so.0"):
        assert libraries.keep(name, system + name), name
    for name in (
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicui18n.so.73",
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
        "libpython3.11.so.1.0",
    ):
        assert libraries.keep(name, wheel + name), name
    assert not libraries.keep("libxcb-dri3.so.0", wheel + "libxcb-dri3.so.0")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_the_glibc_check_reads_what_a_file_needs_and_fails_above_the_limit(tmp_path):
    check = load("glibc_check")
    python = Path(os.path.realpath(sys.executable))
    needed = check.glibc_needed(python)
    assert needed is not None and needed >= (2, 2)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").write_bytes(python.read_bytes())
    (tmp_path / "notes.txt").write_text("not an ELF file")
    below = ".".join(map(str, (needed[0], needed[1] - 1)))
    assert check.main([str(tmp_path), "--max", ".".join(map(str, needed))]) == 0
    assert check.main([str(tmp_path), "--max", below]) == 1


def test_the_notices_in_the_repository_are_those_of_the_pinned_packages():
    pins = {}
    for line in (PACKAGING / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    notices = (REPO / "resources/licenses/THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    listed = {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in re.findall(r"^  (\S+)==(\S+)$", notices, re.MULTILINE)
    }
    assert listed, "no package list in the notices"
    for name, version in listed.items():
        assert pins.get(name) == version, f"{name} {version} is not pinned so"
    for name in ("pyside6-essentials", "shiboken6", "matplotlib", "numpy", "platformdirs"):
        assert name in listed
    assert "LICENSE_DEJAVU" in notices and "LICENSE_STIX" in notices
    assert "LGPL-3.0.txt" in notices


def test_the_notices_come_from_the_installed_metadata():
    notices = load("notices")
    names = [d.metadata["Name"].lower() for d in notices.runtime_distributions()]
    assert {"matplotlib", "numpy", "platformdirs", "shiboken6"} <= set(names)
    assert not {"pytest", "hypothesis", "rlstracker"} & set(names)  # tests' tools, and ours
    text = notices.notices()
    assert "PySide6_Essentials" in text and "The package installs no licence text" in text


def test_the_bundle_launcher_keeps_matplotlib_s_cache_in_the_user_cache_folder(tmp_path):
    # The launcher runs after PyInstaller's runtime hook, which set a temporary folder.
    code = (
        "import os, runpy, sys, json\n"
        "os.environ['MPLCONFIGDIR'] = '/tmp/_MEI-temporary'\n"
        "sys.argv = ['rlstracker', '--version']\n"
        "try:\n"
        f"    runpy.run_path({str(PACKAGING / 'launch.py')!r}, run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps([os.environ['MPLCONFIGDIR'], 'matplotlib' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    folder, imported = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(folder) == tmp_path / "cache" / "rlstracker" / "matplotlib"
    assert Path(folder).is_dir() and not imported
