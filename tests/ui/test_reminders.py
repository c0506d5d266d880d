"""The evening reminder at work, with an injected clock and a fake notification service; start
at login; the app in the background."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from rlstracker import autostart
from rlstracker.preferences import Preferences
from rlstracker.storage import Diary
from rlstracker.ui.notifications import Notifier
from rlstracker.ui.reminder_service import ReminderService
from tests.domain.builders import SAFE, night
from tests.ui.conftest import NOW

EVENING = NOW.date()


class FakeNotifier(Notifier):
    """The desktop's notification service, as the tests see it: what it was asked to show."""

    def __init__(self, works: bool = True) -> None:
        super().__init__()
        self.works = works
        self.shown: list[tuple[str, str]] = []
        self.up = False

    def show(self, title: str, body: str) -> bool:
        if self.works:
            self.shown.append((title, body))
            self.up = True
        return self.works

    def withdraw(self) -> None:
        self.up = False


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def diary_ready(diary: Diary, at: time = time(20, 0)) -> Diary:
    diary.save_safety_answers(SAFE)
    diary.mark_set_up()
    diary.save_preferences(Preferences(reminder_time=at))
    for offset in range(1, 15):
        diary.save_night(night(EVENING - timedelta(days=offset), 0 if offset > 7 else 100))
    return diary


def service(diary: Diary, clock: Clock, notifier: Notifier, window=lambda: None):
    made = ReminderService(diary, notifier, clock, window)
    made._running = True  # as after start(), without its timer: the test moves the clock
    return made


def test_exactly_one_notification_at_the_minute_naming_tonights_dose(qtbot, diary):
    diary_ready(diary, at=time(20, 31))
    clock = Clock(datetime.combine(EVENING, time(20, 30)))
    fake = FakeNotifier()
    reminders = service(diary, clock, fake)
    assert not reminders.check()
    clock.now += timedelta(minutes=1)
    with qtbot.waitSignal(reminders.shown):
        assert reminders.check()
    for _ in range(5):
        clock.now += timedelta(minutes=1)
        assert not reminders.check()
    assert fake.shown == [("Tonight: 150 mg", "And how was last night?")]  # as Tonight says


