"""Measure RLS Tracker against the floors of its stack, in one run, and print a table.

    python benchmarks/run.py            # about five minutes on 2 cores
    python benchmarks/run.py --runs 9   # steadier medians

Every figure is the median of several runs and is compared with a reference measured in the
same run (these machines are noisy; ratios travel better than seconds):
- start-up, in fresh processes: time until the window is shown and until the chart is drawn,
  and peak memory, for the demo diary and a 10-year diary, against a bare Qt window and a bare
  Qt window with one matplotlib chart;
- in one process: the chart redrawn after saving a night, and the report PDF, with 10 years of
  data against 1 month; importing a 10-year CSV.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.data import month_of_nights, years_of_nights  # noqa: E402

REPORT = """
import resource, time
from PySide6.QtCore import QEventLoop
# Blocking waits: PySide6 6.12 on Python 3.11 crashes after a million or so calls of
# processEvents() in a busy loop (a refcount error on None), so never spin.
WAIT = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
def report(event):
    print(event, time.monotonic(), flush=True)
def peak():
    print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
def wait_until_shown(app, window):
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents(WAIT)
    report("shown")
"""

# Both floors start the same way: a Qt window, shown.
QT_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("RLS Tracker"))
window.resize(1180, 780)
window.show()
wait_until_shown(app, window)
"""

BARE_QT = REPORT + QT_WINDOW + "peak()\n"

QT_WITH_CHART = (
    REPORT
    + QT_WINDOW
    + """
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
canvas = FigureCanvasQTAgg(Figure(figsize=(9, 4.5)))
canvas.figure.add_subplot().plot(range(100), [i % 10 for i in range(100)], "o-")
def drawn(_):
    report("chart")
    peak()
    app.quit()
canvas.mpl_connect("draw_event", drawn)
window.setCentralWidget(canvas)
canvas.draw_idle()
app.exec()
"""
)

APP = (
    REPORT
    + """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from rlstracker import qt_references
from rlstracker.app import Launcher
from rlstracker.ui.dialogs import Dialogs
qt_references.protect()  # as run_app does first (PySide6 6.12 on Python < 3.12)
app = QApplication(sys.argv)
launcher = Launcher(app, Path(sys.argv[1]), Dialogs())
window = launcher.start()
done = []
def loaded(panel):
    def drawn():
        if not done:
            done.append(True)
            report("chart")
            peak()
            app.exit(0)  # quit() would ask the window to close, which may hide it to the tray
    panel.drawn.connect(drawn)
window.charts_loaded.connect(loaded)
wait_until_shown(app, window)
window.show_charts()  # the charts draw when their tab is first shown: as if clicked at once
if not done:
    app.exec()
launcher.close()
"""
)


def compile_package() -> None:
    """Bytecode for every module of the app, as installing it makes. Without this, a checkout
    whose sources are newer than their bytecode (or PYTHONDONTWRITEBYTECODE set) compiles the
    app's sources again in each fresh process, a cost no installed copy pays, while Qt's and
    matplotlib's bytecode, made at their install, spare the floors the same cost."""
    import compileall

    compileall.compile_dir(HERE.parent / "rlstracker", quiet=1)


def fill(folder: Path, nights) -> None:
    from rlstracker.demo import save_demo
    from rlstracker.storage import Diary

    with Diary.open(folder) as diary:
        save_demo(diary, date.today())
        if nights is not None:
            with diary.batch():
                for night in diary.nights():
                    diary.delete_night(night.date)
                diary.import_nights(nights)


def start_ups(
    programs: dict[str, tuple[str, str]], runs: int, platform_name: str
) -> dict[str, dict[str, float]]:
    """For each program (code, argument): median seconds from launch to each event, and median
    peak memory in MiB. The programs take turns, one run each per round, so that a slow spell
    of the machine falls on all of them alike rather than on whichever ran then."""
    events: dict[str, dict[str, list[float]]] = {name: {} for name in programs}
    env = {**os.environ, "QT_QPA_PLATFORM": platform_name, "MPLBACKEND": "QtAgg"}
    for _ in range(runs):
        for name, (code, argument) in programs.items():
            began = time.monotonic()
            output = subprocess.run(
                [sys.executable, "-c", code, argument],
                capture_output=True,
                text=True,
                env=env,
                check=True,
                timeout=120,
            ).stdout
            for line in output.splitlines():
                event, value = line.split()
                if event == "rss":
                    events[name].setdefault("memory", []).append(int(value) / 1024)
                else:
                    events[name].setdefault(event, []).append(float(value) - began)
    return {
        name: {event: statistics.median(values) for event, values in measured.items()}
        for name, measured in events.items()
    }


