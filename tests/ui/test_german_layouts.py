"""German, the longest of the app's languages, at the largest text size: every dialog can still
be made small enough for a 1024×600 screen, and no word is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from rlstracker import translations
from rlstracker.ui.qt_language import install_qt_translations
from rlstracker.ui.theme import TEXT_SIZE_LABELS, Theme, apply_appearance

SMALL_SCREEN_WIDTH = 1024
FRAME_PX = 40  # the window's frame and the desktop's panels (rlstracker.ui.sizing)


@pytest.fixture
def german_at_the_largest_text(qapp):
    translations.speak("de")
    install_qt_translations(qapp, "de")
    apply_appearance(qapp, Theme.LIGHT, list(TEXT_SIZE_LABELS)[-1])
    yield
    apply_appearance(qapp, Theme.LIGHT, "normal")
    install_qt_translations(qapp, "en")
    translations.speak("en")


def narrowest(widget) -> int:
    QGuiApplication.processEvents()
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


def test_the_restore_dialog_without_backups_fits_a_small_screen(german_at_the_largest_text, qtbot):
    from rlstracker.ui.backup_dialogs import RestoreDialog

    dialog = RestoreDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    assert narrowest(dialog) <= SMALL_SCREEN_WIDTH - FRAME_PX


def test_the_recovery_dialog_grows_until_its_explanation_is_not_cut_off(
    german_at_the_largest_text, qtbot
):
    from rlstracker.ui.backup_dialogs import RecoveryDialog

    dialog = RecoveryDialog("file is not a database", "diary-damaged.sqlite3", [], None)
    qtbot.addWidget(dialog)
    dialog.show()
    QGuiApplication.processEvents()
    label = dialog.explanation
    assert label.height() >= label.heightForWidth(label.width())


def test_a_long_warning_sign_wraps_and_stays_a_check_box(german_at_the_largest_text, qtbot):
    from rlstracker.ui.wrapped_check_box import WrappedCheckBox

    text = "Ohnmacht oder Schwindel wie vor einer Ohnmacht"
    box = WrappedCheckBox(text)
    qtbot.addWidget(box)
    box.resize(box.minimumSizeHint())
    box.show()
    one_line = box.fontMetrics().height()
    assert box.width() < box.fontMetrics().horizontalAdvance(text)
    assert box.height() >= 2 * one_line  # on more lines, none cut off
    assert box.text() == text  # its name for screen readers too
    box.click()
    assert box.isChecked()


def test_the_diary_form_fits_beside_tonight_on_a_small_screen(
    german_at_the_largest_text, diary, window_for
):
    """The longest warning sign, on one line, made the main window 1053 px wide at least."""
    window = window_for(diary)
    assert narrowest(window.tonight) + narrowest(window.form) <= SMALL_SCREEN_WIDTH - 2 * FRAME_PX


def test_the_plan_fits_the_settings_and_the_guide_on_a_small_screen(
    german_at_the_largest_text, qtbot
):
    """Its long labels beside their fields ("Beschwerden unter Kontrolle bei höchstens:") ran
    past the right edge of Settings and of the first-run guide: a field goes under its label."""
    from datetime import date

    from rlstracker.ui.plan_form import PlanForm

    form = PlanForm(date(2026, 11, 24))
    qtbot.addWidget(form)
    form.show()
    assert narrowest(form) <= SMALL_SCREEN_WIDTH - 4 * FRAME_PX  # a dialog's frame and margins


def test_an_empty_dose_shows_not_recorded_whole(german_at_the_largest_text, qtbot):
    """A fixed 150 px cut the German "nicht eingetragen" to "nicht e…"."""
    from rlstracker.ui.fields import DoseField

    field = DoseField("Magnesium taken")
    qtbot.addWidget(field)
    field.show()
    QGuiApplication.processEvents()
    edit = field.edit
    assert edit.placeholderText() == "nicht eingetragen"
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 8


def test_the_ceilings_approval_wraps_beside_its_field_and_keeps_its_key(
    german_at_the_largest_text, qtbot
):
    from datetime import date

    from rlstracker.ui.plan_form import PlanForm

    form = PlanForm(date(2026, 11, 24))
    qtbot.addWidget(form)
    form.resize(700, 900)
    form.show()
    QGuiApplication.processEvents()
    approved = form.approved
    assert approved.x() == form.ceiling.x()  # in the fields' column, not under the labels
    assert approved.height() >= approved.heightForWidth(approved.width())
    assert approved.shortcut().toString() == "Alt+F"  # "&freigegeben", as a QCheckBox's


def test_the_history_fits_a_small_screen(german_at_the_largest_text, diary, window_for):
    """ "109 von 109 Nächten angezeigt", on one line beside the dates, ran off the right edge."""
    from rlstracker.demo import save_demo
    from tests.ui.conftest import NOW

    save_demo(diary, NOW.date())
    window = window_for(diary)
    window.tabs.setCurrentWidget(window.history)
    assert narrowest(window.history) <= SMALL_SCREEN_WIDTH - 2 * FRAME_PX


def test_in_a_narrow_diary_form_the_dose_goes_under_its_label_whole(
    german_at_the_largest_text, diary, window_for
):
    window = window_for(diary)
    window.resize(SMALL_SCREEN_WIDTH - FRAME_PX, 560)
    QGuiApplication.processEvents()
    edit = window.form.dose.edit
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 8


def test_a_long_message_fits_the_screen_with_its_button_in_reach(german_at_the_largest_text, qtbot):
    """A refused import listed its 50 problems in the message: taller than a 600 px screen,
    its OK button out of reach. The list now scrolls in a box of its own."""
    from PySide6.QtWidgets import QMessageBox

    from rlstracker.ui.dialogs import message_box

    problems = "\n".join(
        f"bad.csv line {n}, column date: '2026-13-{n}': not a real date" for n in range(2, 52)
    )
    text = "bad.csv wurde nicht importiert; Ihr Tagebuch ist unverändert.\n\n" + problems
    box = message_box(QMessageBox.Icon.Warning, None, "Nicht importiert", text)
    qtbot.addWidget(box)
    box.show()
    QGuiApplication.processEvents()
    assert box.height() <= 600 - FRAME_PX
    assert box.detailedText() == problems
    assert box.text().startswith("bad.csv wurde nicht importiert")


def test_a_short_message_stays_whole(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from rlstracker.ui.dialogs import message_box

    box = message_box(QMessageBox.Icon.Information, None, "Saved", "Saved.\n\nThree nights.")
    qtbot.addWidget(box)
    assert box.text() == "Saved.\n\nThree nights." and not box.detailedText()


def test_a_blind_trials_status_fits_a_small_screen(german_at_the_largest_text, qtbot):
    """Its four buttons in one row were wider than a 1024 screen, Close cut off at the edge."""
    from datetime import date

    from rlstracker.domain.trial import TrialDesign, view
    from rlstracker.ui.trial_status_dialog import TrialStatusDialog
    from tests.domain.trial_sim import new_trial

    first = date(2026, 11, 27)
    trial = new_trial(first, 3, TrialDesign(blind=True))
    dialog = TrialStatusDialog(view(trial, [], first), None)
    qtbot.addWidget(dialog)
    dialog.show()
    # With room to spare: buttons are drawn here some 10 % narrower than on a desktop, where
    # the one row was 1050 px wide.
    assert narrowest(dialog) <= 0.8 * (SMALL_SCREEN_WIDTH - FRAME_PX)


@pytest.mark.parametrize("width", [900, 760])
def test_the_trial_schedules_words_fit_their_columns(german_at_the_largest_text, qtbot, width):
    """In German at the largest text the dates took their whole width on one line, and the
    columns beside them were cut to "agnesiu" and elided."""
    from datetime import date

    from rlstracker.domain.trial import TrialDesign, view
    from rlstracker.ui.trial_status_dialog import TrialStatusDialog
    from tests.domain.trial_sim import new_trial

    first = date(2026, 11, 27)
    dialog = TrialStatusDialog(view(new_trial(first, 4, TrialDesign(blind=True)), [], first), None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(width, 560)
    QGuiApplication.processEvents()
    table = dialog.table
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    cut = []
    for column in range(table.columnCount()):
        room = header.sectionSize(column) - 8  # the cell's margins
        texts = [table.horizontalHeaderItem(column).text()]
        texts += [table.item(row, column).text() for row in range(table.rowCount())]
        for text in texts:
            for word in text.split():
                if metrics.horizontalAdvance(word) > room:
                    cut.append(f"{word!r} in a column of {header.sectionSize(column)} px")
        for row in range(table.rowCount()):  # every line of a cell in sight: nothing elided
            text = table.item(row, column).text()
            needed = metrics.boundingRect(
                0, 0, room, 10_000, int(Qt.TextFlag.TextWordWrap), text
            ).height()
            if needed > table.rowHeight(row):
                cut.append(f"{text!r} needs {needed} px, its row is {table.rowHeight(row)} px")
    assert not cut, "\n".join(cut)
    assert table.horizontalScrollBar().maximum() == 0  # no sideways scrolling either
