"""The personal trial in the window, end to end on real widgets and a real diary: offered on
Tonight, set up, lived evening by evening with the Tonight buttons, paused by a safety rule,
stopped, and a blind trial whose screens reveal nothing until the end."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QTableWidget, QWidget

from rlstracker import translations
from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import ReminderState
from rlstracker.domain.trial import TrialDesign, guide, trial_offer, view
from rlstracker.domain.wording import full_day
from rlstracker.preferences import Preferences
from rlstracker.storage import DIARY_FILE_NAME, Diary
from rlstracker.ui.main_window import MainWindow
from rlstracker.ui.trial_dialog import TrialDialog
from rlstracker.ui.trial_status_dialog import TrialStatusDialog
from tests.domain.builders import SAFE, night
from tests.domain.test_trial_periods import seed_for
from tests.domain.trial_sim import new_trial, steady_diary
from tests.ui.conftest import NOW
from tests.ui.test_access import check_keyboard_and_names
from tests.ui.test_real_use import check_unique, tab_letters
from tests.ui.test_reminders import Clock, FakeNotifier, service

TODAY = NOW.date()
DAY = timedelta(days=1)


class Evenings:
    """A clock that the test moves on an evening at a time."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def next(self, window: MainWindow) -> None:
        self.now += DAY
        window._on_day_timer_timeout()


def steady(diary: Diary) -> Diary:
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()
    diary.import_nights(steady_diary(start=TODAY - 56 * DAY))
    return diary


def open_window(qtbot, diary, dialogs, clock) -> MainWindow:
    window = MainWindow(diary, dialogs, clock, help_html="<h2>Help</h2>")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def texts(widget: QWidget) -> str:
    """Every word a person could read in `widget`: labels, buttons and table cells."""
    found = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    for table in widget.findChildren(QTableWidget):
        found += [
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
            if table.item(r, c) is not None
        ]
    return " ".join(found)


def start_from_tonight(qtbot, window, dialogs, pairs=3, nights=6, blind=False) -> None:
    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, TrialDialog)
        dialog.pairs.setValue(pairs)
        dialog.nights.setValue(nights)
        dialog.blind.setChecked(blind)
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = fill
    qtbot.mouseClick(window.tonight.trial_button, Qt.MouseButton.LeftButton)


def rate_last_night(window: MainWindow, severity: int) -> None:
    """The person rates last night's symptoms and side effects (the form's save path)."""
    day = window._today - DAY
    recorded = window.diary.night_on(day)
    assert recorded is not None, f"nothing recorded on {day}"
    rated = dataclasses.replace(
        recorded, symptom_severity=severity, diarrhoea=0, nausea=0, stomach_cramps=0, drowsiness=0
    )
    window.form.load(recorded, day)
    window.editor.save_night(rated, window.form)


def take_tonight(qtbot, window: MainWindow) -> str:
    """Do what Tonight says with its buttons; returns the title it showed."""
    panel = window.tonight
    title = panel.title.text()
    if panel.none_button.isVisible():
        qtbot.mouseClick(panel.none_button, Qt.MouseButton.LeftButton)
    else:
        assert panel.taken_box.isVisible(), title
        panel.taken_time.setTime(time(21, 0))
        qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
    return title


