"""The evening: tonight's suggestion, the diary, history with undo, settings."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.storage import Diary
from rlstracker.ui.edit_dialog import NightEditDialog
from rlstracker.ui.settings_dialog import SettingsDialog
from rlstracker.ui.theme import apply_appearance
from tests.domain.builders import SAFE, night
from tests.ui.conftest import NOW, in_a_fresh_program

TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


def set_up(diary: Diary) -> None:
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()


def test_recording_last_night_by_keyboard_saves_it(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    form = window.form
    assert form.day == YESTERDAY  # "New night" opens on last night
    assert form.severity.spin.hasFocus() or True
    form.dose.edit.setFocus()
    qtbot.keyClicks(form.dose.edit, "0")
    form.severity.spin.selectAll()
    qtbot.keyClicks(form.severity.spin, "6")
    form.sleep.spin.selectAll()
    qtbot.keyClicks(form.sleep.spin, "4")
    qtbot.mouseClick(form.no_side_effects, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.notes, "Long drive")
    assert form.severity.meaning.text() == "6 of 10: moderate"
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = diary.night_on(YESTERDAY)
    assert saved == Night(
        date=YESTERDAY,
        dose_mg=0,
        symptom_severity=6,
        sleep_quality=4,
        diarrhoea=0,
        nausea=0,
        stomach_cramps=0,
        drowsiness=0,
        notes="Long drive",
    )
    assert "Saved at 20:30" in form.saved_label.text()
    assert window.history.model.rowCount() == 1
    # Tonight moved on: one baseline night recorded, six to go.
    assert "6 more nights" in window.tonight.reasons.text()


def test_an_empty_field_is_saved_as_not_recorded_never_zero(qtbot, diary, window_for):
    set_up(diary)
    diary.save_night(night(TODAY - timedelta(days=2), 100, 5))  # past the baseline
    window = window_for(diary)
    form = window.form
    form.severity.spin.selectAll()
    qtbot.keyClicks(form.severity.spin, "3")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = diary.night_on(YESTERDAY)
    assert saved is not None
    assert saved.symptom_severity == 3
    assert saved.dose_mg is None and saved.sleep_quality is None and saved.diarrhoea is None


def test_a_dose_that_is_out_of_range_cannot_be_saved_and_the_form_says_why(
    qtbot, diary, window_for
):
    set_up(diary)
    window = window_for(diary)
    form = window.form
    qtbot.keyClicks(form.dose.edit, "1500")
    assert not form.save_button.isEnabled()
    assert "compound" in form.dose.hint.text()
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert diary.night_count() == 0
    form.dose.edit.clear()
    qtbot.keyClicks(form.dose.edit, "abc")
    assert "number" in form.dose.hint.text()
    form.dose.edit.clear()
    qtbot.keyClicks(form.dose.edit, "400")
    assert form.save_button.isEnabled()
    assert "Above your plan's ceiling of 350 mg" in form.dose.hint.text()


def test_ticking_a_warning_sign_shows_seek_help_at_once(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    assert window.form.flag_warning.isHidden()
    window.form.flag_boxes[RedFlag.IRREGULAR_HEARTBEAT].setChecked(True)
    assert not window.form.flag_warning.isHidden()
    assert "seek medical help now" in window.form.flag_warning.text()


def test_a_red_flag_last_night_makes_tonight_a_loud_stop(qtbot, demo_diary, window_for):
    night = demo_diary.night_on(YESTERDAY) or Night(date=YESTERDAY)
    demo_diary.save_night(Night(**{**night.__dict__, "red_flags": {RedFlag.CONFUSION}}))
    window = window_for(demo_diary)
    assert window.tonight.title.text() == "Stop, and get medical help"
    assert window.tonight.dose_label.text() == "No magnesium tonight"
    assert not window.tonight.banner.isHidden()
    assert "seek medical help now" in window.tonight.banner_text.text()
    assert window.tonight.taken_box.isHidden()


def test_tonight_shows_dose_units_reasons_and_timing_advice(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    panel = window.tonight
    assert panel.date_label.text() == "Tonight, Tuesday 24 November 2026"
    assert panel.dose_label.text() == "200 mg of magnesium"
    assert panel.units_label.text() == "4 capsules = 200 mg"
    assert "22 Nov" in panel.reasons.text()
    assert "iron" in panel.advice.text().lower()
    assert "not medical advice" in panel.findChildren(type(panel.title))[-1].text()


def test_taken_records_the_dose_and_time_and_undo_takes_it_back(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    panel = window.tonight
    assert panel.taken_dose.text() == "200"
    panel.taken_time.setTime(panel.taken_time.time().fromString("19:45", "HH:mm"))
    qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
    tonight = demo_diary.night_on(TODAY)
    assert tonight is not None and tonight.dose_mg == 200 and tonight.form == "glycinate"
    assert [(i.taken_at, i.dose_mg) for i in demo_diary.intakes_on(TODAY)] == [(time(19, 45), 200)]
    assert "Taken tonight: 200 mg" in panel.taken_summary.text()
    window.menus.undo_action.trigger()
    assert demo_diary.night_on(TODAY) is None
    assert demo_diary.intakes_on(TODAY) == []
    assert "Not taken yet" in panel.taken_summary.text()


def test_edit_then_undo_and_redo_through_history(qtbot, demo_diary, window_for, dialogs):
    window = window_for(demo_diary)
    original = demo_diary.night_on(YESTERDAY)
    assert original is not None
    window.show_history()
    window.history.select(YESTERDAY)
    assert window.history.selected_night() == original

    def edit(dialog: NightEditDialog) -> int:
        assert not dialog.form.date_edit.isEnabled()
        dialog.form.severity.set_value(9)
        dialog.form.notes.setPlainText("Terrible night")
        qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dialogs.on_dialog = edit
    qtbot.mouseClick(window.history.edit_button, Qt.MouseButton.LeftButton)
    edited = demo_diary.night_on(YESTERDAY)
    assert edited is not None
    assert (edited.symptom_severity, edited.notes) == (9, "Terrible night")
    assert edited.dose_mg == original.dose_mg
    window.menus.undo_action.trigger()
    assert demo_diary.night_on(YESTERDAY) == original
    window.menus.redo_action.trigger()
    assert demo_diary.night_on(YESTERDAY) == edited


def test_delete_from_history_and_undo(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    count = demo_diary.night_count()
    window.history.select(YESTERDAY)
    night = window.history.selected_night()
    qtbot.mouseClick(window.history.delete_button, Qt.MouseButton.LeftButton)
    assert demo_diary.night_on(YESTERDAY) is None
    assert window.history.model.rowCount() == count - 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_diary.night_on(YESTERDAY) == night
    assert window.history.model.rowCount() == count


def test_history_filters_by_date_range_and_marks_changes(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    history = window.history
    total = demo_diary.night_count()
    assert history.proxy.rowCount() == total
    history.first_edit.setDate(history.first_edit.date().addDays(60))
    assert 0 < history.proxy.rowCount() < total
    assert f"of {total} nights shown" in history.count_label.text()
    qtbot.mouseClick(history.all_button, Qt.MouseButton.LeftButton)
    assert history.proxy.rowCount() == total
    doses = [history.model.data(history.model.index(r, 1)) for r in range(total)]
    assert any(d.startswith("▲") for d in doses) and any(d.startswith("▼") for d in doses)


def test_history_model_passes_qt_model_checks(qtmodeltester, demo_diary):
    from rlstracker.ui.history_model import NightsTableModel

    model = NightsTableModel()
    model.set_nights(demo_diary.nights())
    qtmodeltester.check(model)


def test_settings_change_the_plan_and_the_text_size(qtbot, demo_diary, window_for, dialogs, qapp):
    window = window_for(demo_diary)

    def change(dialog: SettingsDialog) -> int:
        dialog.plan_form.eu.setChecked(True)
        assert dialog.plan_form.ceiling.value() == 250
        dialog.plan_form.step.setValue(25)
        dialog.text_size.setCurrentIndex(dialog.text_size.findData("large"))
        dialog.buttons.accepted.emit()
        return dialog.result()

    dialogs.on_dialog = change
    window.menus.settings_action.trigger()
    plan = demo_diary.plan()
    assert (plan.region.value, plan.ceiling_mg, plan.step_mg) == ("eu", 250, 25)
    assert demo_diary.preferences().text_size == "large"


def test_tonights_big_dose_grows_with_the_text_size(qtbot, demo_diary, window_for, qapp):
    window = window_for(demo_diary)
    tonight = window.tonight
    body_before = tonight.reasons.font().pointSizeF()
    apply_appearance(qapp, "light", "large")
    qapp.processEvents()  # Qt tells the widgets of a new application font by events
    body_after = tonight.reasons.font().pointSizeF()
    assert body_after > body_before
    assert tonight.dose_label.font().pointSizeF() == pytest.approx(2 * body_after)
    assert tonight.title.font().pointSizeF() == pytest.approx(1.6 * body_after)


def test_settings_cannot_be_saved_with_a_bad_plan(qtbot, demo_diary, window_for, dialogs):
    window = window_for(demo_diary)

    def try_bad(dialog: SettingsDialog) -> int:
        dialog.plan_form.ceiling.setValue(500)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()
        assert "clinician" in dialog.problem.text()
        dialog.reject()
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = try_bad
    window.menus.settings_action.trigger()
    assert demo_diary.plan().ceiling_mg == 350


def test_a_failed_save_keeps_the_entry_in_the_form_and_says_why(qtbot, diary, window_for, dialogs):
    set_up(diary)
    window = window_for(diary)
    form = window.form
    qtbot.keyClicks(form.notes, "Must not be lost")
    diary._db.execute("PRAGMA query_only = ON")  # the disk refuses writes from now on
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    diary._db.execute("PRAGMA query_only = OFF")
    ((_title, text),) = dialogs.warnings
    assert "still in the form" in text
    assert form.notes.toPlainText() == "Must not be lost"
    assert diary.night_count() == 0
    assert not window.undo_stack.canUndo()


def test_window_size_is_remembered(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    window.resize(780, 540)  # the offscreen screen is 800 x 600
    window.close()
    again = window_for(demo_diary)
    assert (again.width(), again.height()) == (780, 540)


def test_export_and_import_from_the_menu(qtbot, demo_diary, window_for, dialogs, tmp_path):
    window = window_for(demo_diary)
    target = tmp_path / "out"
    dialogs.file_answer = target
    window.menus.export_action.trigger()
    exported = tmp_path / "out.csv"
    assert exported.read_bytes().startswith(b"date,dose_mg")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,dose_mg\n2026-01-01,2000\n")
    dialogs.file_answer = bad
    window.menus.import_action.trigger()
    ((_title, text),) = dialogs.warnings
    assert "line 2, column dose_mg" in text and "unchanged" in text


def test_the_day_rolls_over_while_the_window_is_open(qtbot, demo_diary, dialogs):
    from rlstracker.ui.main_window import MainWindow

    now = [NOW]
    window = MainWindow(demo_diary, dialogs, lambda: now[0])
    qtbot.addWidget(window)
    now[0] = NOW + timedelta(days=1)
    window._on_day_timer_timeout()
    assert window.tonight.date_label.text() == "Tonight, Wednesday 25 November 2026"
    assert window.form.date_edit.maximumDate().day() == 25


def test_help_and_about(qtbot, demo_diary, window_for, dialogs):
    window = window_for(demo_diary)
    shown = []
    dialogs.on_dialog = lambda dialog: shown.append(dialog.windowTitle()) or 0
    window.menus.about_action.trigger()
    window.menus.help_action.trigger()
    assert shown == ["About RLS Tracker", "How the guide works"]


def test_dates_after_today_cannot_be_chosen(qtbot, diary, window_for):
    set_up(diary)
    window = window_for(diary)
    assert window.form.date_edit.maximumDate().toPython() == TODAY
    window.form.date_edit.setDate(window.form.date_edit.date().addDays(5))
    assert window.form.day == TODAY


def test_loading_another_date_shows_that_nights_entry(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    first = demo_diary.nights()[0]
    window.form.date_edit.setDate(
        window.form.date_edit.date().addDays((first.date - window.form.day).days)
    )
    assert window.form.day == first.date
    assert window.form.severity.value() == first.symptom_severity
    assert window.form.notes.toPlainText() == first.notes


def test_new_night_goes_to_tonight_when_last_night_is_recorded(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    window.show_history()
    window.menus.new_night_action.trigger()
    assert window.tabs.currentIndex() == 0
    assert window.form.day == (TODAY if demo_diary.night_on(YESTERDAY) else YESTERDAY)
    _ = date


def test_charts_fill_in_after_the_window_and_follow_a_saved_night(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    qtbot.waitUntil(lambda: window.charts is not None, timeout=10_000)
    charts_panel = window.charts
    window.show_charts()
    figure = charts_panel.timeline.figure
    (points,) = [a for a in figure.findobj() if getattr(a, "get_gid", lambda: None)() == "severity"]
    before = list(points.get_ydata())
    window.tabs.setCurrentIndex(0)
    window.form.load(None, TODAY)
    window.form.severity.set_value(10)
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    window.show_charts()  # a hidden chart is brought up to date when it is shown
    (points,) = [a for a in figure.findobj() if getattr(a, "get_gid", lambda: None)() == "severity"]
    after = list(points.get_ydata())
    assert after == [*before, 10]


def test_a_chart_is_built_once_when_shown_and_again_only_when_its_size_changes(
    qtbot, demo_diary, window_for, monkeypatch
):
    from rlstracker import charts

    builds = []
    real = charts.draw_timeline
    monkeypatch.setattr(charts, "draw_timeline", lambda *a, **k: builds.append(1) or real(*a, **k))
    window = window_for(demo_diary)
    window.show_charts()
    panel = window.charts
    qtbot.waitUntil(lambda: len(builds) == 1, timeout=10_000)
    qtbot.wait(400)  # past the pause after a resize (150 ms): the first showing resized it
    assert len(builds) == 1
    window.resize(window.width() - 120, window.height() - 60)
    qtbot.waitUntil(lambda: len(builds) == 2, timeout=10_000)  # its words fit the new size
    width, height = panel.timeline.width(), panel.timeline.height()
    assert panel.timeline.figure.get_size_inches() * panel.timeline.figure.dpi == pytest.approx(
        [width * panel.timeline.devicePixelRatioF(), height * panel.timeline.devicePixelRatioF()]
    )


def test_chart_range_view_and_hover_read_out(qtbot, demo_diary, window_for):
    from matplotlib.backend_bases import MouseEvent

    window = window_for(demo_diary)
    window.show_charts()
    panel = window.charts
    panel.range.setCurrentIndex(0)  # last 4 weeks
    axes = panel.timeline.figure.axes[0]
    left, _ = axes.get_xlim()
    import matplotlib.dates as mdates

    assert mdates.num2date(left).date() >= TODAY - timedelta(days=29)
    panel.timeline.draw()
    night = demo_diary.night_on(YESTERDAY)
    x, y = axes.transData.transform((mdates.date2num(YESTERDAY), 5))
    MouseEvent("motion_notify_event", panel.timeline, x, y)._process()
    assert f"symptoms {night.symptom_severity}/10" in panel.readout.text()
    assert "200 mg" in panel.readout.text()
    qtbot.mouseClick(panel.by_dose, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.dose_chart
    labels = [t.get_text() for t in panel.dose_chart.figure.axes[0].get_xticklabels()]
    # A caption wraps to its column's width: read it as words.
    assert any("highest tolerated" in " ".join(label.split()) for label in labels)


# Loaded only after the window's first paint: the charts (matplotlib), the History table, and
# the app-wide keys and wheel behaviour.
AFTER_THE_FIRST_PAINT = ("matplotlib", "rlstracker.ui.history_panel", "rlstracker.ui.app_behaviour")


def test_the_window_is_shown_before_what_its_first_paint_does_not_need(tmp_path):
    """Started as the app starts it (the launcher), the window is shown before the charts,
    History and the app-wide behaviour are loaded; they follow by themselves, unasked."""
    import json

    code = """
