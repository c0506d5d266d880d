"""Every window and dialog on a 1024×600 screen, at normal and at the largest text size, and
in German (the longest language) at the largest.

Qt fixes the offscreen screen's size when it starts, so the walk runs in a process of its own
(tests/ui/screen_walk.py) on a screen of exactly 1024×600.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rlstracker.ui.theme import TEXT_SIZE_LABELS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text_size", "language"),
    [
        ("normal", "en"),
        (list(TEXT_SIZE_LABELS)[-1], "en"),
        # German, the longest language, at the largest text.
        (list(TEXT_SIZE_LABELS)[-1], "de"),
        # French and Spanish: their words, and each dialog's Alt keys, chosen anew.
        ("normal", "fr"),
        ("normal", "es"),
    ],
)
def test_every_window_fits_a_1024_by_600_screen(tmp_path: Path, text_size: str, language: str):
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "small",
                        "x": 0,
                        "y": 0,
                        "width": 1024,
                        "height": 600,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.screen_walk",
            str(tmp_path / "diary"),
            text_size,
            language,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
