"""What the window writes to the log: the actions chosen, never what they carry."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from rlstracker.app import Launcher
from rlstracker.demo import save_demo
from rlstracker.logs import start_logging
from rlstracker.storage import Diary
from tests.ui.conftest import NOW


def test_menu_actions_are_logged_by_their_names_never_by_what_undo_would_undo(
    qtbot, qapp, data_dir, dialogs, clock, tmp_path
):
    with Diary.open(data_dir) as diary:
        save_demo(diary, NOW.date())
    log_file = start_logging(tmp_path / "log")
    assert log_file is not None
    launcher = Launcher(qapp, data_dir, dialogs, clock, log_file=log_file)
    window = launcher.start()
    assert window is not None
    try:
        window.undo_stack.push(QUndoCommand("record 387.5 mg taken at 21:05"))
        assert "387.5 mg" in window.menus.undo_action.text()
        window.menus.undo_action.trigger()
        window.menus.new_night_action.trigger()
    finally:
        launcher.close()
    logged = log_file.read_text()
    assert "menu: Undo\n" in logged and "menu: New night\n" in logged
    assert "window shown (diary)" in logged
    assert "387.5" not in logged
