"""A long session in the real app: a thousand refreshes, then a clean exit.

Runs in a subprocess so that an abort at exit (PySide6 6.12.0's lost references to None, see
rlstracker/qt_references.py) is seen as a failure, not as the test runner dying.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rlstracker.demo import save_demo
from rlstracker.storage import Diary
from tests.ui.conftest import NOW

SESSION = """
import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rlstracker.app import run_app
from rlstracker.domain.models import Night
from rlstracker.storage import Diary
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.main_window import MainWindow

folder = Path(sys.argv[1])
refreshes = int(sys.argv[2])


def session():
    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    window.load_charts()
    other = Diary.open(folder)  # another program writing to the same diary
    today = window._today
    for index in range(refreshes):
        if index % 10 == 0:  # a save through the window's form
            day = today - timedelta(days=index // 10 % 60)
            window.form.load(window.diary.night_on(day), day)
            window.editor.save_night(Night(date=day, notes=f"save {index}"), window.form)
        elif index % 10 == 5:  # another program's commit, noticed by the window
            other.save_night(Night(date=today - timedelta(days=200), notes=f"other {index}"))
            window.check_outside_changes()
        else:
            window.refresh()
        QApplication.processEvents()
    other.close()
    print("refreshed", refreshes, flush=True)
    window.menus.quit_action.trigger()  # File, Quit: the whole app


app = QApplication(sys.argv)  # run_app uses it; the timer needs it first
QTimer.singleShot(500, session)
status = run_app(folder, Dialogs())
print("exit", status, flush=True)
"""


def test_a_thousand_refreshes_then_a_clean_exit(tmp_path: Path):
    folder = tmp_path / "diary"
    with Diary.open(folder) as diary:
        save_demo(diary, NOW.date())
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(folder), "1000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Fatal Python error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["refreshed", "1000", "exit", "0"]
    with Diary.open(folder) as diary:  # and every save of the session is in the diary
        assert sum(night.notes.startswith("save") for night in diary.nights()) == 60
