"""Desktop integration: one application id everywhere, valid metadata, a working menu entry."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from rlstracker import APP_ID, __version__
from rlstracker.cli import main
from rlstracker.locations import resource

LINUX = resource("linux")


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} is not installed here")
    return found


def test_one_application_id_everywhere():
    desktop = (LINUX / f"{APP_ID}.desktop").read_text()
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text()
    assert f"Icon={APP_ID}\n" in desktop
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo
    assert f'<release version="{__version__}"' in metainfo
    app_source = Path(resource("..")).parent / "rlstracker" / "app.py"
    if app_source.exists():  # a checkout: the window tells the desktop the same id
        assert "setDesktopFileName(APP_ID)" in app_source.read_text()


def test_the_desktop_entry_validates():
    result = subprocess.run(
        [tool("desktop-file-validate"), str(LINUX / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_metainfo_validates():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "license" not in (result.stdout + result.stderr).lower()  # no licence warning


def test_icons_come_in_every_size_and_format():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(resource(f"icons/png/{size}.png")) as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
    with Image.open(resource("icons/rlstracker.ico")) as ico:
        assert (256, 256) in ico.info["sizes"]
    with Image.open(resource("icons/rlstracker.icns")) as icns:
        assert icns.format == "ICNS"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop menus are Linux")
def test_install_desktop_entry_puts_a_working_entry_in_the_menu(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["install-desktop-entry"]) == 0
    entry = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    assert "applications menu" in capsys.readouterr().out
    text = entry.read_text()
    (exec_line,) = [line for line in text.splitlines() if line.startswith("Exec=")]
    command = shlex.split(exec_line.removeprefix("Exec="))
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"rlstracker {__version__}"
    for size in (48, 256):
        assert (tmp_path / "share" / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (tmp_path / "share" / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (tmp_path / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout
    assert main(["install-desktop-entry", "--remove"]) == 0
    assert not entry.exists()
    assert not (tmp_path / "share" / f"icons/hicolor/48x48/apps/{APP_ID}.png").exists()


def test_exec_arguments_are_quoted_as_the_specification_asks():
    from rlstracker.desktop_entry import desktop_quote

    assert desktop_quote("/usr/bin/rlstracker") == "/usr/bin/rlstracker"
    assert desktop_quote("/home/a b/.venv/bin/rlstracker") == '"/home/a b/.venv/bin/rlstracker"'
    assert desktop_quote('/odd/"$x"') == '"/odd/\\"\\$x\\""'


def test_the_menu_entry_speaks_each_offered_language_and_keeps_the_resources_english(
    tmp_path, monkeypatch, capsys
):
    from rlstracker import desktop_entry

    shipped = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    # The words the catalogue translates are the resource's own.
    assert f"GenericName={desktop_entry.GENERIC_NAME}\n" in shipped
    assert f"Comment={desktop_entry.COMMENT}\n" in shipped
    text = desktop_entry.localized_entry(shipped)
    assert "GenericName[de]=Symptomtagebuch\n" in text
    assert "GenericName[fr]=Journal des symptômes\n" in text
    assert "Comment[es]=Llevar un diario cada noche" in text
    without = "".join(
        line for line in text.splitlines(keepends=True) if not re.match(r"\w+\[\w+\]=", line)
    )
    assert without == shipped
    if shutil.which("desktop-file-validate"):
        entry = tmp_path / f"{APP_ID}.desktop"
        entry.write_text(text, encoding="utf-8")
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
