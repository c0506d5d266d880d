"""The window under real use: other programs, second intakes, the wheel, the keyboard, the
morning, empty nights. Each test drives the real widgets against a real diary."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.storage import Diary
from rlstracker.ui.edit_dialog import NightEditDialog
from rlstracker.ui.main_window import MainWindow
from tests.domain.builders import SAFE, night
from tests.ui.conftest import NOW, in_a_fresh_program

TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


def set_up(diary: Diary, nights: list[Night] = ()) -> Diary:
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()
    for each in nights:
        diary.save_night(each)
    return diary


def another_program_imports(data_dir: Path, tmp_path: Path, row: str) -> None:
    """A second process (the command line) replaces a night in the same diary."""
    csv = tmp_path / "theirs.csv"
    csv.write_text(
        "date,dose_mg,symptom_severity,diarrhoea,nausea,stomach_cramps,drowsiness\n" + row
    )
    command = [sys.executable, "-m", "rlstracker", "import", str(csv), "--replace"]
    subprocess.run(
        [*command, "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
    )


class TestAnotherProgram:
    def test_an_untouched_form_shows_the_other_programs_night_at_once(
        self, qtbot, diary, data_dir, window_for, tmp_path
    ):
        set_up(diary, [night(YESTERDAY, 100, 6)])
        window = window_for(diary)
        window.form.load(diary.night_on(YESTERDAY), YESTERDAY)
        assert window.form.dose.text() == "100"
        another_program_imports(data_dir, tmp_path, f"{YESTERDAY},150,3,0,0,0,0\n")
        window.check_outside_changes()
        assert window.form.dose.text() == "150"
        assert window.form.severity.value() == 3
        assert "another program" in window.statusBar().currentMessage()

    def test_unsaved_edits_are_never_written_over_the_other_programs_night(
        self, qtbot, diary, data_dir, window_for, tmp_path
    ):
        set_up(diary, [night(YESTERDAY, 100, 6)])
        window = window_for(diary)
        form = window.form
        form.load(diary.night_on(YESTERDAY), YESTERDAY)
        form.severity.set_value(8)  # typed here, not saved yet
        form.sleep.set_value(7)
        another_program_imports(data_dir, tmp_path, f"{YESTERDAY},150,3,0,0,0,0\n")
        # Ctrl+S before the window has even noticed: the save is refused, not silent.
        qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert diary.night_on(YESTERDAY).dose_mg == 150
        assert diary.night_on(YESTERDAY).symptom_severity == 3
        assert form.in_conflict
        assert "symptom score" in form.conflict_text.text()
        # What only they changed (the dose) is taken; what only I changed (sleep) is kept.
        assert form.dose.text() == "150" and form.sleep.value() == 7
        assert form.severity.value() == 8
        qtbot.mouseClick(form.keep_mine, Qt.MouseButton.LeftButton)
        saved = diary.night_on(YESTERDAY)
        assert (saved.dose_mg, saved.symptom_severity, saved.sleep_quality) == (150, 8, 7)
        assert not form.in_conflict

    def test_use_theirs_drops_the_edits(self, qtbot, diary, data_dir, window_for, tmp_path):
        set_up(diary, [night(YESTERDAY, 100, 6)])
        window = window_for(diary)
        window.form.load(diary.night_on(YESTERDAY), YESTERDAY)
        window.form.severity.set_value(8)
        another_program_imports(data_dir, tmp_path, f"{YESTERDAY},150,3,0,0,0,0\n")
        window.check_outside_changes()
        assert window.form.in_conflict
        assert "see the form" in window.statusBar().currentMessage()
        qtbot.mouseClick(window.form.take_theirs, Qt.MouseButton.LeftButton)
        assert "other program saved" in window.form.saved_label.text()
        assert window.form.severity.value() == 3 and not window.form.is_dirty()

    def test_the_edit_dialog_never_writes_over_it_either(
        self, qtbot, diary, data_dir, window_for, dialogs, tmp_path
    ):
        earlier = TODAY - timedelta(days=5)
        set_up(diary, [night(earlier, 100, 6)])
        window = window_for(diary)
        seen: list[NightEditDialog] = []

        def edit(dialog) -> int:
            seen.append(dialog)
            dialog.form.severity.set_value(9)
            another_program_imports(data_dir, tmp_path, f"{earlier},100,2,0,0,0,0\n")
            dialog.form.save()
            assert dialog.form.in_conflict and dialog.result() != QDialog.DialogCode.Accepted
            return QDialog.DialogCode.Rejected

        dialogs.on_dialog = edit
        window.history.select(earlier)
        window.history.edit_button.click()
        assert seen and diary.night_on(earlier).symptom_severity == 2

    def test_the_open_edit_dialog_shows_the_other_programs_change(
        self, qtbot, diary, data_dir, window_for, dialogs, tmp_path
    ):
        earlier = TODAY - timedelta(days=5)
        set_up(diary, [night(earlier, 100, 6)])
        window = window_for(diary)
        shown = []

        def edit(dialog) -> int:
            dialog.form.sleep.set_value(7)  # typed here, a field the other program leaves alone
            another_program_imports(data_dir, tmp_path, f"{earlier},150,2,0,0,0,0\n")
            window.check_outside_changes()
            form = dialog.form
            shown.append((form.dose.text(), form.severity.value(), form.sleep.value()))
            return QDialog.DialogCode.Rejected

        dialogs.on_dialog = edit
        window.history.select(earlier)
        window.history.edit_button.click()
        assert shown == [("150", 2, 7)]

    def test_closing_the_edit_dialog_with_typing_asks_first(
        self, qtbot, diary, window_for, dialogs
    ):
        earlier = TODAY - timedelta(days=5)
        set_up(diary, [night(earlier, 100, 6)])
        window = window_for(diary)
        results = []

        def edit(dialog) -> int:
            dialog.show()
            dialog.form.severity.set_value(3)
            dialogs.save_answer = "cancel"
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            results.append(dialog.isVisible())
            dialogs.save_answer = "save"
            dialog.reject()
            results.append(dialog.result() == QDialog.DialogCode.Accepted)
            return dialog.result()

        dialogs.on_dialog = edit
        window.history.select(earlier)
        window.history.edit_button.click()
        assert results == [True, True]
        assert len(dialogs.save_questions) == 2
        assert diary.night_on(earlier).symptom_severity == 3


class TestRecordAsTaken:
    def test_a_second_intake_asks_first_and_undo_keeps_everything_in_step(
        self, qtbot, diary, window_for, dialogs
    ):
        set_up(diary, [night(TODAY - timedelta(days=i), 100) for i in range(1, 9)])
        window = window_for(diary)
        panel, form = window.tonight, window.form
        panel.taken_time.setTime(panel.taken_time.time().fromString("19:00", "HH:mm"))
        qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
        assert diary.night_on(TODAY).dose_mg == 150
        window.tabs.setCurrentIndex(0)
        form.load(diary.night_on(TODAY), TODAY)
        assert form.dose.text() == "150"
        dialogs.confirm_answer = False
        qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
        text = dialogs.infos[-1][1]
        assert "already recorded 150 mg tonight: add another 150 mg?" in text
        assert diary.night_on(TODAY).dose_mg == 150  # said no: nothing added
        window.menus.undo_action.trigger()
        assert diary.night_on(TODAY) is None
        assert form.dose.text() == "" and not form.is_dirty()
        assert "Not taken yet" in panel.taken_summary.text()
        window.menus.redo_action.trigger()
        assert form.dose.text() == "150" and diary.night_on(TODAY).dose_mg == 150

    def test_tonight_reads_a_dose_recorded_in_the_form(self, qtbot, diary, window_for):
        set_up(diary, [night(TODAY - timedelta(days=i), 100) for i in range(1, 9)])
        window = window_for(diary)
        window.form.load(None, TODAY)
        window.form.dose.edit.setText("100")
        window.form.save()
        assert "Taken tonight: 100 mg" in window.tonight.taken_summary.text()


def wheel(widget: QWidget, steps: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_page_and_changes_a_field_only_once_it_has_focus(
    qtbot, diary, window_for, dialogs
):
    set_up(diary)
    window = window_for(diary)

    def roll(dialog) -> int:
        dialog.resize(700, 360)  # short enough to scroll
        QApplication.processEvents()
        form = dialog.plan_form
        baseline = form.baseline
        area = dialog.tabs.widget(0)
        assert area.widget() is form
        bar = area.verticalScrollBar()
        assert bar.maximum() > 0
        before = bar.value()
        wheel(baseline)
        assert baseline.value() == 7  # not 6, and not 0 after a few turns
        assert bar.value() > before  # the page moved instead
        baseline.setFocus()
        wheel(baseline)
        assert baseline.value() == 6  # with focus, the wheel is the field's
        wheel(form.target, 1)
        assert form.target.value() == 2
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = roll
    window.open_settings()


def test_typing_a_digit_into_not_recorded_takes_it(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    spin = window.form.severity.spin
    spin.setFocus()
    assert spin.text() == "not recorded"
    qtbot.keyClick(spin, Qt.Key.Key_6)
    assert window.form.severity.value() == 6
    sleep = window.form.sleep.spin
    sleep.setFocus()
    qtbot.keyClick(sleep, Qt.Key.Key_1)
    qtbot.keyClick(sleep, Qt.Key.Key_0)
    assert window.form.sleep.value() == 10


class TestProblemsWhereTheEyeIs:
    def test_a_bad_dose_takes_the_focus_and_says_why_beside_save(self, qtbot, diary, window_for):
        set_up(diary)
        window = window_for(diary)
        form = window.form
        form.dose.edit.setText("5000")
        form.notes.setFocus()
        qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert form.dose.edit.hasFocus()
        assert "compound" in form.dose.hint.text()
        assert "needs fixing" in form.problem_label.text()
        assert diary.night_on(form.day) is None

    def test_ctrl_s_in_the_edit_dialog_works_wherever_the_focus_is(
        self, qtbot, diary, window_for, dialogs
    ):
        earlier = TODAY - timedelta(days=3)
        set_up(diary, [night(earlier, 100, 4)])
        window = window_for(diary)

        def edit(dialog) -> int:
            form = dialog.form
            assert form.saved_label.text().startswith("Saved earlier")
            form.severity.set_value(7)
            assert form.saved_label.text() == "Changed here, not saved yet."
            scroll_bar = dialog.findChildren(type(dialog.form.parentWidget().parentWidget()))
            assert scroll_bar
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            dialog.setFocus()  # e.g. after clicking the scroll bar
            qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            return dialog.result()

        dialogs.on_dialog = edit
        window.history.select(earlier)
        window.history.edit_button.click()
        assert diary.night_on(earlier).symptom_severity == 7


def test_a_night_with_nothing_in_it_cannot_be_saved(qtbot, diary, window_for):
    set_up(diary, [night(TODAY - timedelta(days=2), 100, 5)])  # past the baseline
    window = window_for(diary)
    form = window.form
    assert not form.save_button.isEnabled()
    assert "Nothing recorded yet" in form.save_button.toolTip()
    assert "Nothing recorded yet" in form.saved_label.text()
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert diary.night_on(form.day) is None
    assert "Not saved" in window.statusBar().currentMessage()
    assert form.severity.spin.hasFocus()
    form.notes.setPlainText("Slept at my sister's")
    assert form.save_button.isEnabled()


def mnemonics(widgets: list[QWidget]) -> list[str]:
    found = []
    for widget in widgets:
        if isinstance(widget, (QAbstractButton, QLabel)):
            text = widget.text()
            if isinstance(widget, QLabel) and (
                widget.buddy() is None or widget.textFormat() == Qt.TextFormat.RichText
            ):
                # Without a buddy an & is shown as itself: a mistake in any plain label.
                assert "&" not in text.replace("&&", "") or "<" in text, text
                continue
            index = text.replace("&&", "").find("&")
            if index >= 0:
                found.append(text.replace("&&", "")[index + 1].lower())
    return found


def check_unique(top: QWidget, extra: list[str]) -> None:
    shown = [w for w in top.findChildren(QWidget) if w.isVisible()]
    letters = mnemonics(shown) + extra
    repeated = {letter for letter in letters if letters.count(letter) > 1}
    assert not repeated, f"{top.windowTitle()}: Alt+{repeated} means two things"


def tab_letters(tabs: QTabWidget) -> list[str]:
    letters = []
    for index in range(tabs.count()):
        text = tabs.tabText(index).replace("&&", "")
        if "&" in text:
            letters.append(text[text.find("&") + 1].lower())
    return letters


@pytest.fixture(params=["en", "de", "fr", "es"])
def speaking(request, qapp):
    """Each language the app offers, its own words and Qt's: a translation chooses its Alt
    keys anew, and may give one letter two meanings."""
    from rlstracker import translations
    from rlstracker.ui.qt_language import install_qt_translations

    translations.speak(request.param)
    install_qt_translations(qapp, request.param)
    yield request.param
    translations.speak("en")
    install_qt_translations(qapp, "en")


def test_every_alt_key_means_one_thing_in_each_window(
    speaking, qtbot, demo_diary, window_for, dialogs
):
    window = window_for(demo_diary)
    window.load_charts()
    menus = [a.text()[a.text().find("&") + 1].lower() for a in window.menuBar().actions()]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        check_unique(window, menus + tab_letters(window.tabs))
    for menu_action in window.menuBar().actions():
        items = [a.text() for a in menu_action.menu().actions() if not a.isSeparator()]
        keys = [t.replace("&&", "")[t.find("&") + 1].lower() for t in items if "&" in t]
        assert len(keys) == len(set(keys)), items

    def walk(dialog) -> int:
        tabs = getattr(dialog, "tabs", None)
        if isinstance(tabs, QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                check_unique(dialog, tab_letters(tabs))
        else:
            check_unique(dialog, [])
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = walk
    window.open_settings()
    window.files.report()
    window.files.restore()
    window.history.select(demo_diary.nights()[-1].date)
    window.history.edit_button.click()


def test_the_first_run_guide_has_one_meaning_per_alt_key(speaking, qtbot, dialogs):
    from rlstracker.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(TODAY, dialogs)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.understood.setChecked(True)
    for _ in wizard.pageIds():
        check_unique(wizard, [])
        form = wizard.safety.form
        if wizard.currentPage() is wizard.safety:
            for group in (form.kidney, form.heart, form.pregnant, form.age):
                group.buttons.buttons()[0].click()
            form.no_medicines.click()
        wizard.next()


class TestHistoryKeys:
    def test_delete_deletes_the_selected_night_and_undo_clears_the_message(
        self, qtbot, demo_diary, window_for
    ):
        window = window_for(demo_diary)
        window.show_history()
        last = demo_diary.nights()[-1]
        window.history.select(last.date)
        window.history.table.setFocus()
        qtbot.keyClick(window.history.table, Qt.Key.Key_Delete)
        assert demo_diary.night_on(last.date) is None
        assert "Undo with Ctrl+Z" in window.statusBar().currentMessage()
        window.menus.undo_action.trigger()
        assert demo_diary.night_on(last.date) == last
        assert window.statusBar().currentMessage() == ""

    def test_after_delete_the_next_night_is_selected(self, qtbot, demo_diary, window_for):
        window = window_for(demo_diary)
        window.show_history()
        history = window.history
        history.select(demo_diary.nights()[5].date)
        row = history.table.selectionModel().selectedRows()[0].row()
        history.table.setFocus()
        qtbot.keyClick(history.table, Qt.Key.Key_Delete)
        after = history.selected_night()
        assert after is not None and history.delete_button.isEnabled()
        assert history.table.selectionModel().selectedRows()[0].row() == row
        qtbot.keyClick(history.table, Qt.Key.Key_Delete)  # and Delete goes on
        assert demo_diary.night_on(after.date) is None

    def test_enter_opens_the_selected_night(self, qtbot, demo_diary, window_for, dialogs):
        window = window_for(demo_diary)
        window.show_history()
        opened: list[str] = []
        dialogs.on_dialog = lambda d: opened.append(d.windowTitle()) or 0
        window.history.select(demo_diary.nights()[-1].date)
        window.history.table.setFocus()
        qtbot.keyClick(window.history.table, Qt.Key.Key_Return)
        assert len(opened) == 1 and opened[0].startswith("Edit the night of")

    def test_side_effects_read_in_words(self, qtbot, demo_diary, window_for):
        window = window_for(demo_diary)
        window.show_history()
        texts = {
            window.history.model.data(window.history.model.index(row, 4))
            for row in range(window.history.model.rowCount())
        }
        assert "Mild diarrhoea, mild stomach cramps" in texts or any(
            t.startswith("Mild ") for t in texts
        )
        assert not any("Diarrhoea 1" in t for t in texts)


class TestTheDayTurnsAtFour:
    def test_after_midnight_it_is_still_last_night(self, qtbot, demo_diary, dialogs):
        small_hours = datetime.combine(TODAY + timedelta(days=1), time(2, 30))
        window = MainWindow(demo_diary, dialogs, lambda: small_hours)
        qtbot.addWidget(window)
        assert window.tonight.date_label.text() == "Tonight, Tuesday 24 November 2026"

    def test_in_the_morning_the_form_opens_on_last_night_while_it_is_incomplete(
        self, qtbot, diary, dialogs
    ):
        set_up(diary, [night(TODAY - timedelta(days=i), 100) for i in range(1, 5)])
        diary.save_night(Night(date=TODAY, dose_mg=100))  # taken, nothing else yet
        morning = datetime.combine(TODAY + timedelta(days=1), time(8, 0))
        window = MainWindow(diary, dialogs, lambda: morning)
        qtbot.addWidget(window)
        assert window.form.day == TODAY
        assert window.tonight.date_label.text() == "Tonight, Wednesday 25 November 2026"


def test_the_chart_readout_starts_afresh_for_each_chart(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    window.show_charts()
    charts = window.charts
    charts.readout.setText("Mon 23 Nov: symptoms 4/10")
    charts.by_dose.click()
    assert charts.readout.text() == "Point at a column to read it."
    assert charts.readout.minimumHeight() >= 2 * charts.readout.fontMetrics().lineSpacing()


def example_then_own_guide(runs: list[str]):
    """The first-run guide's answers: "Just looking?" the first time (the example), then
    leaving the person's own guide; each guide shown is noted in `runs`."""
    from rlstracker.ui.setup_wizard import SetupWizard

    def answer(wizard: SetupWizard) -> int:
        runs.append("example" if not runs else "own")
        if len(runs) == 1:
            wizard.welcome.example_button.click()
            return wizard.result()
        return QDialog.DialogCode.Rejected

    return answer