def test_none_when_the_night_was_recorded_first_even_by_another_program(
    qtbot, diary, data_dir, tmp_path
):
    diary_ready(diary)
    csv = tmp_path / "tonight.csv"
    csv.write_text(f"date,dose_mg\n{EVENING},100\n")
    subprocess.run(
        [sys.executable, "-m", "rlstracker", "import", str(csv), "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
    )
    fake = FakeNotifier()
    assert not service(diary, Clock(datetime.combine(EVENING, time(20, 5))), fake).check()
    assert fake.shown == []


def test_the_reminder_stays_up_until_the_dose_is_recorded(qtbot, diary):
    diary_ready(diary)
    clock = Clock(datetime.combine(EVENING, time(20, 0)))
    fake = FakeNotifier()
    reminders = service(diary, clock, fake)
    assert reminders.check() and fake.up
    clock.now += timedelta(minutes=10)
    reminders.check()
    assert fake.up  # nothing recorded yet: it stays
    diary.save_night(night(EVENING, 100))
    clock.now += timedelta(minutes=1)
    reminders.check()
    assert not fake.up  # recorded: taken back within a minute


def test_an_unanswered_reminder_goes_when_the_evening_is_over(qtbot, diary):
    diary_ready(diary)
    clock = Clock(datetime.combine(EVENING, time(20, 0)))
    fake = FakeNotifier()
    reminders = service(diary, clock, fake)
    assert reminders.check()
    clock.now = datetime.combine(EVENING + timedelta(days=1), time(4, 1))
    reminders.check()
    assert not fake.up


def test_in_30_minutes_and_open(qtbot, diary):
    diary_ready(diary)
    clock = Clock(datetime.combine(EVENING, time(20, 0)))
    fake = FakeNotifier()
    reminders = service(diary, clock, fake)
    assert reminders.check()
    fake.snoozed.emit()
    assert not fake.up  # put off: gone until it comes again
    clock.now += timedelta(minutes=29)
    assert not reminders.check()
    clock.now += timedelta(minutes=1)
    assert reminders.check() and len(fake.shown) == 2
    with qtbot.waitSignal(reminders.open_requested):
        fake.opened.emit()
    assert not fake.up  # answered by opening the window


def test_a_suspend_across_the_time_brings_it_at_wake_up_once(qtbot, diary):
    diary_ready(diary)
    clock = Clock(datetime.combine(EVENING, time(19, 58)))
    fake = FakeNotifier()
    reminders = service(diary, clock, fake)
    assert not reminders.check()
    clock.now = datetime.combine(EVENING, time(23, 12))  # the lid opens again
    assert reminders.check() and not reminders.check()


def test_with_no_service_it_raises_the_open_window(qtbot, diary, window_for):
    diary_ready(diary)
    window = window_for(diary)
    window.showMinimized()
    fake = FakeNotifier(works=False)
    reminders = service(diary, Clock(NOW), fake, lambda: window)
    assert reminders.check()
    assert not window.isMinimized()


def test_with_no_service_and_no_window_it_waits_for_the_next_opening(qtbot, diary):
    diary_ready(diary)
    fake = FakeNotifier(works=False)
    clock = Clock(NOW)
    assert not service(diary, clock, fake).check()
    assert diary.reminder_state().sent_for is None  # still due: the next opening shows it
    working = FakeNotifier()
    assert service(diary, clock, working).check()


def test_off_means_no_reminder(qtbot, diary):
    diary_ready(diary)
    diary.save_preferences(Preferences(reminder_time=None))
    fake = FakeNotifier()
    assert not service(diary, Clock(NOW), fake).check()


# Start at login, each platform's way.


def test_the_linux_autostart_entry_starts_the_app_in_the_background(tmp_path: Path):
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    arguments = ["/opt/RLS Tracker/rlstracker", "--background", "--data-dir", "/home/a b/diary"]
    path = autostart.set_enabled(True, arguments, "linux", environ)
    assert path == tmp_path / "config/autostart/io.github.rlstracker.RLSTracker.desktop"
    text = path.read_text()
    assert 'Exec="/opt/RLS Tracker/rlstracker" --background --data-dir "/home/a b/diary"' in text
    assert autostart.is_enabled("linux", environ)
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True)
        assert result.returncode == 0, result.stdout + result.stderr
    autostart.set_enabled(False, arguments, "linux", environ)
    assert not path.exists() and not autostart.is_enabled("linux", environ)


def test_what_windows_and_macos_would_be_given():
    arguments = [r"C:\Program Files\RLS Tracker\rlstracker.exe", "--background"]
    assert (
        autostart.windows_run_value(arguments)
        == r'"C:\Program Files\RLS Tracker\rlstracker.exe" --background'
    )
    agent = plistlib.loads(autostart.macos_agent_bytes(["/Applications/RLS.app/x", "--background"]))
    assert agent["Label"] == "io.github.rlstracker.RLSTracker"
    assert agent["ProgramArguments"] == ["/Applications/RLS.app/x", "--background"]
    assert agent["RunAtLoad"] is True
    assert autostart.macos_agent_path(Path("/Users/a")) == Path(
        "/Users/a/Library/LaunchAgents/io.github.rlstracker.RLSTracker.plist"
    )


def test_settings_turn_the_reminder_off_and_start_at_login_on(
    qtbot, diary, window_for, dialogs, tmp_path
):
    diary_ready(diary)
    window = window_for(diary)

    def change(dialog) -> int:
        dialog.tabs.setCurrentIndex(4)
        dialog.reminder_on.click()
        assert not dialog.reminder.isEnabled()
        dialog.start_at_login.click()
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = change
    window.open_settings()
    preferences = diary.preferences()
    assert preferences.reminder_time is None and preferences.start_at_login
    entry = autostart.linux_entry_path()
    assert entry.exists() and "--background" in entry.read_text()


