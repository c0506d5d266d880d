"""Kill a writing process with SIGKILL at random moments: every committed night survives and
the file passes SQLite's integrity check, every time."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from rlstracker.storage import Diary

KILLS = 30
WRITER = """
import sys
from datetime import date, timedelta
from pathlib import Path
from rlstracker.domain.models import Night
from rlstracker.storage import Diary

diary = Diary.open(Path(sys.argv[1]))
index = int(sys.argv[2])
print("open", flush=True)
while True:
    day = date(2000, 1, 1) + timedelta(days=index)
    if index % 4 == 0:  # a batch of three nights, all or nothing
        diary.import_nights([
            Night(date=day + timedelta(days=k), dose_mg=50, notes="b" * (index % 900))
            for k in range(3)
        ], replace=True)
        print(index, index + 1, index + 2, flush=True)
        index += 3
    else:
        diary.save_night(Night(date=day, dose_mg=index % 1000, notes="n" * (index % 3000)))
        print(index, flush=True)
        index += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_no_committed_night(tmp_path: Path):
    folder = tmp_path / "diary"
    Diary.open(folder).close()
    rng = random.Random(20261124)
    committed: set[int] = set()
    next_index = 0
    for _ in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(next_index)],
            stdout=subprocess.PIPE,
            text=True,
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "open"
            time.sleep(rng.uniform(0.0, 0.25))
            os.kill(writer.pid, signal.SIGKILL)
            output = writer.stdout.read()
        for line in output.splitlines():
            committed.update(int(part) for part in line.split())
        next_index = max(committed, default=-1) + 1
        with Diary.open(folder) as diary:  # rolls back any half-done transaction first
            assert not diary.integrity_problems()
            stored = {(n.date - date(2000, 1, 1)).days for n in diary.nights()}
        assert committed <= stored, sorted(committed - stored)[:5]
        # The write the kill cut short: a batch of three is all there or not there at all.
        if next_index % 4 == 0:
            assert len(stored & {next_index, next_index + 1, next_index + 2}) in (0, 3)
    assert len(committed) > KILLS  # the writers really wrote between the kills