def test_closing_the_example_leads_to_the_persons_own_guide(qtbot, data_dir, dialogs, clock, qapp):
    from rlstracker.app import Launcher

    runs: list[str] = []
    dialogs.on_dialog = example_then_own_guide(runs)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None and window.example
    launcher.bring_forward()  # the app started again: the person wants their own diary
    qtbot.waitUntil(lambda: runs == ["example", "own"])
    launcher.close()
    qapp.setQuitOnLastWindowClosed(True)


def test_quit_from_the_example_leaves_the_app_rather_than_leading_to_the_guide(
    qtbot, data_dir, dialogs, clock, qapp
):
    from rlstracker.app import Launcher

    runs: list[str] = []
    dialogs.on_dialog = example_then_own_guide(runs)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    try:
        assert window is not None and window.example
        with qtbot.waitSignal(window.closed):
            window.menus.quit_action.trigger()
        qtbot.wait(200)  # the guide would have come back by now
        assert runs == ["example"]
        assert launcher.window is None or not launcher.window.isVisible()
    finally:
        launcher.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_an_import_of_one_night_says_one_night(qtbot, diary, window_for, dialogs, tmp_path):
    set_up(diary)
    window = window_for(diary)
    csv = tmp_path / "one.csv"
    csv.write_text(f"date,dose_mg\n{YESTERDAY},0\n")
    dialogs.file_answer = csv
    window.menus.import_action.trigger()
    assert dialogs.infos[-1][1].startswith("1 night added")