def in_process(runs: int, folders: dict[str, Path]) -> dict[str, dict[str, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QPageSize
    from PySide6.QtWidgets import QApplication

    from rlstracker import qt_references
    from rlstracker.diary_csv import read_diary_csv, write_diary_csv
    from rlstracker.domain.models import Night
    from rlstracker.report.content import build_report
    from rlstracker.report.render import report_pdf
    from rlstracker.storage import Diary
    from rlstracker.ui.dialogs import Dialogs
    from rlstracker.ui.main_window import MainWindow

    qt_references.protect()  # as run_app does: PySide6 6.12 on Python < 3.12 loses references
    app = QApplication.instance() or QApplication([])
    wait = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    results: dict[str, dict[str, float]] = {}
    today = date.today()
    for name, folder in folders.items():
        diary = Diary.open(folder)
        window = MainWindow(diary, Dialogs())
        window.show()
        window.load_charts()
        window.show_charts()
        drawn: list[float] = []
        window.charts.drawn.connect(lambda drawn=drawn: drawn.append(time.perf_counter()))
        while not drawn:
            app.processEvents(wait)
        redraws = []
        for index in range(runs):
            night = Night(
                date=today - timedelta(days=index),
                dose_mg=150,
                symptom_severity=index % 10,
                notes=f"benchmark save {time.time()}",  # always a change, so always a save
                diarrhoea=0,
                nausea=0,
                stomach_cramps=0,
                drowsiness=0,
            )
            window.form.load(diary.night_on(night.date), night.date)  # the night is picked
            drawn.clear()
            began = time.perf_counter()
            window.form.night_saved.emit(night)  # as the form does when Save is pressed
            while not drawn:
                app.processEvents(wait)
            redraws.append(drawn[0] - began)
        reports = []
        nights = diary.nights()
        for _ in range(runs):
            began = time.perf_counter()
            content = build_report(
                nights,
                diary.plan(),
                diary.safety_answers(),
                diary.product_in_use(),
                diary.iron_results(),
                today,
                first=today - timedelta(days=91),
                last=today,
            )
            report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))
            reports.append(time.perf_counter() - began)
        window.close()
        diary.close()
        imports = []
        data = write_diary_csv(nights).encode("utf-8")
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as scratch:
                began = time.perf_counter()
                with Diary.open(Path(scratch)) as fresh:
                    fresh.import_nights(read_diary_csv(data, today))
                imports.append(time.perf_counter() - began)
        results[name] = {
            "redraw": statistics.median(redraws),
            "report": statistics.median(reports),
            "import": statistics.median(imports),
            "nights": len(nights),
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, xcb)")
    arguments = parser.parse_args()
    runs = arguments.runs
    compile_package()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folders = {"1 month": root / "month", "demo": root / "demo", "10 years": root / "years"}
        today = date.today()
        fill(folders["1 month"], month_of_nights(today))
        fill(folders["demo"], None)
        fill(folders["10 years"], years_of_nights(today))

        print(f"Start-up, {runs} fresh processes each…", file=sys.stderr)
        measured = start_ups(
            {
                "bare": (BARE_QT, ""),
                "floor": (QT_WITH_CHART, ""),
                "demo": (APP, str(folders["demo"])),
                "10 years": (APP, str(folders["10 years"])),
            },
            runs,
            arguments.platform,
        )
        bare, floor = measured["bare"], measured["floor"]
        app = {name: measured[name] for name in ("demo", "10 years")}
        print("Redraw, report and import, in one process…", file=sys.stderr)
        work = in_process(runs, {name: folders[name] for name in ("1 month", "10 years")})

    rows = []

    def row(
        measure: str,
        value: float,
        reference: float,
        reference_name: str,
        target: float,
        unit: str = "s",
    ) -> None:
        ratio = value / reference
        shown = f"{value:.3f} s" if unit == "s" else f"{value:.0f} MiB"
        base = f"{reference:.3f} s" if unit == "s" else f"{reference:.0f} MiB"
        rows.append(
            (
                measure,
                shown,
                f"{base} ({reference_name})",
                f"{ratio:.2f}",
                f"≤ {target:g}",
                "yes" if ratio <= target else "NO",
            )
        )

    for name in ("demo", "10 years"):
        row(f"window shown, {name}", app[name]["shown"], bare["shown"], "bare Qt window", 1.5)
        row(f"chart drawn, {name}", app[name]["chart"], floor["chart"], "Qt + one chart", 1.15)
        row(
            f"peak memory, {name}",
            app[name]["memory"],
            floor["memory"],
            "Qt + one chart",
            1.2,
            unit="MiB",
        )
    row(
        "chart redraw after a save, 10 years",
        work["10 years"]["redraw"],
        work["1 month"]["redraw"],
        "1 month",
        2,
    )
    row(
        "report PDF (last 3 months), 10 years",
        work["10 years"]["report"],
        work["1 month"]["report"],
        "1 month",
        2,
    )
    rows.append(
        (
            f"import a 10-year CSV ({work['10 years']['nights']:,} nights)",
            f"{work['10 years']['import']:.3f} s",
            f"{work['1 month']['import']:.3f} s (1 month)",
            f"{work['10 years']['import'] / work['1 month']['import']:.1f}",
            "–",
            "–",
        )
    )

    header = ("measure", "RLS Tracker", "reference", "ratio", "target", "met")
    print(
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; Qt platform {arguments.platform}; median of {runs}; "
        f"{datetime.now():%Y-%m-%d}"
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
