"""The doctor's report of a very long diary against a report of one year, in the same run.

    python benchmarks/long_report.py [--nights 200000] [--runs 3]

Each report is `rlstracker report` in a fresh process: wall time and peak memory (the child's
maximum resident set). A report shows at most two years (rlstracker.report.content), so the
long diary must cost about what a two-year one does, not what its length would. What still
grows with the diary's length is reading its nights and the guide's look over the whole history
(the intolerance cap, the highest tolerated dose) for each dose step shown: the budget is at
most 20 times the one-year reference's time and 2.5 times its memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.data import years_of_nights
from rlstracker.storage import Diary

TODAY = date(2026, 11, 24)
TIME_BUDGET, MEMORY_BUDGET = 20.0, 2.5  # times the one-year reference


def fill(folder: Path, years: int) -> int:
    nights = years_of_nights(TODAY, years)
    with Diary.open(folder) as diary:
        diary.import_nights(nights)
        return diary.night_count()


def report_run(folder: Path, output: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one `rlstracker report` in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "rlstracker", "report", "--data-dir", folder, "-o", output],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    message = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"report failed: {message}")
    return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rlstracker-bench-") as scratch:
        root = Path(scratch)
        years = round(options.nights / (365 * 0.96))  # the synthetic diary skips 4% of nights
        counts = {"one year": fill(root / "year", 1), "long": fill(root / "long", years)}
        results = {}
        for name in counts:
            folder = root / name.replace("one ", "")
            runs = [report_run(folder, root / "r.pdf") for _ in range(options.runs)]
            results[name] = (
                statistics.median(t for t, _ in runs),
                statistics.median(m for _, m in runs),
            )
    (year_s, year_mib), (long_s, long_mib) = results["one year"], results["long"]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {options.runs}")
    print("| report | nights | time | peak memory |")
    print("|---|---|---|---|")
    reference = f"{counts['one year']:,} | {year_s:.2f} s | {year_mib:.0f} MiB"
    print(f"| one year (reference) | {reference} |")
    print(f"| long diary | {counts['long']:,} | {long_s:.2f} s | {long_mib:.0f} MiB |")
    time_ratio, memory_ratio = long_s / year_s, long_mib / year_mib
    met = time_ratio <= TIME_BUDGET and memory_ratio <= MEMORY_BUDGET
    print(
        f"ratio: time {time_ratio:.2f} (budget {TIME_BUDGET}), memory {memory_ratio:.2f} "
        f"(budget {MEMORY_BUDGET}): {'met' if met else 'NOT MET'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
