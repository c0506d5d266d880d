"""The window never makes a new, empty diary where one was: it offers the newest backup."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rlstracker import backups
from rlstracker.app import Launcher
from rlstracker.demo import save_demo
from rlstracker.storage import DIARY_FILE_NAME, Diary
from rlstracker.ui.backup_dialogs import RecoveryDialog
from tests.ui.conftest import NOW


def demo_with_backup(data_dir: Path) -> backups.Backup:
    with Diary.open(data_dir) as diary:
        save_demo(diary, NOW.date())
        diary.backup("daily", NOW - timedelta(days=1))
    return backups.list_backups(data_dir)[0]


@pytest.mark.parametrize("problem", ["missing", "empty"])
def test_a_missing_or_emptied_diary_offers_the_newest_backup(
    qtbot, data_dir, dialogs, clock, qapp, problem
):
    newest = demo_with_backup(data_dir)
    path = data_dir / DIARY_FILE_NAME
    if problem == "missing":
        path.unlink()
    else:
        path.write_bytes(b"")
    seen = []

    def choose(dialog: RecoveryDialog) -> int:
        seen.append(dialog.windowTitle())
        assert dialog.list.chosen() == newest
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dialogs.on_dialog = choose
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert seen == [f"Your diary file is {problem}"]  # offered, not replaced by an empty diary
    assert window.history.model.rowCount() == newest.nights
    kept = list(data_dir.glob("diary-damaged-*.sqlite3"))
    if problem == "empty":
        assert [k.read_bytes() for k in kept] == [b""]  # set aside, never deleted
    else:
        assert kept == []
    launcher.close()


def test_a_missing_diary_left_as_it_is_when_the_offer_is_declined(
    qtbot, data_dir, dialogs, clock, qapp
):
    demo_with_backup(data_dir)
    (data_dir / DIARY_FILE_NAME).unlink()

    def decline(dialog: RecoveryDialog) -> int:
        dialog.reject()
        return dialog.result()

    dialogs.on_dialog = decline
    assert Launcher(qapp, data_dir, dialogs, clock).start() is None
    assert not (data_dir / DIARY_FILE_NAME).exists()
