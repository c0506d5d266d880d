"""The package's shape: a Qt-free core, and resources found however the app is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ICON = Path("icons") / "rlstracker.svg"

FIND_RESOURCES = (
    "import json, rlstracker, rlstracker.locations as l; "
    "print(json.dumps([str(l.resources_dir()), rlstracker.__file__]))"
)


def run_python(python: str | Path, code: str, cwd: Path, bare: bool = True, **env: str) -> list:
    """Run `code` and read the JSON it prints. `bare` (-S): no site-packages, so only the
    layout under test can provide rlstracker."""
    result = subprocess.run(
        [str(python), *(["-S"] if bare else []), "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_core_modules_load_no_qt_and_no_matplotlib(tmp_path: Path):
    code = (
        "import json, sys\n"
        "import rlstracker.domain.titration, rlstracker.domain.analysis, rlstracker.demo\n"
        "import rlstracker.storage, rlstracker.diary_csv, rlstracker.cli\n"
        "heavy = ('PySide6', 'shiboken6', 'matplotlib')\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)})))"
    )
    assert run_python(sys.executable, code, tmp_path, bare=False) == []


def test_domain_needs_no_database_either(tmp_path: Path):
    code = (
        "import json, sys\n"
        "import rlstracker.domain.titration, rlstracker.domain.analysis, rlstracker.domain.safety\n"
        "print(json.dumps([m for m in ('sqlite3', 'PySide6', 'platformdirs') if m in sys.modules]))"
    )
    assert run_python(sys.executable, code, tmp_path, bare=False) == []


def test_resources_from_a_source_checkout(tmp_path: Path):
    found, module = run_python(sys.executable, FIND_RESOURCES, tmp_path, PYTHONPATH=str(REPO))
    assert Path(found) == REPO / "resources"
    assert Path(module).is_relative_to(REPO)


@pytest.mark.slow
def test_resources_from_an_installed_wheel(tmp_path: Path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("rlstracker-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "rlstracker/resources/icons/rlstracker.svg" in names
        assert not any(name.startswith(("tests/", "resources/")) for name in names)
        info = next(name.split("/")[0] for name in names if ".dist-info/" in name)
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        assert f"{info}/licenses/LICENSE" in names
        assert "rlstracker/resources/licenses/THIRD-PARTY-NOTICES.txt" in names
        assert "rlstracker/resources/licenses/LGPL-3.0.txt" in names
        archive.extractall(tmp_path / "site")
    assert "License-Expression: GPL-3.0-or-later" in metadata
    assert "Classifier: Programming Language :: Python :: 3.13" in metadata
    assert "Project-URL: Source, https://" in metadata
    assert "rlstracker = rlstracker.cli:main" in entry_points.split("[gui_scripts]")[1]
    assert "rlstracker-cli = rlstracker.cli:main" in entry_points.split("[console_scripts]")[1]
    # PyPI can't show a picture by a relative link: every picture must be absolute, or none.
    pictures = re.findall(r"!\[[^\]]*\]\(([^)\s]+)|<img[^>]+src=[\"']([^\"']+)", metadata)
    assert all(link.startswith("https://") for pair in pictures for link in pair if link)
    found, module = run_python(
        sys.executable, FIND_RESOURCES, tmp_path, PYTHONPATH=str(tmp_path / "site")
    )
    assert Path(found) == tmp_path / "site" / "rlstracker" / "resources"
    assert Path(module).is_relative_to(tmp_path / "site")


@pytest.mark.slow
def test_resources_from_an_editable_install(tmp_path: Path):
    # The editable wheel pip would install, built by our build backend, put on a bare path.
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from hatchling.build import build_editable; print(build_editable({str(tmp_path)!r}))",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    with zipfile.ZipFile(tmp_path / build.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(tmp_path / "site")
    code = f"import site; site.addsitedir({str(tmp_path / 'site')!r}); " + FIND_RESOURCES
    found, module = run_python(sys.executable, code, tmp_path, PYTHONPATH="")
    assert Path(found) == REPO / "resources"
    assert Path(module).is_relative_to(REPO)


def test_resources_from_a_frozen_bundle_layout(tmp_path: Path):
    bundle = tmp_path / "bundle"
    shutil.copytree(REPO / "resources", bundle / "resources")
    code = (
        "import sys, json\n"
        f"sys.frozen = True; sys._MEIPASS = {str(bundle)!r}\n"
        "import rlstracker.locations as l\n"
        "print(json.dumps([str(l.resources_dir()), '']))"
    )
    found, _ = run_python(sys.executable, code, tmp_path, PYTHONPATH=str(REPO))
    assert Path(found) == bundle / "resources"
    assert (Path(found) / ICON).is_file()


def test_missing_resources_are_reported_plainly(tmp_path: Path, monkeypatch):
    import rlstracker.locations as locations

    monkeypatch.setattr(locations, "resource_candidates", lambda: [tmp_path / "nothing"])
    with pytest.raises(FileNotFoundError, match="reinstall"):
        locations.resources_dir()


def test_the_real_user_data_folder_is_not_where_tests_write():
    from rlstracker.locations import data_dir

    assert str(data_dir(None)).startswith(os.environ["HOME"])
    assert data_dir("/somewhere/else") == Path("/somewhere/else")
    assert data_dir(None, environ={}).name == "rlstracker"


def test_one_licence_everywhere():
    """GPL-3.0-or-later in the repository, the package metadata, the desktop metadata, and the
    text the app shows; the libraries' own licences beside it."""
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3, 29 June 2007" in licence
    assert (REPO / "resources/licenses/GPL-3.0.txt").read_text(encoding="utf-8") == licence
    lesser = (REPO / "resources/licenses/LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lesser
    assert 'license = "GPL-3.0-or-later"' in (REPO / "pyproject.toml").read_text()
    metainfo = (REPO / "resources/linux/io.github.rlstracker.RLSTracker.metainfo.xml").read_text()
    assert "<project_license>GPL-3.0-or-later</project_license>" in metainfo
    assert "<metadata_license>CC0-1.0</metadata_license>" in metainfo
