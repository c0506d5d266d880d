"""An unexpected error in the window: logged, a calm dialog, the diary and the typing kept."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from rlstracker.app import run_app
from rlstracker.domain.plan import Plan
from rlstracker.logs import start_logging
from rlstracker.storage import Diary
from rlstracker.ui.crash_dialog import CrashDialog, CrashHandler
from rlstracker.ui.main_window import MainWindow
from tests.domain.builders import SAFE
from tests.ui.conftest import NOW

YESTERDAY = NOW.date() - timedelta(days=1)

# pytest-qt would turn the exceptions these tests raise on purpose into failures.
pytestmark = pytest.mark.qt_no_exception_capture


class Boom(RuntimeError):
    pass


def set_up(diary: Diary) -> None:
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()


def test_an_error_in_a_slot_shows_the_dialog_logs_it_and_keeps_the_diary_and_the_typing(
    qtbot, diary, window_for, dialogs, tmp_path
):
    set_up(diary)
    log_file = start_logging(tmp_path / "log")
    assert log_file is not None
    window = window_for(diary)
    quits = []
    handler = CrashHandler(dialogs, log_file, lambda: quits.append(True), window.form.is_dirty)
    handler.install()
    shown: list[dict[str, str]] = []

    def fail_again() -> None:
        raise ValueError("second failure")

    def on_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, CrashDialog)
        shown.append(
            {
                "heading": dialog.heading.text(),
                "explanation": dialog.explanation.text(),
                "quit": dialog.quit_button.text(),
                "log": dialog.log_label.text(),
                "details": dialog.details,
                "default": str(dialog.go_on_button.isDefault()),
            }
        )
        # A second failure while the dialog is up: logged, no second dialog.
        other = QPushButton()
        other.clicked.connect(fail_again)
        other.click()
        qtbot.mouseClick(dialog.go_on_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dialogs.on_dialog = on_dialog

    def fail(_night) -> None:
        raise Boom("forced in a slot")

    try:
        window.form.night_saved.connect(fail)  # after the window's own slot, which saves
        window.form.severity.set_value(6)
        window.form.notes.setPlainText("Long drive")
        window.form.save_button.click()
        window.form.notes.setPlainText("Long drive, then typed on and not saved")
        qtbot.waitUntil(lambda: len(shown) == 1 and not handler.showing)
        qtbot.wait(50)  # time for a second dialog to appear, if one would
    finally:
        handler.uninstall()

    (seen,) = shown
    assert "Something went wrong; your diary is safe." in seen["heading"]
    assert "still in the window" in seen["explanation"]
    assert seen["quit"] == "&Quit" and seen["default"] == "True"
    assert str(log_file) in seen["log"]
    assert "Boom: forced in a slot" in seen["details"] and "PySide6" in seen["details"]
    assert "Long drive" not in seen["details"]
    assert quits == []  # Go on
    # The diary holds the night, whole; the window still holds what was typed after it.
    saved = diary.night_on(YESTERDAY)
    assert saved is not None and (saved.symptom_severity, saved.notes) == (6, "Long drive")
    assert diary.integrity_problems() == []
    assert window.isVisible()
    assert window.form.notes.toPlainText() == "Long drive, then typed on and not saved"
    logged = log_file.read_text()
    assert "Boom: forced in a slot" in logged and "Traceback" in logged
    assert "ValueError: second failure" in logged
    assert "not shown: the error dialog is already open" in logged
    assert "Long drive" not in logged  # the log holds no diary content


def test_the_same_error_again_is_logged_but_not_shown_again(qtbot, dialogs, tmp_path):
    log_file = start_logging(tmp_path / "log")
    handler = CrashHandler(dialogs, log_file, lambda: None)
    handler.install()
    shown = []
    dialogs.on_dialog = lambda dialog: shown.append(dialog) or 0
    button = QPushButton()

    def fail() -> None:
        raise Boom("every time")

    button.clicked.connect(fail)
    try:
        button.click()
        qtbot.waitUntil(lambda: len(shown) == 1)
        button.click()
        qtbot.wait(50)
    finally:
        handler.uninstall()
    assert len(shown) == 1
    assert log_file is not None
    assert log_file.read_text().count("Boom: every time") == 2


def test_copy_details_and_quit(qtbot, dialogs, tmp_path):
    quits = []
    handler = CrashHandler(dialogs, None, lambda: quits.append(True))

    def on_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, CrashDialog)
        assert "no log file" in dialog.log_label.text()
        dialog.copy_button.click()
        dialog.details_button.click()
        assert dialog.details_box.isVisible()
        dialog.quit_button.click()
        return dialog.result()

    dialogs.on_dialog = on_dialog
    try:
        raise Boom("to copy")
    except Boom as error:
        assert handler.show_now(Boom, error, error.__traceback__) is True
    assert quits == [True]
    assert "Boom: to copy" in QApplication.clipboard().text()


def test_the_app_installs_the_handler_and_quits_when_asked(qtbot, data_dir, dialogs, tmp_path):
    with Diary.open(data_dir) as diary:
        set_up(diary)
    log_file = start_logging(tmp_path / "log")
    chosen = []

    def on_dialog(dialog: QDialog) -> int:
        chosen.append(dialog.windowTitle())
        dialog.quit_button.click()
        return dialog.result()

    dialogs.on_dialog = on_dialog

    def fail_in_the_window() -> None:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.diary.path.parent == data_dir
        ]
        window.tabs.currentChanged.connect(lambda _: 1 / 0)
        window.tabs.setCurrentIndex(2)

    QTimer.singleShot(300, fail_in_the_window)
    assert run_app(data_dir, dialogs, log_file=log_file) == 0
    # Closing the last window after the event loop ended asked Qt to quit once more, which
    # would end the next test's event loops at once: one more turn of the loop clears that.
    QTimer.singleShot(0, QApplication.quit)
    QApplication.exec()
    assert chosen == ["RLS Tracker: something went wrong"]
    logged = Path(log_file).read_text()
    assert "ZeroDivisionError" in logged and "the person chose to quit" in logged
    assert "window shown" in logged and logged.rstrip().endswith("closed")
    with contextlib.closing(sqlite3.connect(data_dir / "diary.sqlite3")) as db:
        assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
