"""What the window does when the diary is damaged, newer, restored or changed by another program."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from rlstracker import backups
from rlstracker.app import Launcher
from rlstracker.cli import main
from rlstracker.demo import save_demo
from rlstracker.domain.models import Night
from rlstracker.storage import DIARY_FILE_NAME, SCHEMA_VERSION, Diary
from rlstracker.ui.backup_dialogs import RecoveryDialog, RestoreDialog
from tests.test_protections import hold_lock
from tests.ui.conftest import NOW


def demo_folder(data_dir: Path) -> Path:
    with Diary.open(data_dir) as diary:
        save_demo(diary, NOW.date())
    return data_dir


def test_a_daily_backup_is_made_at_start_up_once(qtbot, data_dir, dialogs, clock, qapp):
    demo_folder(data_dir)
    for _ in range(2):
        launcher = Launcher(qapp, data_dir, dialogs, clock)
        assert launcher.start() is not None
        qtbot.waitUntil(lambda: bool(backups.list_backups(data_dir)), timeout=5000)
        qtbot.wait(1200)  # the second start-up had its chance to copy too
        launcher.close()
    (made,) = backups.list_backups(data_dir)
    assert made.reason == "daily" and made.made_at == NOW and made.nights > 100


def test_a_newer_diary_opens_read_only_with_an_explanation(qtbot, data_dir, dialogs, clock, qapp):
    demo_folder(data_dir)
    path = data_dir / DIARY_FILE_NAME
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    ((title, text),) = dialogs.warnings
    assert "newer" in title.lower() and "read-only" in text
    assert window.read_only
    assert window.history.model.rowCount() > 100  # everything can be read
    assert not window.form.save_button.isEnabled()
    assert not window.tonight.taken_button.isEnabled()
    assert (
        not window.menus.import_action.isEnabled() and not window.menus.restore_action.isEnabled()
    )
    # Typing, selecting a night and the two-second refresh must not bring saving back.
    window.form.severity.set_value(4)
    window.form.notes.setPlainText("typed into a read-only diary")
    window.show_history()
    window.history.select(window.diary.nights()[-1].date)
    window.refresh()
    window.check_outside_changes()
    assert not window.form.save_button.isEnabled()
    assert not window.tonight.taken_button.isEnabled()
    assert not window.history.edit_button.isEnabled()
    assert not window.history.delete_button.isEnabled()
    launcher.close()
    assert path.read_bytes() == before


def test_a_damaged_diary_offers_the_newest_good_backup(qtbot, data_dir, dialogs, clock, qapp):
    demo_folder(data_dir)
    with Diary.open(data_dir) as diary:
        diary.backup("daily", NOW - timedelta(days=2))
        diary.backup("daily", NOW - timedelta(days=1))
    newest = backups.list_backups(data_dir)[0]
    path = data_dir / DIARY_FILE_NAME
    damaged = path.read_bytes()[:4096] + b"\x13" * 50_000
    path.write_bytes(damaged)

    def choose(dialog: RecoveryDialog) -> int:
        assert "damaged" in dialog.windowTitle()
        assert dialog.list.chosen() == newest  # the newest good one is selected
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dialogs.on_dialog = choose
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert window.history.model.rowCount() == newest.nights
    (kept,) = data_dir.glob("diary-damaged-*.sqlite3")
    assert kept.read_bytes() == damaged  # never deleted
    assert any("kept as" in text for _, text in dialogs.infos)
    launcher.close()


def test_a_damaged_diary_without_backups_is_left_alone(qtbot, data_dir, dialogs, clock, qapp):
    data_dir.mkdir()
    path = data_dir / DIARY_FILE_NAME
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)

    def look(dialog: RecoveryDialog) -> int:
        assert not dialog.restore_button.isEnabled()
        assert "no usable backup" in dialog.explanation.text()
        dialog.reject()
        return dialog.result()

    dialogs.on_dialog = look
    assert Launcher(qapp, data_dir, dialogs, clock).start() is None
    assert path.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 5000


def restoring_an_earlier_copy(qtbot, diary, window_for, dialogs):
    """A window on `diary` with a copy from three days ago and a night saved since, the
    restore dialog answered by choosing that copy; the window and the copy."""
    earlier = diary.backup("daily", NOW - timedelta(days=3))
    diary.save_night(Night(date=NOW.date(), notes="after the backup"))
    window = window_for(diary)

    def choose(dialog: RestoreDialog) -> int:
        assert dialog.list.chosen().path == earlier
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dialogs.on_dialog = choose
    return window, earlier


def test_restore_from_the_menu_keeps_the_current_diary_aside(
    qtbot, demo_diary, window_for, dialogs
):
    window, _ = restoring_an_earlier_copy(qtbot, demo_diary, window_for, dialogs)
    window.menus.restore_action.trigger()
    assert demo_diary.night_on(NOW.date()) is None
    (kept,) = [b for b in backups.list_backups(demo_diary.path.parent) if b.reason != "daily"]
    assert kept.reason == "before-restore"
    assert dialogs.infos[-1] == (
        "Restored",
        f"Restored. Your diary as it was just before is kept as {kept.path.name}.",
    )
    assert not window.undo_stack.canUndo()


def test_a_restore_while_another_program_writes_too_long_says_busy(
    qtbot, demo_diary, window_for, dialogs
):
    window, earlier = restoring_an_earlier_copy(qtbot, demo_diary, window_for, dialogs)
    with hold_lock(demo_diary.path, 8) as holder:
        started = time.monotonic()
        window.menus.restore_action.trigger()
        waited = time.monotonic() - started
        holder.kill()
        holder.wait(timeout=60)
    assert waited < 6.5  # the window is held no longer than the busy timeout
    ((title, text),) = dialogs.warnings
    assert title == "Not restored" and "busy" in text and "another program" in text
    assert demo_diary.night_on(NOW.date()).notes == "after the backup"
    assert [b.path for b in backups.list_backups(demo_diary.path.parent)] == [earlier]
    assert not any(title == "Restored" for title, _ in dialogs.infos)


def test_the_command_line_writing_while_the_window_is_open_shows_up(
    qtbot, demo_diary, window_for, tmp_path
):
    window = window_for(demo_diary)
    count = window.history.model.rowCount()
    extra = tmp_path / "extra.csv"
    extra.write_text("date,dose_mg,notes\n2020-01-01,100,from a script\n")
    assert (
        main(["import", str(extra), "--data-dir", str(demo_diary.path.parent)], today=NOW.date())
        == 0
    )
    window.check_outside_changes()
    assert window.history.model.rowCount() == count + 1
    assert "another program" in window.statusBar().currentMessage()
