"""Words that stayed English in a German window: the Settings title and the plan's counted
spin boxes, the Edit menu's undo steps, the backup dialogs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from rlstracker.backups import Backup
from rlstracker.storage import Diary
from rlstracker.ui.backup_dialogs import RecoveryDialog, describe
from rlstracker.ui.plan_form import PlanForm
from rlstracker.ui.settings_dialog import Preferences, SettingsDialog
from rlstracker.ui.theme import Theme
from tests.ui.conftest import NOW

YESTERDAY = NOW.date() - timedelta(days=1)  # Monday 23 November 2026


def test_settings_has_a_german_title_and_counts_nights_in_german(german, qtbot, demo_diary: Diary):
    dialog = SettingsDialog(
        NOW.date(),
        demo_diary.plan(),
        demo_diary.product_in_use(),
        demo_diary.safety_answers(),
        Preferences(NOW.time(), Theme.SYSTEM, "normal"),
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Einstellungen"
    interval = dialog.plan_form.interval
    interval.setValue(7)
    assert interval.suffix() == " Nächte"
    assert interval.text() == "7 Nächte"
    assert dialog.plan_form.target.suffix() == " von 10"


def test_a_spin_box_of_nights_follows_the_plural_as_the_number_changes(qtbot):
    form = PlanForm(NOW.date())
    qtbot.addWidget(form)
    form.baseline.setValue(1)
    assert form.baseline.text() == "1 night"
    form.baseline.setValue(14)
    assert form.baseline.text() == "14 nights"


def test_the_undo_step_is_said_in_german(german, demo_diary: Diary, window_for):
    window = window_for(demo_diary)
    window.form.load(demo_diary.night_on(YESTERDAY), YESTERDAY)
    window.form.severity.set_value(2)
    window.form.save()
    assert window.menus.undo_action.text() == "&Rückgängig: Speichern der Nacht vom Mo. 23. Nov."
    window.menus.undo_action.trigger()
    assert window.menus.undo_action.text() == "&Rückgängig"
    assert window.menus.redo_action.text() == "&Wiederholen: Speichern der Nacht vom Mo. 23. Nov."


def test_the_undo_step_in_english_reads_as_before(demo_diary: Diary, window_for):
    window = window_for(demo_diary)
    window.form.load(demo_diary.night_on(YESTERDAY), YESTERDAY)
    window.form.severity.set_value(2)
    window.form.save()
    assert window.menus.undo_action.text() == "&Undo save the night of Mon 23 Nov"


def test_the_recovery_dialog_and_the_backups_are_described_in_german(german, qtbot, tmp_path: Path):
    backup = Backup(
        tmp_path / "x.sqlite3",
        datetime(2026, 11, 26, 5, 33),
        "daily",
        12,
        date(2026, 11, 1),
        date(2026, 11, 25),
    )
    assert describe(backup) == (
        "Donnerstag, 26. November 2026, 05:33 · die tägliche Sicherung\n"
        "12 Nächte, 1. November 2026 bis 25. November 2026"
    )
    dialog = RecoveryDialog("is empty (0 bytes)", "diary-damaged.sqlite3", [], kind="empty")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Ihre Tagebuchdatei ist leer"
    text = dialog.explanation.text()
    assert "<b>Ihr Tagebuch ist leer (0 Bytes).</b>" in text
    assert "als <i>diary-damaged.sqlite3</i> im selben Ordner" in text
    assert "Es gibt keine verwendbare Sicherung." in text


def test_the_charts_readout_says_a_night_as_the_guide_does_in_german(german):
    from rlstracker.domain.models import Night
    from rlstracker.ui.charts_panel import locale_day, night_summary

    night = Night(date(2026, 11, 23), dose_mg=200, symptom_severity=4, nausea=1, diarrhoea=2)
    text = night_summary(night)
    day = locale_day(night.date)
    assert text.startswith("23. Nov. 2026")
    assert "Beschwerden 4/10" in text and "200 mg" in text
    assert "mäßiger Durchfall" in text and "leichte Übelkeit" in text
    assert day == "23. Nov."