def test_a_trial_offered_on_tonight_runs_to_its_verdict(qtbot, diary, dialogs):
    clock = Evenings()
    window = open_window(qtbot, steady(diary), dialogs, clock)
    panel = window.tonight
    assert panel.trial_box.isVisible() and "Find out whether magnesium helps you" in (
        panel.trial_text.text()
    )
    start_from_tonight(qtbot, window, dialogs)
    trial = diary.trial()
    assert trial is not None and trial.first_night == TODAY and trial.dose_mg == 200
    assert not window.trials.start_action.isEnabled() and window.trials.stop_action.isEnabled()
    menus = [a.text()[a.text().find("&") + 1].lower() for a in window.menuBar().actions()]
    check_unique(window, menus + tab_letters(window.tabs))

    titles = []
    for evening in range(36):
        if evening:
            rate_last_night(window, 2 if diary.night_on(window._today - DAY).dose_mg else 6)
        titles.append(take_tonight(qtbot, window))
        expected = view(trial, diary.nights(), window._today).magnesium_tonight()
        tonight = diary.night_on(window._today)
        assert (tonight.dose_mg > 0) == expected, (evening, titles[-1])
        clock.next(window)
    rate_last_night(window, 2 if diary.night_on(window._today - DAY).dose_mg else 6)
    window.refresh()
    assert set(titles) == {"Trial: magnesium tonight", "Trial: no magnesium tonight"}
    assert "Your trial has ended: Better on magnesium" in panel.trial_text.text()
    assert panel.title.text() != "Trial: magnesium tonight"  # the guide alone again

    shown = {}

    def look(dialog: QDialog) -> int:
        assert isinstance(dialog, TrialStatusDialog)
        shown["text"] = texts(dialog)
        shown["chart"] = dialog.canvas is not None
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = look
    qtbot.mouseClick(panel.trial_button, Qt.MouseButton.LeftButton)
    assert "Better on magnesium" in shown["text"] and "can't prove" in shown["text"]
    assert "magnesium, 200 mg" in shown["text"] and shown["chart"]
    window.show_charts()
    gids = {artist.get_gid() for artist in window.charts.timeline.figure.axes[0].patches}
    assert {"trial_on", "trial_off"} <= gids


def test_a_side_effect_pauses_the_trial_and_tonight_says_why(qtbot, diary, dialogs):
    clock = Evenings()
    window = open_window(qtbot, steady(diary), dialogs, clock)
    start_from_tonight(qtbot, window, dialogs)
    take_tonight(qtbot, window)
    clock.next(window)
    recorded = diary.night_on(window._today - DAY)
    diary.save_night(dataclasses.replace(recorded, symptom_severity=3, nausea=3))
    window.refresh()
    panel = window.tonight
    assert panel.title.text() == "Stop for now" and panel.banner.isVisible()
    assert "Nausea" in panel.banner_text.text() or "nausea" in panel.banner_text.text()
    assert "the trial pauses" in panel.reasons.text()
    assert not panel.taken_box.isVisible()