@pytest.mark.parametrize(
    "args, shown",
    [
        (["--reminder", "21:45"], {"reminder": "21:45", "start_at_login": False}),
        (["--reminder", "off"], {"reminder": None, "start_at_login": False}),
        (["--start-at-login", "yes"], {"reminder": "20:00", "start_at_login": True}),
    ],
)
def test_the_settings_command(data_dir: Path, capsys, args, shown):
    import json

    from rlstracker.cli import main

    assert main(["--data-dir", str(data_dir), "settings", *args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == shown


def test_the_settings_command_refuses_a_bad_time(data_dir: Path, capsys):
    from rlstracker.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(data_dir), "settings", "--reminder", "8pm"])
    assert exit_.value.code == 2
    assert "HH:MM" in capsys.readouterr().err


# The app in the background.


def test_started_at_login_there_is_no_window_until_asked(qtbot, data_dir, dialogs, clock, qapp):
    from rlstracker.app import Launcher

    with Diary.open(data_dir) as diary:
        diary_ready(diary)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    try:
        assert launcher.start_in_background()
        assert launcher.window is None and launcher.background is not None
        launcher.bring_forward()  # the app started again, or Open from the tray
        assert launcher.window is not None and launcher.window.isVisible()
    finally:
        launcher.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_the_reminder_and_tray_follow_the_window_by_a_moment(qtbot, data_dir, dialogs, clock, qapp):
    """The window is shown first; the evening's reminder starts just after it, by itself."""
    from rlstracker.app import Launcher

    with Diary.open(data_dir) as diary:
        diary_ready(diary)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    try:
        window = launcher.start()
        assert window is not None and window.isVisible()
        assert launcher.background is None  # the window first
        qtbot.waitUntil(lambda: launcher.background is not None, timeout=3000)
        assert window.charts is not None  # and its charts before the tray
        assert launcher.background.reminders_on()
    finally:
        launcher.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_the_reminder_starts_even_if_the_charts_never_load(
    qtbot, data_dir, dialogs, clock, qapp, monkeypatch
):
    from rlstracker import app

    monkeypatch.setattr(app, "BACKGROUND_AT_LATEST_MS", 300)
    with Diary.open(data_dir) as diary:
        diary_ready(diary)
    launcher = app.Launcher(qapp, data_dir, dialogs, clock)
    try:
        window = launcher.start()
        assert window is not None
        window.charts_tab.stop()  # as if matplotlib could not be loaded
        qtbot.waitUntil(lambda: launcher.background is not None, timeout=3000)
        assert window.charts is None
        assert launcher.background.reminders_on()
    finally:
        launcher.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_no_diary_yet_means_nothing_to_remind_of(qtbot, data_dir, dialogs, clock, qapp):
    from rlstracker.app import Launcher

    launcher = Launcher(qapp, data_dir, dialogs, clock)
    assert not launcher.start_in_background()
    launcher.close()
    assert not (data_dir / "diary.sqlite3").exists()  # started at login: nothing made


def test_closing_the_window_with_reminders_on_keeps_running_and_says_so_once(
    qtbot, data_dir, dialogs, clock, qapp
):
    from rlstracker.app import Launcher

    with Diary.open(data_dir) as diary:
        diary_ready(diary)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    try:
        window = launcher.start()
        assert window is not None
        window.close()
        assert launcher.background is not None  # still running, for the reminder
        assert [title for title, _ in dialogs.infos] == ["RLS Tracker keeps running"]
        launcher.bring_forward()
        launcher.window.close()
        assert len(dialogs.infos) == 1  # said once
    finally:
        launcher.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_night_is_never_reminded_twice_across_a_restart(qtbot, diary):
    diary_ready(diary)
    clock = Clock(NOW)
    assert service(diary, clock, FakeNotifier()).check()
    later = FakeNotifier()
    clock.now += timedelta(minutes=10)
    assert not service(diary, clock, later).check()  # a new start the same evening
    assert later.shown == []
