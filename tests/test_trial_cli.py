"""`rlstracker trial` and `next-dose` during a trial, end to end on a diary in a temporary
folder: exit codes, the JSON of the interfaces, a whole trial lived evening by evening."""

from __future__ import annotations

import io
import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from rlstracker import translations
from rlstracker.cli import main
from rlstracker.diary_csv import write_diary_csv
from rlstracker.domain.trial import TrialDesign, view
from rlstracker.domain.wording import full_day
from rlstracker.storage import DIARY_FILE_NAME, Diary
from tests.domain.builders import night
from tests.domain.test_trial_periods import seed_for
from tests.domain.trial_sim import new_trial, next_day, steady_diary
from tests.test_cli import SAFE_ANSWERS
from tests.test_report import StandardOutput

BEFORE = steady_diary()
S = next_day(BEFORE)
DAY = timedelta(days=1)


def cli(data_dir: Path, today: date, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args], today=today)


def run_json(data_dir: Path, today: date, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert cli(data_dir, today, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)


def record(data_dir: Path, tmp_path: Path, nights) -> None:
    source = tmp_path / "nights.csv"
    source.write_text(write_diary_csv(nights), encoding="utf-8")
    assert cli(data_dir, nights[-1].date + DAY, "import", str(source), "--replace") == 0


@pytest.fixture
def steady_dir(data_dir: Path, tmp_path: Path, capsys) -> Path:
    assert cli(data_dir, BEFORE[0].date, *SAFE_ANSWERS) == 0
    record(data_dir, tmp_path, BEFORE)
    capsys.readouterr()
    return data_dir


def live(data_dir: Path, tmp_path: Path, capsys, effect: float, until: date) -> list[dict]:
    """Each evening ask next-dose, take what it says (the box's dose when blind) and record
    the night with symptoms 6, lowered by `effect` on nights with magnesium."""
    rng = random.Random(5)
    answers = []
    day = S
    while day < until:
        answer = run_json(data_dir, day, capsys, "next-dose")
        answers.append(answer)
        dose = 200 if answer["dose_mg"] is None else answer["dose_mg"]
        with Diary.open(data_dir) as diary:
            trial = diary.trial()
        took = dose > 0
        if answer["action"] == "trial_blind":
            with Diary.open(data_dir) as diary:
                took = bool(view(trial, diary.nights(), day).magnesium_tonight())
        severity = round(6 + rng.gauss(0, 1) - (effect if took else 0))
        record(data_dir, tmp_path, [night(day, dose, max(0, min(10, severity)))])
        day += DAY
    return answers


def test_a_whole_trial_from_the_command_line_gives_the_verdict(steady_dir, tmp_path, capsys):
    assert cli(steady_dir, S, "trial", "start") == 0
    out = capsys.readouterr().out
    assert "Trial set up." in out and "Week 8" in out and "4 pairs of 7-night periods" in out
    status = run_json(steady_dir, S, capsys, "trial", "status")
    assert list(status) == ["state", "schedule", "result"]
    assert status["state"] == "running" and status["result"] is None
    assert [list(p) for p in status["schedule"]] == [["from", "to", "magnesium"]] * 8
    assert status["schedule"][0]["from"] == S.isoformat()
    assert {p["magnesium"] for p in status["schedule"]} == {True, False}

    answers = live(steady_dir, tmp_path, capsys, effect=3, until=S + 56 * DAY)
    schedule = status["schedule"]
    for answer in answers:
        day = date.fromisoformat(answer["date"])
        period = next(p for p in schedule if p["from"] <= answer["date"] <= p["to"])
        bridge = not period["magnesium"] and answer["date"] == period["from"] and day != S
        expected = (
            "trial_on" if period["magnesium"] or (bridge and answer["dose_mg"]) else "trial_off"
        )
        assert answer["action"] == expected, answer
        assert answer["dose_mg"] == (200 if expected == "trial_on" else 0)

    done = run_json(steady_dir, S + 56 * DAY, capsys, "trial", "status")
    assert done["state"] == "done"
    result = done["result"]
    assert list(result) == ["difference", "interval", "p_value", "verdict"]
    assert result["verdict"] == "better" and result["difference"] >= 1.5
    assert result["interval"][0] <= result["difference"] <= result["interval"][1]
    assert result["p_value"] == 0.125
    assert cli(steady_dir, S + 56 * DAY, "trial", "status") == 0
    text = capsys.readouterr().out
    assert "Better on magnesium" in text and "can't prove" in text
    after = run_json(steady_dir, S + 56 * DAY, capsys, "next-dose")
    assert not after["action"].startswith("trial_")  # the guide alone again


def test_a_blind_trial_shows_nothing_until_it_ends(qapp, steady_dir, tmp_path, capsys):
    # qapp: the helper sheet needs Qt's application (see tests/test_long_report.py).
    assert cli(steady_dir, S - DAY, "trial", "start", "--blind", "--pairs", "3") == 0
    out = capsys.readouterr().out
    assert "magnesium, 200" not in out and "none" not in out.split("Schedule")[1].split("What")[0]
    assert "sealed until the end" in out and "helper-sheet" in out
    status = run_json(steady_dir, S - DAY, capsys, "trial", "status")
    assert [p["magnesium"] for p in status["schedule"]] == [None] * 6
    assert status["schedule"][0]["from"] == S.isoformat()  # blind: from the next evening

    sheet = tmp_path / "helper.pdf"
    assert cli(steady_dir, S - DAY, "trial", "helper-sheet", "-o", str(sheet)) == 0
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(sheet).pages)
    assert words.count("REAL") + words.count("LOOK-ALIKE") >= 6 and "Week 6" in words

    answers = live(steady_dir, tmp_path, capsys, effect=3, until=S + 42 * DAY)
    assert {a["action"] for a in answers} == {"trial_blind"}
    assert {a["dose_mg"] for a in answers} == {None}
    assert len({tuple(a["reasons"][1:]) for a in answers if "night 2" in a["reasons"][0]}) == 1

    done = run_json(steady_dir, S + 42 * DAY, capsys, "trial", "status")
    assert done["state"] == "done" and None not in [p["magnesium"] for p in done["schedule"]]
    assert done["result"]["verdict"] == "better"
    with Diary.open(steady_dir) as diary:
        off = [p for p in done["schedule"] if not p["magnesium"]]
        first_off = date.fromisoformat(off[0]["from"]) + 2 * DAY
        assert diary.night_on(first_off).dose_mg == 0  # revealed: the look-alikes held none


