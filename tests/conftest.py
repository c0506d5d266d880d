"""Shared fixtures. Every test runs with its own data folder; the real one is never touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt tests draw offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_sessionstart(session: pytest.Session) -> None:
    # The compiled catalogues (resources/locale), from po/ as it is now: an editable install
    # compiled them when it was made, and a translation may have changed since.
    import importlib.util

    path = Path(__file__).parents[1] / "packaging" / "catalogues.py"
    spec = importlib.util.spec_from_file_location("rlstracker_catalogues", path)
    assert spec is not None and spec.loader is not None
    catalogues = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogues)
    catalogues.compile_all()


def pytest_configure(config: pytest.Config) -> None:
    # The suite makes far more Qt calls than one session of the app: without the app's own
    # work-around for PySide6 6.12.0 on Python < 3.12, pytest itself would abort at exit.
    from rlstracker import qt_references

    qt_references.protect()


@pytest.fixture
def german():
    """The program speaks German for the test, and English again after it."""
    from rlstracker import translations

    translations.speak("de")
    yield
    translations.speak("en")


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every user folder the app could find at a temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the log folder
    monkeypatch.delenv("RLSTRACKER_LOG_DIR", raising=False)
    monkeypatch.delenv("RLSTRACKER_DEBUG", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    monkeypatch.setenv("RLSTRACKER_DATA_DIR", str(home / "rlstracker-data"))
    monkeypatch.setenv("MPLCONFIGDIR", str(home / "mpl"))
    # No test reaches the desktop's session bus (notifications): a bus that isn't there.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-bus'}")
    (home / "runtime").mkdir(mode=0o700)
    # English, whatever the machine's desktop speaks; a test of another language says so.
    monkeypatch.setenv("LANGUAGE", "en")
    yield
    from rlstracker.domain import language

    language.use(language.SOURCE_LANGUAGE)
    from rlstracker.logs import stop_logging

    stop_logging()  # a test that started the log leaves no file open for the next


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "diary"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Qt (the tests under tests/ui, and any test that asks for the
    Qt application) is marked `qt`: `pytest -m "not qt"` runs the plain-Python core alone."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.nodeid.startswith("tests/ui/") or fixtures & {"qapp", "qtbot"}:
            item.add_marker(pytest.mark.qt)