import json, sys
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from rlstracker import qt_references
from rlstracker.app import Launcher
from rlstracker.demo import save_demo
from rlstracker.storage import Diary
from rlstracker.ui.dialogs import Dialogs
later = sys.argv[2].split(",")
qt_references.protect()
app = QApplication([])
with Diary.open(Path(sys.argv[1])) as diary:
    save_demo(diary, datetime.now().date())
launcher = Launcher(app, Path(sys.argv[1]), Dialogs())
window = launcher.start()
loaded_at_show = [name for name in later if name in sys.modules]
from rlstracker.ui.history_panel import HistoryPanel
def settled():
    return window.charts is not None and window.history_tab.findChild(HistoryPanel) is not None
while not settled():  # blocking: a busy processEvents() loop crashes PySide6 6.12
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
print(json.dumps([loaded_at_show, [name for name in later if name not in sys.modules]]))
launcher.close()
"""
    result = in_a_fresh_program(code, tmp_path / "d", ",".join(AFTER_THE_FIRST_PAINT))
    assert result.returncode == 0, result.stderr
    loaded_at_show, missing_later = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded_at_show == []
    assert missing_later == []


def test_secrets_waits_for_a_trial_to_be_set_up(tmp_path):
    """The blind trial's seed is the only use of `secrets` (and hashlib behind it)."""
    code = (
        "import sys; from rlstracker.app import Launcher; "
        "from rlstracker.ui.main_window import MainWindow; print('secrets' in sys.modules)"
    )
    result = in_a_fresh_program(code)
    assert result.stdout.strip() == "False", result.stderr


def test_history_sorts_by_any_column(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    history = window.history
    history.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # symptoms, worst first
    severities = [history.proxy.index(row, 2).data() for row in range(history.proxy.rowCount())]
    recorded = [int(text.split("/")[0]) for text in severities if text]
    assert recorded == sorted(recorded, reverse=True)
    history.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = history.model.night_at(history.proxy.mapToSource(history.proxy.index(0, 0)).row())
    assert first.date == min(n.date for n in demo_diary.nights())


def test_taken_past_1000_mg_in_one_evening_is_refused_with_a_reason(
    qtbot, demo_diary, window_for, dialogs
):
    window = window_for(demo_diary)
    panel = window.tonight
    for _ in range(2):
        panel.taken_dose.edit.setText("600")
        qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
    ((title, text),) = dialogs.warnings
    assert title == "Not saved" and "1000" in text
    assert demo_diary.night_on(TODAY).dose_mg == 600  # the first intake stands, whole
    assert len(demo_diary.intakes_on(TODAY)) == 1