def test_stop_ends_the_trial_with_no_result(steady_dir, capsys):
    assert cli(steady_dir, S, "trial", "start", "--pairs", "3", "--period-nights", "6") == 0
    assert cli(steady_dir, S + 3 * DAY, "trial", "stop") == 0
    assert "stopped" in capsys.readouterr().out
    status = run_json(steady_dir, S + 3 * DAY, capsys, "trial", "status")
    assert (status["state"], status["result"]) == ("stopped", None)
    assert len(status["schedule"]) == 1 and status["schedule"][0]["to"] == (S + 2 * DAY).isoformat()
    assert cli(steady_dir, S + 4 * DAY, "trial", "stop") == 2
    assert "not running" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--pairs", "7"], "--pairs 7"),
        (["--period-nights", "14"], "--period-nights 14"),
        (["--period-nights", "5"], "--period-nights 5"),
        (["--min-difference", "0"], "--min-difference 0"),
    ],
)
def test_a_design_out_of_bounds_is_refused_and_nothing_changes(steady_dir, capsys, args, named):
    before = (steady_dir / DIARY_FILE_NAME).read_bytes()
    assert cli(steady_dir, S, "trial", "start", *args) == 2
    err = capsys.readouterr().err
    assert named in err and "not set up" in err
    assert (steady_dir / DIARY_FILE_NAME).read_bytes() == before


def test_a_second_trial_is_refused_while_one_runs(steady_dir, capsys):
    assert cli(steady_dir, S, "trial", "start") == 0
    before = (steady_dir / DIARY_FILE_NAME).read_bytes()
    assert cli(steady_dir, S, "trial", "start") == 2
    assert "already running" in capsys.readouterr().err
    assert (steady_dir / DIARY_FILE_NAME).read_bytes() == before


def test_trial_start_its_refusal_and_its_help_speak_german(steady_dir, capsys, monkeypatch):
    """`LANGUAGE=de rlstracker trial start`: the trial's words, a German date, the help."""
    monkeypatch.setenv("LANGUAGE", "de")
    assert cli(steady_dir, S, "trial", "start") == 0
    out = capsys.readouterr().out
    assert out.startswith("Versuch eingerichtet.\n")
    assert "Ablauf (wie er war, dann wie geplant):" in out
    assert "Was ein solcher Versuch nicht zeigen kann:" in out
    assert cli(steady_dir, S, "trial", "start") == 2
    err = capsys.readouterr().err
    translations.speak("de")
    assert f"ein Versuch läuft bereits (ab dem {full_day(S)})" in err, err
    assert S.isoformat() not in err
    with pytest.raises(SystemExit):
        main(["trial", "start", "--help"])
    assert "Paare von Abschnitten, 3-6 (Standard 4)" in capsys.readouterr().out


