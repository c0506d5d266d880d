"""The command line of the interfaces document: commands, exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rlstracker import __version__, backups
from rlstracker.cli import main
from rlstracker.storage import DIARY_FILE_NAME, SCHEMA_VERSION, Diary

TODAY = date(2026, 11, 24)
SAFE_ANSWERS = (
    "safety",
    "--kidney",
    "none",
    "--heart-block",
    "no",
    "--pregnant",
    "no",
    "--age",
    "18-64",
    "--medicines",
    "none",
)


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args], today=TODAY)


def export_bytes(data_dir: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "snapshot.csv"
    assert cli(data_dir, "export", "-o", str(out)) == 0
    return out.read_bytes()


@pytest.fixture
def demo_dir(data_dir: Path, capsys) -> Path:
    assert cli(data_dir, "demo") == 0
    capsys.readouterr()
    return data_dir


def test_demo_then_next_dose_json_gives_a_sensible_answer(demo_dir: Path, capsys):
    assert cli(demo_dir, "next-dose", "--json") == 0
    answer = json.loads(capsys.readouterr().out)
    assert list(answer) == [
        "date",
        "action",
        "dose_mg",
        "units",
        "reasons",
        "warnings",
        "seek_help",
        "review",
    ]
    assert answer["date"] == "2026-11-24"
    assert answer["action"] in {"hold", "maintain", "raise", "restart"}
    assert 0 < answer["dose_mg"] <= 350
    assert answer["units"] == {"count": answer["dose_mg"] // 50, "unit": "capsule"}
    assert answer["reasons"] and all(isinstance(r, str) for r in answer["reasons"])
    assert answer["warnings"] == [] and answer["seek_help"] is False
    assert answer["review"] is False


def test_next_dose_text_shows_dose_units_reasons_advice_and_disclaimer(demo_dir: Path, capsys):
    assert cli(demo_dir, "next-dose", "--today", "2026-11-24") == 0
    out = capsys.readouterr().out
    assert "Tuesday 2026-11-24" in out
    assert "capsules =" in out
    assert "Why:" in out
    assert "iron" in out.lower()  # the demo person takes iron: timing advice
    assert "not medical advice" in out


def test_next_dose_without_safety_answers_suggests_no_dose_and_warns(data_dir: Path, capsys):
    Diary.open(data_dir).close()
    assert cli(data_dir, "next-dose", "--json") == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["action"], answer["dose_mg"], answer["units"]) == ("consult", None, None)
    assert any("not answered" in w for w in answer["warnings"])


def test_with_safety_answers_an_empty_diary_asks_for_a_baseline(data_dir: Path, capsys):
    assert cli(data_dir, *SAFE_ANSWERS) == 0
    assert cli(data_dir, "next-dose", "--json") == 0
    answer = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (answer["action"], answer["dose_mg"]) == ("baseline", 0)


def test_next_dose_with_a_bad_date_is_refused(data_dir: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(data_dir, "next-dose", "--today", "24/11/2026")
    assert exit_.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_demo_writes_sixteen_weeks_and_refuses_a_diary_that_holds_nights(demo_dir, capsys):
    with Diary.open(demo_dir) as diary:
        nights = diary.nights()
        assert 100 <= len(nights) <= 112
        assert (TODAY - nights[0].date).days == 112
        assert diary.product_in_use() is not None
        assert not diary.safety_answers().unanswered
    before = (demo_dir / DIARY_FILE_NAME).read_bytes()
    assert cli(demo_dir, "demo") == 2
    assert "already holds" in capsys.readouterr().err
    assert (demo_dir / DIARY_FILE_NAME).read_bytes() == before


def test_demo_refuses_a_diary_with_a_plan_but_no_nights(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--start-mg", "50") == 0
    assert cli(data_dir, "demo") == 2
    assert "already holds your plan" in capsys.readouterr().err


def test_an_import_of_one_night_says_one_night(data_dir: Path, tmp_path: Path, capsys):
    one = tmp_path / "one.csv"
    one.write_text("date,dose_mg\n2026-11-20,100\n")
    assert cli(data_dir, "import", str(one)) == 0
    said = capsys.readouterr().out
    assert ": 1 night added, 0 replaced, 0 already there." in said
    assert "backup" not in said  # an empty diary had nothing to keep


def test_an_import_into_a_diary_with_nights_names_the_copy_kept(
    data_dir: Path, tmp_path: Path, capsys
):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("date,dose_mg\n2026-11-20,100\n")
    second.write_text("date,dose_mg\n2026-11-21,100\n")
    assert cli(data_dir, "import", str(first)) == 0
    capsys.readouterr()
    assert cli(data_dir, "import", str(second)) == 0
    said = capsys.readouterr().out
    kept = [b.path.name for b in backups.list_backups(data_dir) if b.reason == "before-import"]
    assert len(kept) == 1 and f"kept as a backup ({kept[0]})" in said


def test_export_import_round_trip_through_files(demo_dir: Path, tmp_path: Path, capsys):
    exported = tmp_path / "diary.csv"
    assert cli(demo_dir, "export", "-o", str(exported)) == 0
    fresh = tmp_path / "fresh"
    assert cli(fresh, "import", str(exported)) == 0
    assert "nights added" in capsys.readouterr().out
    again = tmp_path / "again.csv"
    assert cli(fresh, "export", "-o", str(again)) == 0
    assert again.read_bytes() == exported.read_bytes()


def test_export_to_standard_output(demo_dir: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "rlstracker", "export", "--data-dir", str(demo_dir), "-o", "-"],
        capture_output=True,
        check=True,
    )
    assert result.stdout.startswith(b"date,dose_mg,form,")
    assert result.stdout == export_bytes(demo_dir, tmp_path)


def test_export_into_a_missing_folder_is_refused(demo_dir: Path, tmp_path: Path, capsys):
    assert cli(demo_dir, "export", "-o", str(tmp_path / "nowhere" / "x.csv")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_bad_csv_is_refused_listing_every_problem_and_changes_nothing(
    demo_dir: Path, tmp_path: Path, capsys
):
    before = export_bytes(demo_dir, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,dose_mg,nausea\n2020-01-01,100,0\n2020-01-02,5000,1\n2020-01-03,50,x\n")
    assert cli(demo_dir, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "nothing was changed" in err
    assert f"{bad} line 3, column dose_mg" in err
    assert f"{bad} line 4, column nausea" in err
    assert export_bytes(demo_dir, tmp_path) == before


def test_a_conflicting_night_is_refused_unless_replace(demo_dir: Path, tmp_path: Path, capsys):
    with Diary.open(demo_dir) as diary:
        first = diary.nights()[0]
    clash = tmp_path / "clash.csv"
    clash.write_text(f"date,dose_mg\n2020-01-01,100\n{first.date},300\n")
    before = export_bytes(demo_dir, tmp_path)
    assert cli(demo_dir, "import", str(clash)) == 2
    err = capsys.readouterr().err
    assert str(first.date) in err and "--replace" in err
    assert export_bytes(demo_dir, tmp_path) == before
    assert cli(demo_dir, "import", str(clash), "--replace") == 0
    with Diary.open(demo_dir) as diary:
        assert diary.night_on(first.date).dose_mg == 300
        assert diary.night_on(date(2020, 1, 1)).dose_mg == 100


def test_importing_a_dose_above_the_ceiling_is_kept_with_a_note(data_dir, tmp_path, capsys):
    high = tmp_path / "high.csv"
    high.write_text("date,dose_mg\n2026-01-01,500\n")
    assert cli(data_dir, "import", str(high)) == 0
    assert "above your plan's ceiling" in capsys.readouterr().err


def test_import_of_a_missing_file_is_refused(data_dir: Path, tmp_path: Path, capsys):
    assert cli(data_dir, "import", str(tmp_path / "missing.csv")) == 2
    assert "can't be read" in capsys.readouterr().err


def test_plan_shows_defaults_and_changes_within_bounds(data_dir: Path, capsys):
    Diary.open(data_dir).close()
    assert cli(data_dir, "plan", "--json") == 0
    assert json.loads(capsys.readouterr().out)["ceiling_mg"] == 350
    assert (
        cli(
            data_dir,
            "plan",
            "--start-mg",
            "50",
            "--step-mg",
            "25",
            "--interval-nights",
            "10",
            "--baseline-nights",
            "0",
        )
        == 0
    )
    assert "Plan saved." in capsys.readouterr().out
    assert cli(data_dir, "plan", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (
        shown["start_mg"],
        shown["step_mg"],
        shown["interval_nights"],
        shown["baseline_nights"],
    ) == (50, 25, 10, 0)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--start-mg", "20"], "--start-mg 20: the start dose (mg) must be from 25 to 200"),
        (["--start-mg", "250"], "from 25 to 200"),
        (["--step-mg", "150"], "--step-mg 150: the step (mg) must be from 25 to 100"),
        (["--interval-nights", "3"], "from 4 to 28"),
        (["--baseline-nights", "30"], "from 0 to 28"),
        (["--ceiling-mg", "400"], "clinician"),
        (["--ceiling-mg", "1200", "--clinician-approved"], "from 25 to 1000"),
        (["--region", "eu", "--ceiling-mg", "300"], "EU (EFSA) upper limit of 250"),
        (["--no-clinician-approved", "--ceiling-mg", "500"], "clinician"),
    ],
)
def test_bad_plan_values_are_refused_and_change_nothing(data_dir: Path, capsys, args, words):
    assert cli(data_dir, "plan", "--start-mg", "75") == 0
    capsys.readouterr()
    assert cli(data_dir, "plan", *args) == 2
    assert words in capsys.readouterr().err
    with Diary.open(data_dir) as diary:
        assert diary.plan().start_mg == 75
        assert diary.plan().ceiling_mg == 350


def test_plan_with_clinician_approval_allows_a_higher_ceiling(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--ceiling-mg", "500", "--clinician-approved", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["ceiling_mg"], shown["clinician_approved"]) == (500, True)
    assert shown["ceiling_approved_on"] == "2026-11-24"


def test_the_ceilings_approval_can_be_withdrawn(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--ceiling-mg", "500", "--clinician-approved") == 0
    assert cli(data_dir, "plan", "--no-clinician-approved", "--json") == 0
    shown = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (shown["ceiling_mg"], shown["clinician_approved"]) == (350, False)


def test_approval_and_its_withdrawal_together_are_refused(data_dir: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(data_dir, "plan", "--clinician-approved", "--no-clinician-approved")
    assert exit_.value.code == 2


def test_region_round_trip_never_raises_the_ceiling(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--ceiling-mg", "300") == 0
    assert cli(data_dir, "plan", "--region", "eu") == 0
    assert cli(data_dir, "plan", "--region", "us", "--json") == 0
    shown = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (shown["region"], shown["ceiling_mg"]) == ("us", 250)


def test_region_eu_lowers_a_higher_ceiling(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--region", "eu", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["region"], shown["ceiling_mg"]) == ("eu", 250)


def test_a_newer_diary_is_refused_with_exit_2_and_left_alone(data_dir: Path, capsys):
    import sqlite3

    Diary.open(data_dir).close()
    with sqlite3.connect(data_dir / DIARY_FILE_NAME) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    before = (data_dir / DIARY_FILE_NAME).read_bytes()
    assert cli(data_dir, "next-dose") == 2
    assert "newer version of RLS Tracker" in capsys.readouterr().err
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == before


def test_data_dir_comes_from_the_environment_when_not_given(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("RLSTRACKER_DATA_DIR", str(tmp_path / "from-env"))
    assert main(["demo"], today=TODAY) == 0
    assert (tmp_path / "from-env" / DIARY_FILE_NAME).exists()


def test_data_dir_option_after_the_command_works_too(tmp_path: Path):
    assert main(["demo", "--data-dir", str(tmp_path / "after")], today=TODAY) == 0
    assert (tmp_path / "after" / DIARY_FILE_NAME).exists()


def test_an_unexpected_failure_exits_1_with_a_message(data_dir: Path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("rlstracker.cli.tonight_answer", broken)
    Diary.open(data_dir).close()
    assert cli(data_dir, "next-dose") == 1
    err = capsys.readouterr().err
    assert "unexpected error" in err and "disk on fire" in err


def test_version_and_python_dash_m(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "rlstracker", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"rlstracker {__version__}"


def test_the_installed_command_runs(tmp_path: Path):
    Diary.open(tmp_path / "d").close()
    command = Path(sys.executable).parent / ("rlstracker.exe" if os.name == "nt" else "rlstracker")
    assert command.exists(), "the package is not installed with its rlstracker command"
    result = subprocess.run(
        [str(command), "next-dose", "--json", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["action"] == "consult"


def test_a_damaged_diary_is_refused_with_exit_2_naming_the_damage(data_dir: Path, capsys):
    data_dir.mkdir()
    damaged = b"SQLite format 3\x00" + b"\xff" * 9000
    (data_dir / DIARY_FILE_NAME).write_bytes(damaged)
    assert cli(data_dir, "next-dose") == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "not changed or deleted" in err
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == damaged


class TestSafety:
    def test_the_first_time_all_five_answers_are_needed(self, data_dir: Path, capsys):
        assert cli(data_dir, "safety", "--kidney", "none", "--age", "65-plus") == 2
        err = capsys.readouterr().err
        assert "--heart-block" in err and "--pregnant" in err and "--medicines" in err
        assert "--kidney" not in err.split("missing:")[1]
        with Diary.open(data_dir) as diary:
            assert not diary.safety_answers().any_answered

    def test_answers_are_saved_dated_today_and_shown(self, data_dir: Path, capsys):
        assert cli(data_dir, *SAFE_ANSWERS, "--json") == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown["kidney"] == "none" and shown["age"] == "18-64"
        assert shown["medicines"] == [] and shown["unanswered"] == []
        assert (shown["answered_on"], shown["confirmed_on"]) == ("2026-11-24", "2026-11-24")

    def test_one_answer_can_be_changed_later(self, data_dir: Path, capsys):
        assert cli(data_dir, *SAFE_ANSWERS) == 0
        assert cli(data_dir, "safety", "--medicines", "iron,levothyroxine", "--json") == 0
        shown = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert shown["medicines"] == ["iron", "levothyroxine"]
        assert shown["clinician_first"] == ["medicines"]

    def test_confirm_re_dates_the_confirmation_not_the_answers(self, data_dir: Path, capsys):
        assert cli(data_dir, *SAFE_ANSWERS) == 0
        later = main(
            ["--data-dir", str(data_dir), "safety", "--confirm", "--json"],
            today=date(2027, 1, 5),
        )
        assert later == 0
        shown = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (shown["answered_on"], shown["confirmed_on"]) == ("2026-11-24", "2027-01-05")

    def test_confirm_with_nothing_to_confirm_is_refused(self, data_dir: Path, capsys):
        assert cli(data_dir, "safety", "--confirm") == 2
        assert "no complete safety answers to confirm" in capsys.readouterr().err

    @pytest.mark.parametrize(
        "args",
        [
            ["--kidney", "maybe"],
            ["--heart-block", "sometimes"],
            ["--age", "40"],
            ["--medicines", "aspirin"],
            ["--medicines", "iron,,ppi"],
        ],
    )
    def test_bad_values_exit_2_with_a_clear_message(self, data_dir: Path, capsys, args):
        with pytest.raises(SystemExit) as exit_:
            cli(data_dir, "safety", *args)
        assert exit_.value.code == 2
        assert args[0] in capsys.readouterr().err


class TestClearance:
    def test_a_clearance_lifts_the_consult_of_an_older_person(self, data_dir: Path, capsys):
        assert cli(data_dir, *SAFE_ANSWERS[:-4], "--age", "65-plus", "--medicines", "none") == 0
        assert cli(data_dir, "next-dose", "--json") == 0
        assert json.loads(capsys.readouterr().out.splitlines()[-1])["action"] == "consult"
        assert cli(data_dir, "clearance", "--note", "GP: fine") == 0
        assert cli(data_dir, "next-dose", "--json") == 0
        assert json.loads(capsys.readouterr().out.splitlines()[-1])["action"] == "baseline"

    def test_a_warning_sign_holds_until_a_clearance_dated_after_it(
        self, data_dir: Path, tmp_path: Path, capsys
    ):
        assert cli(data_dir, *SAFE_ANSWERS) == 0
        diary_csv = tmp_path / "d.csv"
        rows = ["date,dose_mg,symptom_severity,red_flags"]
        rows += [f"2026-11-{day:02d},100,5," for day in range(10, 20)]
        rows.append("2026-11-20,100,5,fainting")
        rows += [f"2026-11-{day:02d},0,5," for day in range(21, 24)]
        diary_csv.write_text("\n".join(rows) + "\n")
        assert cli(data_dir, "import", str(diary_csv)) == 0
        assert cli(data_dir, "next-dose", "--json") == 0
        held = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (held["action"], held["dose_mg"], held["seek_help"]) == ("stop", 0, False)
        assert cli(data_dir, "clearance", "--date", "2026-11-20") == 0  # the same night: no
        assert cli(data_dir, "next-dose", "--json") == 0
        assert json.loads(capsys.readouterr().out.splitlines()[-1])["action"] == "stop"
        assert cli(data_dir, "clearance", "--date", "2026-11-22", "--note", "A&E: ECG fine") == 0
        assert "2026-11-20" in capsys.readouterr().out
        assert cli(data_dir, "next-dose", "--json") == 0
        assert json.loads(capsys.readouterr().out.splitlines()[-1])["action"] == "restart"

    def test_a_clearance_says_what_it_does_not_cover(self, data_dir: Path, capsys):
        args = [a if a != "18-64" else "65-plus" for a in SAFE_ANSWERS]
        assert cli(data_dir, *args) == 0
        late = main(
            ["--data-dir", str(data_dir), "clearance", "--date", "2026-11-20"],
            today=date(2026, 11, 24),
        )
        assert late == 0
        out = capsys.readouterr().out
        assert "does not cover your safety answers, given on 2026-11-24" in out

    def test_approving_again_re_dates_the_approval_and_a_higher_ceiling_needs_it(
        self, data_dir: Path, capsys
    ):
        assert cli(data_dir, "plan", "--ceiling-mg", "400", "--clinician-approved") == 0
        assert cli(data_dir, "plan", "--ceiling-mg", "600") == 2
        assert "approved a ceiling of 400 mg" in capsys.readouterr().err
        later = main(
            ["--data-dir", str(data_dir), "plan", "--clinician-approved", "--json"],
            today=date(2026, 12, 1),
        )
        assert later == 0
        shown = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (shown["ceiling_approved_on"], shown["ceiling_approved_mg"]) == ("2026-12-01", 400)

    def test_a_clearance_after_today_is_refused(self, data_dir: Path, capsys):
        assert cli(data_dir, "clearance", "--date", "2026-11-25") == 2
        assert "after today" in capsys.readouterr().err

    def test_list_shows_them(self, data_dir: Path, capsys):
        assert cli(data_dir, "clearance", "--date", "2026-11-01", "--note", "Dr A") == 0
        assert cli(data_dir, "clearance", "--list", "--json") == 0
        (listed,) = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (listed["date"], listed["note"], listed["recorded_on"]) == (
            "2026-11-01",
            "Dr A",
            "2026-11-24",
        )
        assert cli(data_dir, "clearance", "--list", "--date", "2026-11-01") == 2


class TestProduct:
    def test_a_product_is_set_with_the_same_checks_as_the_window(self, data_dir: Path, capsys):
        Diary.open(data_dir).close()  # showing the product needs a diary: it never makes one
        assert cli(data_dir, "product") == 0
        assert "No product set yet" in capsys.readouterr().out
        assert cli(data_dir, "product", "--name", "Mag", "--form", "citrate") == 2
        assert "--label-mg" in capsys.readouterr().err
        args = ["--name", "Blend", "--form", "other", "--label-mg", "500"]
        assert cli(data_dir, "product", *args, "--label-gives", "compound") == 2
        assert "elemental" in capsys.readouterr().err
        args = ["--name", "Citrate 500", "--form", "citrate", "--label-mg", "500"]
        assert cli(data_dir, "product", *args, "--label-gives", "compound", "--unit", "tablet") == 0
        assert "81 mg of elemental magnesium per tablet" in capsys.readouterr().out
        assert cli(data_dir, "product", "--json") == 0
        shown = json.loads(capsys.readouterr().out)
        assert (shown["elemental_mg_per_unit"], shown["unit"]) == (81, "tablet")

    def test_a_change_keeps_the_rest_of_the_product(self, data_dir: Path, capsys):
        args = ["--name", "Caps", "--form", "glycinate", "--label-mg", "50"]
        assert cli(data_dir, "product", *args, "--label-gives", "elemental") == 0
        assert cli(data_dir, "product", "--label-mg", "100", "--json") == 0
        shown = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (shown["name"], shown["label_mg"], shown["unit"]) == ("Caps", 100, "capsule")

    def test_next_dose_gives_whole_units_of_the_product(self, data_dir: Path, capsys):
        assert cli(data_dir, *SAFE_ANSWERS) == 0
        assert cli(data_dir, "plan", "--baseline-nights", "0") == 0
        args = ["--name", "Caps 100", "--form", "citrate", "--label-mg", "100"]
        assert cli(data_dir, "product", *args, "--label-gives", "elemental") == 0
        assert cli(data_dir, "next-dose", "--json") == 0
        answer = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert (answer["action"], answer["dose_mg"]) == ("start", 100)
        assert answer["units"] == {"count": 1, "unit": "capsule"}

    def test_a_unit_bigger_than_a_step_is_said(self, data_dir: Path, capsys):
        args = ["--name", "Caps 100", "--form", "citrate", "--label-mg", "100"]
        assert cli(data_dir, "product", *args, "--label-gives", "elemental") == 0
        assert "more than a step" in capsys.readouterr().out

    def test_bad_values_exit_2(self, data_dir: Path, capsys):
        with pytest.raises(SystemExit) as exit_:
            cli(data_dir, "product", "--form", "kryptonite")
        assert exit_.value.code == 2
        assert (
            cli(
                data_dir,
                "product",
                "--name",
                "X",
                "--form",
                "citrate",
                "--label-mg",
                "0",
                "--label-gives",
                "elemental",
            )
            == 2
        )
        assert "more than 0" in capsys.readouterr().err


def test_product_with_a_unit_above_the_start_names_the_start_alone(data_dir: Path, capsys):
    assert cli(data_dir, "plan", "--start-mg", "100") == 0
    capsys.readouterr()
    args = ["--name", "Mag glycinate tabs", "--form", "glycinate", "--unit", "tablet"]
    assert cli(data_dir, "product", *args, "--label-mg", "120", "--label-gives", "elemental") == 0
    (said,) = [line for line in capsys.readouterr().out.splitlines() if "One tablet" in line]
    assert said == (
        "One tablet of this product holds 120 mg, more than your plan's start dose of 100 mg, so "
        "the guide will not suggest taking it. A lower-strength product would let you take less."
    )
