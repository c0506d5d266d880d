"""The bundle against the virtualenv, side by side in one run: start-up and the report.

    python benchmarks/bundle.py              # after `bash packaging/build.sh`; about a minute
    python benchmarks/bundle.py --runs 11    # steadier medians

Both programs run the same way, alternately, on the same example diary and the same warm caches:
- start: from launch until the main window is on the screen (a private Xvfb display, the
  window found with xdotool), then the program is stopped;
- report: `rlstracker report` writing the example diary's PDF, from launch to exit.
Each figure is the median of --runs; the ratio is the bundle's over the virtualenv's, and the
target is 1.2 at most.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.2


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def window_shown(display: str) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^RLS Tracker"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        check=False,
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def time_start(program: Path, data: Path, env: dict[str, str], display: str) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(program), "--data-dir", str(data)],
        env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not window_shown(display):
            if process.poll() is not None:
                raise SystemExit(f"{program} ended before its window was shown")
            if time.perf_counter() - started > 60:
                raise SystemExit(f"{program} showed no window in 60 s")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def time_report(program: Path, data: Path, env: dict[str, str], output: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(program), "report", "--data-dir", str(data), "-o", str(output)],
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def alternate(runs: int, first: Callable[[], float], second: Callable[[], float]):
    """Medians of `first` and `second`, run turn about after one untimed run of each."""
    first(), second()  # warm: the font cache, the page cache
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv" / "bin" / "rlstracker")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "rlstracker" / "rlstracker")
    arguments = parser.parse_args()
    for program in (arguments.venv, arguments.bundle):
        if not program.exists():
            raise SystemExit(f"{program} is missing (build it: bash packaging/build.sh)")
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (Debian: apt install xvfb xdotool)")

    scratch = Path(tempfile.mkdtemp(prefix="rlstracker-bench-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("MPLCONFIGDIR", "QT_QPA_PLATFORM", "RLSTRACKER_DATA_DIR", "PYTHONPATH")
    }
    env |= {
        "XDG_CACHE_HOME": str(scratch / "cache"),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "RLSTRACKER_LOG_DIR": str(scratch / "log"),
    }
    server, display = start_xvfb()
    try:
        data = {}
        for name, program in (("venv", arguments.venv), ("bundle", arguments.bundle)):
            data[name] = scratch / name
            subprocess.run(
                [str(program), "demo", "--data-dir", str(data[name])],
                env=env,
                stdout=subprocess.DEVNULL,
                check=True,
            )
        start = alternate(
            arguments.runs,
            lambda: time_start(arguments.venv, data["venv"], env, display),
            lambda: time_start(arguments.bundle, data["bundle"], env, display),
        )
        report = alternate(
            arguments.runs,
            lambda: time_report(arguments.venv, data["venv"], env, scratch / "venv.pdf"),
            lambda: time_report(arguments.bundle, data["bundle"], env, scratch / "bundle.pdf"),
        )
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)

    print(
        f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; Xvfb; median of {arguments.runs}; "
        f"{time.strftime('%Y-%m-%d')}.\n"
    )
    print("| measure | virtualenv | bundle | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    met_all = True
    for measure, (venv_s, bundle_s) in (
        ("start: launch to window shown, example diary", start),
        ("`rlstracker report`, example diary (3 pages)", report),
    ):
        ratio = bundle_s / venv_s
        met = ratio <= TARGET
        met_all &= met
        print(
            f"| {measure} | {venv_s:.2f} s | {bundle_s:.2f} s | {ratio:.2f} | ≤ {TARGET} | "
            f"{'yes' if met else 'no'} |"
        )
    return 0 if met_all else 1


if __name__ == "__main__":
    sys.exit(main())