def test_no_trial_while_the_guide_says_stop(steady_dir, tmp_path, capsys):
    record(steady_dir, tmp_path, [night(S - DAY, 200, 2, nausea=3)])
    assert cli(steady_dir, S, "trial", "start") == 2
    assert "safety rules come first" in capsys.readouterr().err
    assert cli(steady_dir, S, "trial", "status") == 2
    assert "no trial" in capsys.readouterr().err


def test_next_dose_text_during_a_blind_trial(steady_dir, capsys):
    assert cli(steady_dir, S - DAY, "trial", "start", "--blind") == 0
    capsys.readouterr()
    assert cli(steady_dir, S, "next-dose") == 0
    text = capsys.readouterr().out
    assert "the capsules from the trial's box" in text and "Trial, week 1 of 8" in text


def test_trial_commands_never_make_a_diary(data_dir: Path, capsys):
    for args in (["trial", "start"], ["trial", "status"], ["trial", "stop"]):
        assert cli(data_dir, S, *args) == 2
        assert "no diary" in capsys.readouterr().err.lower()
    assert not (data_dir / DIARY_FILE_NAME).exists()


def test_a_helper_sheet_into_a_missing_folder_is_refused_before_anything(
    steady_dir, tmp_path, capsys
):
    assert cli(steady_dir, S - DAY, "trial", "start", "--blind") == 0
    before = (steady_dir / DIARY_FILE_NAME).read_bytes()
    target = tmp_path / "nowhere" / "sheet.pdf"
    assert cli(steady_dir, S - DAY, "trial", "helper-sheet", "-o", str(target)) == 2
    assert "does not exist" in capsys.readouterr().err
    assert (steady_dir / DIARY_FILE_NAME).read_bytes() == before


def blind_trial_lived_to_its_end(data_dir: Path, tmp_path: Path) -> date:
    """A blind 3-pair trial ending with a week without magnesium, every night recorded with
    the box's 200 mg and symptoms at 5 (not controlled: the sealed diary alone would have the
    guide go up to 250 mg). Returns the evening after its last night."""
    with Diary.open(data_dir) as diary:
        trial = diary.start_trial(
            new_trial(S, seed_for("+-+-+-", pairs=3), TrialDesign(pairs=3, blind=True))
        )
    end = S + trial.design.planned_nights * DAY
    record(data_dir, tmp_path, [night(S + k * DAY, 200, 5) for k in range(42)])
    return end


def test_on_the_evening_a_blind_trial_ends_next_dose_answers_from_the_revealed_diary(
    steady_dir, tmp_path, capsys
):
    end = blind_trial_lived_to_its_end(steady_dir, tmp_path)
    answer = run_json(steady_dir, end, capsys, "next-dose")
    assert (answer["action"], answer["dose_mg"]) == ("restart", 200)  # the last week held none
    with Diary.open(steady_dir) as diary:
        assert diary.night_on(end - DAY).dose_mg == 0 and not diary.trial().sealed


def test_a_later_evening_looked_at_reveals_in_memory_and_writes_nothing(
    steady_dir, tmp_path, capsys
):
    end = blind_trial_lived_to_its_end(steady_dir, tmp_path)
    before = (steady_dir / DIARY_FILE_NAME).read_bytes()
    answer = run_json(steady_dir, end - DAY, capsys, "next-dose", "--today", end.isoformat())
    assert (answer["action"], answer["dose_mg"]) == ("restart", 200)
    assert (steady_dir / DIARY_FILE_NAME).read_bytes() == before


def test_the_report_on_the_evening_a_blind_trial_ends_gives_its_result(
    qapp, steady_dir, tmp_path, capsys
):
    # qapp: the report needs Qt's application (see tests/test_long_report.py).
    end = blind_trial_lived_to_its_end(steady_dir, tmp_path)
    before = (steady_dir / DIARY_FILE_NAME).read_bytes()
    target = tmp_path / "report.pdf"
    assert cli(steady_dir, end, "report", "-o", str(target)) == 0
    words = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "Symptoms averaged 5.0 of 10 in the periods on magnesium" in words  # a result
    assert "Week 6 31 May – 6 Jun 2026 none 4 usable" in words
    assert "Go up one step 250 mg" not in words
    assert (steady_dir / DIARY_FILE_NAME).read_bytes() == before  # a report only reads


