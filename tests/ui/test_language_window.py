"""The window in German: the app's words, its dates and Qt's own buttons; and the language
chosen in Settings is kept for the next start."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from rlstracker import translations
from rlstracker.storage import Diary
from rlstracker.ui.qt_language import install_qt_translations
from tests.ui.conftest import started_on_the_demo


@pytest.fixture
def german_desktop(monkeypatch, qapp):
    monkeypatch.setenv("LANGUAGE", "de")
    yield
    install_qt_translations(qapp, "en")
    translations.speak("en")


def test_the_window_speaks_german_with_german_dates(
    german_desktop, qtbot, data_dir, dialogs, clock, qapp
):
    launcher, window = started_on_the_demo(data_dir, dialogs, clock, qapp)
    try:
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["Heu&te Abend", "Diag&ramme", "&Verlauf"]
        assert window.tonight.date_label.text() == "Heute Abend, Dienstag, 24. November 2026"
        assert window.menus.file_menu.title() == "&Datei"
        assert window.tonight.title.text() == "Bei dieser Dosis bleiben"
        assert "Am 22. November hatten Sie: leichter Durchfall" in window.tonight.reasons.text()
        # Qt's own words, from the translations that come with Qt.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
        assert QLocale().toString(2.5) == "2,5"
    finally:
        launcher.close()


def test_english_stays_as_it_was(qtbot, data_dir, dialogs, clock, qapp):
    launcher, window = started_on_the_demo(data_dir, dialogs, clock, qapp)
    try:
        assert window.tabs.tabText(0) == "&Tonight"
        assert window.tonight.date_label.text() == "Tonight, Tuesday 24 November 2026"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        launcher.close()


def test_the_language_chosen_in_settings_is_kept(qtbot, data_dir, dialogs, clock, qapp):
    launcher, window = started_on_the_demo(data_dir, dialogs, clock, qapp)

    def choose(dialog):
        assert dialog.language.itemText(0) == "As the system"
        assert "Deutsch" in [dialog.language.itemText(i) for i in range(dialog.language.count())]
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.buttons.accepted.emit()
        return dialog.result()

    dialogs.on_dialog = choose
    window.menus.settings_action.trigger()
    launcher.close()
    with Diary.open(data_dir) as diary:
        assert diary.preferences().language == "de"
        diary.save_preferences(dataclasses.replace(diary.preferences(), language=""))