def test_the_trial_can_be_stopped_from_its_window(qtbot, diary, dialogs):
    clock = Evenings()
    window = open_window(qtbot, steady(diary), dialogs, clock)
    start_from_tonight(qtbot, window, dialogs)

    def press_stop(dialog: QDialog) -> int:
        assert isinstance(dialog, TrialStatusDialog)
        qtbot.mouseClick(dialog.stop, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = press_stop
    window.trials.show_action.trigger()
    assert any(title == "Stop the trial?" for title, _ in dialogs.infos)
    assert diary.trial().stopped_on == TODAY
    assert window.tonight.title.text() == "Stay at this dose"
    assert window.trials.start_action.isEnabled()


def test_the_trial_menu_and_its_set_up_speak_german(qtbot, diary, dialogs):
    translations.speak("de")
    try:
        window = open_window(qtbot, steady(diary), dialogs, Evenings())
        menu = window.trials.menu
        assert menu.title() == "Ma&gnesium-Versuch"
        assert [action.text() for action in menu.actions() if not action.isSeparator()] == [
            "&Herausfinden, ob Magnesium Ihnen hilft…",
            "&Ihr Versuch…",
            "Blatt für die helfende Person &drucken…",
            "Versuch &abbrechen…",
        ]
        shown: list[str] = []

        def look(dialog: QDialog) -> int:
            assert isinstance(dialog, TrialDialog)
            shown.extend([dialog.windowTitle(), dialog.summary.text()])
            return QDialog.DialogCode.Rejected

        dialogs.on_dialog = look
        window.trials.start_action.trigger()
        title, summary = shown
        assert title == "Herausfinden, ob Magnesium Ihnen hilft"
        assert "<b>56 Nächte</b>: 4 Wochenpaare" in summary
        end = full_day(TODAY + 55 * DAY)
        assert (
            f"Er beginnt heute Abend und endet, wenn jede Nacht eingetragen wird, am {end}."
            in summary
        )
        assert diary.trial() is None
    finally:
        translations.speak("en")


def test_a_blind_trial_reveals_nothing_on_the_persons_screens(qtbot, diary, dialogs, tmp_path):
    clock = Evenings()
    window = open_window(qtbot, steady(diary), dialogs, clock)
    start_from_tonight(qtbot, window, dialogs, blind=True)
    assert any(title == "Now the helper's sheet" for title, _ in dialogs.infos)
    trial = diary.trial()
    assert trial.design.blind and trial.first_night == TODAY + DAY

    # The helper's sheet, saved as a PDF for the helper, shows the order.
    dialogs.file_answer = tmp_path / "sheet.pdf"
    window.trials.save_sheet()
    sheet = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "sheet.pdf").pages
    )
    assert "REAL" in sheet and "LOOK-ALIKE" in sheet
    # Printed, its preview says what it prints (it said "Print the report").
    previews = []
    dialogs.print_preview = lambda parent, paint, title=None: previews.append(title)
    window.trials.print_sheet()
    assert previews == ["Print the helper's sheet"]

    clock.next(window)
    seen = []
    for evening in range(36):
        if evening:
            rate_last_night(
                window,
                2 if view(trial, diary.nights(), window._today - DAY).magnesium_tonight() else 6,
            )
        panel = window.tonight
        assert panel.dose_label.text() == "Tonight's capsules from the box"
        assert panel.taken_dose.value() == 200
        seen.append(texts(window))
        take_tonight(qtbot, window)

        def look(dialog: QDialog) -> int:
            seen.append(texts(dialog))
            return QDialog.DialogCode.Rejected

        if evening in (7, 20):
            dialogs.on_dialog = look
            window.trials.show()
            window.show_charts()
            gids = {a.get_gid() for a in window.charts.timeline.figure.axes[0].patches}
            assert "trial_on" not in gids and "trial_off" not in gids and "trial_sealed" in gids
        if evening == 35:  # sealed to the last: the diary holds the box's dose every night
            assert {n.dose_mg for n in diary.nights() if n.date >= trial.first_night} == {200}
        clock.next(window)
    for words in seen:
        for telling in ("no magnesium", "magnesium, 200", "Trial: none", "LOOK-ALIKE", "REAL"):
            assert telling not in words

    rate_last_night(window, 2)
    window.refresh()
    revealed = diary.trial()
    assert revealed.revealed_on == window._today and revealed.finished
    assert "Your trial has ended" in window.tonight.trial_text.text()
    for period in view(revealed, diary.nights(), window._today).periods:
        doses = {diary.night_on(day).dose_mg for day, _ in period.uses if day != period.bridge}
        assert doses == ({200} if period.magnesium_on(period.last) else {0})