def test_the_helper_sheet_to_standard_output_is_the_pdf_and_refused_on_a_terminal(
    qapp, steady_dir, tmp_path, capsys, monkeypatch
):
    # qapp: the sheet needs Qt's application (see tests/test_long_report.py).
    monkeypatch.chdir(tmp_path)
    assert cli(steady_dir, S - DAY, "trial", "start", "--blind") == 0
    stdout = StandardOutput()
    monkeypatch.setattr("sys.stdout", stdout)
    assert cli(steady_dir, S - DAY, "trial", "helper-sheet", "-o", "-") == 0
    pages = PdfReader(io.BytesIO(stdout.written())).pages
    assert "LOOK-ALIKE" in " ".join(" ".join(p.extract_text().split()) for p in pages)
    terminal = StandardOutput(terminal=True)
    monkeypatch.setattr("sys.stdout", terminal)
    assert cli(steady_dir, S - DAY, "trial", "helper-sheet", "-o", "-") == 2
    assert "not written to a terminal" in capsys.readouterr().err
    assert terminal.written() == b"" and not (tmp_path / "-").exists()


def test_trial_start_after_midnight_belongs_to_the_evening_before(steady_dir, capsys):
    """At 02:30 it is still the evening of the day before (the day turns at 04:00): the
    trial is set up on that evening, as the window would have it."""
    at = datetime.combine(S + DAY, time(2, 30))
    assert main(["--data-dir", str(steady_dir), "trial", "start"], now=at) == 0
    out = capsys.readouterr().out
    assert f"from {full_day(S)}. Set up on {full_day(S)}." in out
    with Diary.open(steady_dir) as diary:
        assert (diary.trial().first_night, diary.trial().set_up_on) == (S, S)


def follow(data_dir: Path, tmp_path: Path, capsys, start: date, until: date) -> list[dict]:
    """Each evening from `start`, take what next-dose says and record it (symptoms 3)."""
    answers = []
    day = start
    while day < until:
        answer = run_json(data_dir, day, capsys, "next-dose")
        answers.append(answer)
        dose = 200 if answer["action"] == "trial_blind" else answer["dose_mg"]
        record(data_dir, tmp_path, [night(day, dose, 3)])
        day += DAY
    return answers


@pytest.mark.parametrize("blind", [False, True], ids=["open", "blind"])
def test_a_break_mid_trial_stops_it_and_every_evening_after_is_the_guides(
    steady_dir, tmp_path, capsys, blind
):
    """Ten evenings of a trial, then 15 with nothing recorded: from the evening the guide
    counts the break the trial is stopped (the break its reason, no result), and every evening
    after gives the guide's answer: restart at the start dose, then its climb, never 0 mg."""
    first = S + DAY if blind else S
    assert cli(steady_dir, S, "trial", "start", *(["--blind"] if blind else [])) == 0
    before = follow(steady_dir, tmp_path, capsys, first, first + 10 * DAY)
    assert {a["action"] for a in before} <= {"trial_on", "trial_off", "trial_blind"}
    back = first + 25 * DAY  # 15 evenings with nothing recorded
    capsys.readouterr()
    assert cli(steady_dir, back, "next-dose") == 0
    text = capsys.readouterr().out
    assert (
        "Restart" in text
        and "Your trial stopped" in text
        and "no dose recorded for 14 days" in text
    )
    after = follow(steady_dir, tmp_path, capsys, back, back + 40 * DAY)
    assert [list(a) for a in after] == [list(before[0])] * len(after)  # the same keys
    assert not [a for a in after if a["action"].startswith("trial_")]
    assert (after[0]["action"], after[0]["dose_mg"]) == ("restart", 100)
    doses = [a["dose_mg"] for a in after]
    assert 0 not in doses and doses == sorted(doses) and doses[-1] > 100

    status = run_json(steady_dir, back + 40 * DAY, capsys, "trial", "status")
    assert list(status) == ["state", "schedule", "result"]
    assert (status["state"], status["result"]) == ("stopped", None)
    assert None not in [p["magnesium"] for p in status["schedule"]]  # revealed when blind
    assert cli(steady_dir, back + 40 * DAY, "trial", "status") == 0
    shown = capsys.readouterr().out
    assert (
        "Stopped on" in shown and "no dose recorded for 14 days" in shown and "no result" in shown
    )
    with Diary.open(steady_dir) as diary:
        kept = diary.trial()
        assert kept.stopped_by_break and not kept.sealed
    assert cli(steady_dir, back + 40 * DAY, "trial", "stop") == 2
    assert "not running (stopped)" in capsys.readouterr().err