def test_dates_in_the_restore_list_carry_the_day_and_the_kind(tmp_path: Path):
    from rlstracker.backups import Backup
    from rlstracker.ui.backup_dialogs import describe

    backup = Backup(
        tmp_path / "x.sqlite3",
        datetime(2026, 11, 26, 5, 33),
        "daily",
        12,
        date(2026, 11, 1),
        date(2026, 11, 25),
    )
    text = describe(backup)
    assert "Thursday 26 Nov 2026, 05:33 · the daily copy" in text
    assert "12 nights, 1 Nov 2026 to 25 Nov 2026" in text


class TestUnsavedNight:
    """Typing into the form and then going elsewhere asks first; nothing typed is dropped
    without the person's say."""

    def typed_into_yesterday(self, diary, window_for) -> MainWindow:
        set_up(diary, [night(YESTERDAY, 100, 6)])
        window = window_for(diary)
        window.form.load(diary.night_on(YESTERDAY), YESTERDAY)
        window.form.severity.set_value(2)
        return window

    def test_choosing_another_date_and_cancelling_keeps_the_typing(
        self, qtbot, diary, window_for, dialogs
    ):
        window = self.typed_into_yesterday(diary, window_for)
        dialogs.save_answer = "cancel"
        window.form.date_edit.setDate(window.form.date_edit.date().addDays(-3))
        assert "have not saved it" in dialogs.save_questions[-1]
        assert window.form.day == YESTERDAY
        assert window.form.date_edit.date().toPython() == YESTERDAY
        assert window.form.severity.value() == 2

    def test_choosing_save_writes_the_night_then_moves_on(self, qtbot, diary, window_for, dialogs):
        window = self.typed_into_yesterday(diary, window_for)
        dialogs.save_answer = "save"
        earlier = YESTERDAY - timedelta(days=3)
        window.form.date_edit.setDate(window.form.date_edit.date().addDays(-3))
        assert diary.night_on(YESTERDAY).symptom_severity == 2
        assert window.form.day == earlier

    def test_choosing_discard_drops_the_typing(self, qtbot, diary, window_for, dialogs):
        window = self.typed_into_yesterday(diary, window_for)
        dialogs.save_answer = "discard"
        window.form.date_edit.setDate(window.form.date_edit.date().addDays(-3))
        assert diary.night_on(YESTERDAY).symptom_severity == 6

    def test_closing_the_window_asks_and_cancel_keeps_it_open(
        self, qtbot, diary, window_for, dialogs
    ):
        window = self.typed_into_yesterday(diary, window_for)
        dialogs.save_answer = "cancel"
        window.show()
        qtbot.waitExposed(window)
        assert not window.close()
        assert window.isVisible()
        assert "close RLS Tracker" in dialogs.save_questions[-1]
        dialogs.save_answer = "save"
        assert window.close()
        assert diary.night_on(YESTERDAY).symptom_severity == 2

    def test_quit_cancelled_leaves_the_window_and_the_app(self, qtbot, diary, window_for, dialogs):
        window = self.typed_into_yesterday(diary, window_for)
        dialogs.save_answer = "cancel"
        window.show()
        qtbot.waitExposed(window)
        quits = []
        window.quit_requested.connect(lambda: quits.append(True))
        window.request_quit()
        assert window.isVisible() and not quits and not window.quitting

    def test_an_unchanged_form_moves_without_a_question(self, qtbot, diary, window_for, dialogs):
        set_up(diary, [night(YESTERDAY, 100, 6)])
        window = window_for(diary)
        window.form.date_edit.setDate(window.form.date_edit.date().addDays(-3))
        assert dialogs.save_questions == []


