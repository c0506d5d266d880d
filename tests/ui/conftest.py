"""Qt test fixtures: a real diary in a temporary folder, and dialogs that answer themselves."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from rlstracker.demo import save_demo
from rlstracker.storage import Diary
from rlstracker.ui.app_behaviour import install_app_behaviour
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.fusion_style import FusionWithVisibleBoxes
from rlstracker.ui.main_window import MainWindow

NOW = datetime(2026, 11, 24, 20, 30)
ROOT = Path(__file__).resolve().parents[2]


def in_a_fresh_program(script: str, *arguments: object) -> subprocess.CompletedProcess[str]:
    """`script` run in a program of its own (offscreen), given `arguments` (a diary folder…)."""
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, arguments)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        cwd=ROOT,
    )


class FakeDialogs(Dialogs):
    """Records every message; answers questions and runs dialogs as the test says."""

    def __init__(self) -> None:
        self.warnings: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirm_answer = True
        self.save_answer = "discard"  # closing a window with unsaved edits in a test
        self.save_questions: list[str] = []
        self.leave_answer = True  # leaving the first-run guide in a test goes through
        self.leave_questions: list[tuple[str, str, str, str]] = []
        self.file_answer: Path | None = None
        self.on_dialog: Callable[[QDialog], int] | None = None

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.warnings.append((title, text))

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.infos.append((title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.infos.append((title, text))
        return self.confirm_answer

    def ask_save(self, parent: QWidget | None, title: str, text: str) -> str:
        self.save_questions.append(text)
        return self.save_answer

    def ask_leave(
        self, parent: QWidget | None, title: str, text: str, stay: str, leave: str
    ) -> bool:
        self.leave_questions.append((title, text, stay, leave))
        return self.leave_answer

    def save_file(self, parent, title, suggested, filter_text):
        return self.file_answer

    def open_file(self, parent, title, filter_text):
        return self.file_answer

    def run_dialog(self, dialog: QDialog) -> int:
        assert self.on_dialog is not None, f"unexpected dialog {dialog.windowTitle()}"
        dialog.show()
        result = self.on_dialog(dialog)
        dialog.hide()
        return result


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: NOW


@pytest.fixture
def diary(data_dir: Path):
    with Diary.open(data_dir) as opened:
        yield opened


@pytest.fixture
def demo_diary(diary: Diary) -> Diary:
    save_demo(diary, NOW.date())
    return diary


def started_on_the_demo(data_dir: Path, dialogs, clock, app: QApplication):
    """The app as started from the desktop (Launcher), on the example diary: the launcher and
    its window. The caller closes the launcher."""
    from rlstracker.app import Launcher

    with Diary.open(data_dir) as diary:
        save_demo(diary, NOW.date())  # theme: follow the system (the default)
    launcher = Launcher(app, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    return launcher, window


@pytest.fixture
def window_for(qtbot, dialogs, clock):
    """A function that opens the main window on a diary."""

    def make(diary: Diary) -> MainWindow:
        window = MainWindow(diary, dialogs, clock, help_html="<h2>How the guide works</h2>")
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts only reach the active window
            window.show()
            window.activateWindow()
        return window

    return make


def style_key(app: QApplication) -> str:
    """The style's name; the app's own Fusion (a proxy style) has none of its own."""
    return "app's fusion" if isinstance(app.style(), FusionWithVisibleBoxes) else app.style().name()


@pytest.fixture(autouse=True)
def _app_behaviour(qapp: QApplication):
    """The wheel, Ctrl+Z, F4 and scroll-into-view behaviour the app installs once its window has
    painted: a test that makes a window or dialog directly has it from the start."""
    install_app_behaviour(qapp)


@pytest.fixture(autouse=True)
def _fresh_appearance(qapp: QApplication):
    """A test that changes the colours or the text size leaves the next one as it found it."""
    palette, font, style = QPalette(qapp.palette()), QFont(qapp.font()), style_key(qapp)
    yield
    if style_key(qapp) != style:
        qapp.setStyle(FusionWithVisibleBoxes() if style == "app's fusion" else style)
    if qapp.palette() != palette:
        qapp.setPalette(palette)
    if qapp.font() != font:
        qapp.setFont(font)