def test_the_trials_dialogs_are_reachable_by_keyboard_and_named(qtbot, diary, dialogs):
    steady(diary)
    offer = trial_offer(guide(Plan(), SAFE, diary.nights()), TODAY)
    dialog = TrialDialog(offer, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    check_keyboard_and_names(dialog)
    trial = diary.start_trial(new_trial(TODAY, 3))
    status = TrialStatusDialog(view(trial, diary.nights(), TODAY), None)
    qtbot.addWidget(status)
    status.show()
    check_keyboard_and_names(status)


def test_the_evening_reminder_follows_the_trial_and_never_tells_a_blind_one(qtbot, diary):
    steady(diary)
    diary.save_preferences(Preferences(reminder_time=time(20, 0)))
    diary.start_trial(new_trial(TODAY, seed_for("-+-+-+-+")))  # tonight: no magnesium
    fake = FakeNotifier()
    assert service(diary, Clock(NOW), fake).check()
    assert fake.shown[0][0] == "Tonight: no magnesium"
    diary.stop_trial(TODAY)
    diary.start_trial(new_trial(TODAY, seed_for("-+-+-+-+"), TrialDesign(blind=True)))
    diary.save_reminder_state(ReminderState())
    assert service(diary, Clock(NOW), fake).check()
    assert fake.shown[-1][0] == "Tonight: the capsules from your trial's box"


def test_a_new_night_in_a_week_without_starts_at_0_mg(qtbot, diary, dialogs):
    clock = Evenings()
    steady(diary)
    diary.start_trial(new_trial(TODAY - DAY, seed_for("-+-+-+-+")))
    window = open_window(qtbot, diary, dialogs, clock)
    window.form.load(None, TODAY)
    assert window.form.dose.text() == "0"


def blind_trial_ended_last_night(diary: Diary) -> Diary:
    """A blind 3-pair trial whose last week (without magnesium) ended last night, every night
    recorded with the box's 200 mg and symptoms at 5: the sealed diary alone would have the
    guide go up to 250 mg; as revealed, the guide restarts at 200 mg."""
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()
    first = TODAY - 42 * DAY
    diary.import_nights(steady_diary(start=first - 56 * DAY))
    diary.start_trial(
        new_trial(first, seed_for("+-+-+-", pairs=3), TrialDesign(pairs=3, blind=True))
    )
    diary.import_nights([night(first + k * DAY, 200, 5) for k in range(42)])
    diary.save_preferences(Preferences(reminder_time=time(20, 0)))
    return diary


def test_on_the_evening_a_blind_trial_ends_tonight_answers_from_the_revealed_diary(
    qtbot, diary, dialogs
):
    window = open_window(qtbot, blind_trial_ended_last_night(diary), dialogs, Evenings())
    assert window.tonight.title.text() == "Restart"
    assert "200 mg" in window.tonight.dose_label.text()
    assert "Your trial has ended" in window.tonight.trial_text.text()
    assert diary.night_on(TODAY - DAY).dose_mg == 0  # revealed in the diary


def test_a_read_only_window_shows_the_revealed_diary_and_writes_nothing(qtbot, data_dir, dialogs):
    with Diary.open(data_dir) as writable:
        blind_trial_ended_last_night(writable)
    before = (data_dir / DIARY_FILE_NAME).read_bytes()
    with Diary.open(data_dir, read_only=True) as diary:
        window = MainWindow(diary, dialogs, Evenings(), read_only=True)
        qtbot.addWidget(window)
        assert window.tonight.title.text() == "Restart"
        assert "200 mg" in window.tonight.dose_label.text()
        window.close()
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == before


def test_the_reminder_on_the_evening_a_blind_trial_ends_names_the_revealed_dose(qtbot, diary):
    blind_trial_ended_last_night(diary)
    fake = FakeNotifier()
    assert service(diary, Clock(NOW), fake).check()
    assert fake.shown[0][0] == "Tonight: 200 mg"
    assert diary.trial().sealed and diary.night_on(TODAY - DAY).dose_mg == 200  # only read


def test_after_a_break_tonight_gives_the_guides_restart_and_says_the_trial_stopped(
    qtbot, diary, dialogs
):
    """Four nights of a trial, then three weeks with nothing recorded: Tonight restarts at the
    start dose, says why the trial is over, and the diary keeps the stop."""
    diary.save_safety_answers(SAFE)
    diary.save_plan(Plan())
    diary.mark_set_up()
    first = TODAY - 24 * DAY
    diary.import_nights(steady_diary(start=first - 56 * DAY))
    diary.start_trial(new_trial(first, seed_for("+-+-+-+-")))
    diary.import_nights([night(first + k * DAY, 200, 3) for k in range(4)])
    window = open_window(qtbot, diary, dialogs, Evenings())
    panel = window.tonight
    assert panel.title.text() == "Restart" and "100 mg" in panel.dose_label.text()
    assert "Your trial stopped" in panel.reasons.text()
    assert "stopped by a break" in panel.trial_text.text()
    kept = diary.trial()
    assert kept.stopped_by_break and kept.stopped_on == first + 17 * DAY
    assert window.trials.start_action.isEnabled() and not window.trials.stop_action.isEnabled()