def test_a_labels_alt_key_reaches_the_field_made_of_several_widgets(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    form = window.form
    form.notes.setFocus()
    qtbot.keyClick(form.notes, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.severity.spin.hasFocus(), timeout=1000)


FIRST_RUN_WHEEL = """
import sys
from PySide6.QtWidgets import QApplication, QDialog, QSpinBox
from rlstracker.app import Launcher
from tests.ui.conftest import NOW, FakeDialogs
from tests.ui.test_real_use import wheel

app = QApplication(sys.argv)
dialogs = FakeDialogs()
seen = []

def roll(wizard):
    spin = wizard.findChildren(QSpinBox)[0]
    before = spin.value()
    wheel(spin)
    seen.append(spin.value() == before)
    return QDialog.DialogCode.Rejected

dialogs.on_dialog = roll
launcher = Launcher(app, __import__("pathlib").Path(sys.argv[1]), dialogs, lambda: NOW)
launcher.start()
print("unchanged" if seen == [True] else f"changed {seen}")
"""


def test_the_wheel_leaves_the_first_run_guides_fields_alone(tmp_path):
    """In a fresh program (the guide comes before any window): a passing wheel moves no value."""
    result = in_a_fresh_program(FIRST_RUN_WHEEL, tmp_path / "data")
    assert result.stdout.strip() == "unchanged", result.stderr


WINDOW_WHEEL = """
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication
from rlstracker.app import Launcher
from rlstracker.demo import save_demo
from rlstracker.storage import Diary
from tests.ui.conftest import NOW, FakeDialogs
from tests.ui.test_real_use import wheel

with Diary.open(Path(sys.argv[1])) as diary:
    save_demo(diary, NOW.date())
app = QApplication(sys.argv)
launcher = Launcher(app, Path(sys.argv[1]), FakeDialogs(), lambda: NOW)
window = launcher.start()
painted = []
window.first_painted.connect(lambda: painted.append(True))
while not painted:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
app.processEvents()
spin = window.form.severity.spin
before = spin.value()
wheel(spin)
policy = spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
print("unchanged" if spin.value() == before and policy else f"changed {spin.value()} {policy}")
launcher.close()
"""


def test_the_windows_fields_ignore_a_passing_wheel_once_it_has_painted(tmp_path):
    """In a fresh program: the app's wheel behaviour comes just after the first paint, and the
    fields made before it are guarded too."""
    result = in_a_fresh_program(WINDOW_WHEEL, tmp_path / "data")
    assert result.stdout.strip() == "unchanged", result.stderr


class TestUndoKeys:
    def saved_from_the_keyboard(self, qtbot, diary, window_for) -> MainWindow:
        set_up(diary)
        window = window_for(diary)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        form = window.form
        form.severity.spin.setFocus()
        qtbot.keyClick(form.severity.spin, Qt.Key.Key_4)
        assert form.severity.value() == 4
        qtbot.keyClick(form.severity.spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert diary.night_on(form.day).symptom_severity == 4
        return window

    def test_ctrl_z_in_a_field_with_nothing_to_undo_undoes_the_save(self, qtbot, diary, window_for):
        window = self.saved_from_the_keyboard(qtbot, diary, window_for)
        form = window.form
        form.sleep.spin.setFocus()  # nothing typed here
        qtbot.keyClick(form.sleep.spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert diary.night_on(form.day) is None
        form.notes.setFocus()
        qtbot.keyClick(
            form.notes,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert diary.night_on(form.day).symptom_severity == 4

    def test_ctrl_z_in_a_field_with_typing_undoes_the_typing_only(self, qtbot, diary, window_for):
        window = self.saved_from_the_keyboard(qtbot, diary, window_for)
        form = window.form
        form.notes.setFocus()
        qtbot.keyClicks(form.notes, "Cold feet")
        qtbot.keyClick(form.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert form.notes.toPlainText() == ""
        assert diary.night_on(form.day).symptom_severity == 4


class TestBaselineNights:
    def test_a_new_baseline_night_starts_at_0_mg_and_counts_with_only_a_score(
        self, qtbot, diary, window_for, dialogs
    ):
        set_up(diary)
        window = window_for(diary)
        assert window.tonight.title.text() == "No magnesium yet: baseline night"
        form = window.form
        assert form.dose.text() == "0"
        assert "without magnesium" in form.dose.hint.text()
        assert not form.is_dirty()
        form.severity.set_value(6)
        form.save()
        saved = diary.night_on(form.day)
        assert saved.dose_mg == 0 and saved.symptom_severity == 6
        assert window.close() and dialogs.save_questions == []

    def test_once_magnesium_is_taken_a_new_night_starts_empty(self, qtbot, diary, window_for):
        nights = [night(TODAY - timedelta(days=n), 0, 6) for n in range(9, 1, -1)]
        set_up(diary, [*nights, night(YESTERDAY, 100, 5)])
        window = window_for(diary)
        assert window.tonight.title.text() != "No magnesium yet: baseline night"
        window.form.load(None, TODAY)
        assert window.form.dose.text() == ""


def test_a_field_reached_by_its_alt_key_is_scrolled_into_sight(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    window.resize(900, 420)  # the diary form is longer than the window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    form = window.form
    form.severity.spin.setFocus()
    area = next(a for a in window.findChildren(QScrollArea) if a.isAncestorOf(form))
    viewport = area.viewport()

    def in_sight(widget: QWidget) -> bool:
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        return viewport.rect().contains(QRect(top_left, widget.size()))

    assert not in_sight(form.notes)
    qtbot.keyClick(form.severity.spin, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.notes.hasFocus, timeout=1000)
    assert in_sight(form.notes)


def test_a_baseline_night_filled_in_later_starts_at_0_mg(qtbot, diary, window_for):
    """Any night of the baseline week, not only tonight and last night: here the 21st, filled
    in on the 24th after the 19th, 20th and 22nd were written."""
    set_up(
        diary,
        [Night(date=TODAY - timedelta(days=d), dose_mg=0, symptom_severity=6) for d in (5, 4, 2)],
    )
    window = window_for(diary)
    form = window.form
    assert window.tonight.title.text() == "No magnesium yet: baseline night"
    form.date_edit.setDate(TODAY - timedelta(days=3))
    assert form.day == TODAY - timedelta(days=3)
    assert form.dose.text() == "0"
    assert "as the guide asks before the first dose" in form.dose.hint.text()
    assert not form.is_dirty()  # nothing typed: leaving asks nothing
    form.date_edit.setDate(TODAY)
    assert form.dose.text() == "0"
