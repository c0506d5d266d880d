"""About RLS Tracker: version, licence, where the diary and the log are; the licence texts."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit

from rlstracker import __version__
from rlstracker.ui.about_dialog import AboutDialog, LicencesDialog


def texts(dialog: QDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_about_from_the_help_menu_says_version_licence_folders_and_versions(
    qtbot, demo_diary, window_for, dialogs, tmp_path
):
    window = window_for(demo_diary)
    window.log_file = tmp_path / "log" / "rlstracker.log"
    seen = []

    def on_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, AboutDialog)
        seen.append(texts(dialog))
        return 0

    dialogs.on_dialog = on_dialog
    window.menus.about_action.trigger()
    (text,) = seen
    assert f"RLS Tracker {__version__}" in text
    assert "GPL-3.0-or-later" in text and "no warranty" in text and "LGPL-3.0" in text
    assert "not medical advice" in text
    assert str(demo_diary.path.parent) in text
    assert str(tmp_path / "log") in text
    assert f"Python {platform.python_version()}" in text
    assert f"PySide6 {PySide6.__version__}" in text and f"Qt {qVersion()}" in text


def test_the_folder_buttons_open_the_folders_and_say_so_when_they_cannot(qtbot, tmp_path):
    opened: list[Path] = []
    answers = [True, False]
    dialog = AboutDialog(
        tmp_path / "diary", tmp_path / "log", lambda folder: opened.append(folder) or answers.pop(0)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.open_data_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path / "diary"] and not dialog.problem_label.isVisible()
    qtbot.mouseClick(dialog.open_log_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path / "diary", tmp_path / "log"]
    assert dialog.problem_label.isVisible()
    assert str(tmp_path / "log") in dialog.problem_label.text()
    assert dialog.about_qt_button.text() == "About &Qt"


def test_no_log_folder_is_said_plainly(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "diary", None, lambda folder: True)
    qtbot.addWidget(dialog)
    assert not dialog.open_log_button.isEnabled()
    assert "can't be written" in dialog.log_label.text()


def test_the_licences_show_the_gpl_and_the_notices_of_the_software_used(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path, tmp_path, lambda folder: True)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.licences_button, Qt.MouseButton.LeftButton)
    licences = dialog.licences
    assert isinstance(licences, LicencesDialog) and licences.isVisible()
    own, others = (licences.tabs.widget(i) for i in range(2))
    assert isinstance(own, QPlainTextEdit) and isinstance(others, QPlainTextEdit)
    assert "GNU GENERAL PUBLIC LICENSE" in own.toPlainText()
    notices = others.toPlainText()
    for name in ("PySide6_Essentials", "matplotlib", "numpy", "platformdirs", "LICENSE_DEJAVU"):
        assert name in notices


def cut_off_labels(dialog: QDialog) -> list[str]:
    """Labels that show less than their whole text: lower than their text needs at their
    width, and not inside a scroll area that could show the rest."""
    from PySide6.QtWidgets import QScrollArea

    cut = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text() or not label.wordWrap():
            continue
        parent, scrolls = label.parentWidget(), False
        while parent is not None and parent is not dialog:
            scrolls = scrolls or isinstance(parent, QScrollArea)
            parent = parent.parentWidget()
        if not scrolls and label.height() < label.heightForWidth(label.width()):
            cut.append(label.text()[:40])
    return cut


def test_with_the_largest_text_the_about_box_shows_everything_and_fits_the_screen(
    qtbot, qapp, tmp_path
):
    from rlstracker.ui.theme import TEXT_SIZE_LABELS, apply_appearance

    apply_appearance(qapp, "light", list(TEXT_SIZE_LABELS)[-1])
    folder = tmp_path / "a folder with a rather long name" / "and another one" / "rlstracker"
    dialog = AboutDialog(folder, folder / "log", lambda folder: True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.minimumSizeHint().height() <= room.height()
    assert cut_off_labels(dialog) == []
    inside = dialog.rect()
    for button in (dialog.licences_button, dialog.about_qt_button):
        assert inside.contains(button.geometry().translated(button.parentWidget().pos()))
