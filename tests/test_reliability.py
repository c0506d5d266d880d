"""Nothing lost: damage, newer files, vanished folders, full disks, backups and old versions."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from rlstracker import backups
from rlstracker.domain.models import Intake, Night, RedFlag
from rlstracker.domain.safety import AgeGroup, Kidney, Medicine, safety_status
from rlstracker.storage import (
    DIARY_FILE_NAME,
    SCHEMA_VERSION,
    DamagedDiaryError,
    Diary,
    NewerDiaryError,
    StorageError,
)

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 24, 21, 0)


def filled(folder: Path, count: int = 30) -> Diary:
    diary = Diary.open(folder)
    diary.import_nights(
        [
            Night(
                date=date(2026, 1, 1) + timedelta(days=i),
                dose_mg=100,
                symptom_severity=i % 11,
                notes=f"night {i} " * 20,
            )
            for i in range(count)
        ]
    )
    return diary


def test_a_damaged_file_is_refused_named_and_left_byte_for_byte(data_dir: Path):
    filled(data_dir, 400).close()
    path = data_dir / DIARY_FILE_NAME
    raw = bytearray(path.read_bytes())
    page = 4096
    raw[page * 3 : page * 3 + 200] = b"\xde\xad" * 100  # a torn write in the middle of the file
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedDiaryError) as error:
        Diary.open(data_dir)
    assert "damaged" in str(error.value) and "not changed or deleted" in str(error.value)
    assert path.read_bytes() == bytes(raw)


def test_a_damaged_file_is_set_aside_and_the_newest_good_backup_put_in_place(data_dir: Path):
    diary = filled(data_dir, 50)
    diary.backup("daily", NOW - timedelta(days=1))
    diary.close()
    path = data_dir / DIARY_FILE_NAME
    damaged = path.read_bytes()[:8192] + b"\x00garbage" * 2000
    path.write_bytes(damaged)
    with pytest.raises(DamagedDiaryError):
        Diary.open(data_dir)
    (newest,) = [b for b in backups.list_backups(data_dir) if b.good]
    assert newest.nights == 50
    kept = backups.set_damaged_file_aside(path, NOW)
    backups.put_backup_in_place(newest.path, path)
    assert kept.read_bytes() == damaged  # kept, never deleted
    with Diary.open(data_dir) as restored:
        assert restored.night_count() == 50


def test_a_newer_diary_opens_read_only_and_is_never_written(data_dir: Path):
    filled(data_dir, 5).close()
    path = data_dir / DIARY_FILE_NAME
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(NewerDiaryError):
        Diary.open(data_dir)
    with Diary.open(data_dir, read_only=True) as diary:
        assert diary.night_count() == 5
        with pytest.raises(StorageError, match="read-only"):
            diary.save_night(Night(date=date(2026, 6, 1)))
    assert path.read_bytes() == before


def test_a_vanished_data_folder_is_reported_and_nothing_is_lost(tmp_path: Path):
    folder = tmp_path / "diary"
    diary = filled(folder, 10)
    moved = tmp_path / "moved-away"
    folder.rename(moved)
    with pytest.raises(StorageError, match="has gone"):
        diary.save_night(Night(date=date(2026, 6, 1), notes="typed while the folder was gone"))
    diary.close()
    moved.rename(folder)
    with Diary.open(folder) as again:
        assert again.night_count() == 10
        assert not again.integrity_problems()


def test_a_full_disk_refuses_the_write_and_keeps_the_diary_whole(data_dir: Path):
    diary = filled(data_dir, 20)
    pages = diary._db.execute("PRAGMA page_count").fetchone()[0]
    diary._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
    big = [Night(date=date(2027, 1, 1) + timedelta(days=i), notes="n" * 5000) for i in range(40)]
    with pytest.raises(StorageError, match=r"could not be saved|full"):
        diary.import_nights(big)
    assert diary.night_count() == 20
    assert not diary.integrity_problems()
    diary.close()


def test_a_read_only_medium_refuses_writes_plainly(data_dir: Path):
    filled(data_dir, 3).close()
    with (
        Diary.open(data_dir, read_only=True) as diary,
        pytest.raises(StorageError, match="read-only"),
    ):
        diary.add_intake(Intake(date(2026, 1, 1), time(20, 0), 100))


def test_backups_are_listed_with_dates_and_nights_and_rotated(data_dir: Path):
    diary = filled(data_dir, 10)
    start = datetime(2025, 1, 1, 20, 0)
    for day in range(400):  # more than a year of daily start-ups
        diary.backup("daily", start + timedelta(days=day))
    for index in range(8):
        diary.backup("before-import", start + timedelta(days=index, hours=1))
    backups.rotate(data_dir)
    kept = backups.list_backups(data_dir)
    daily = [b for b in kept if b.reason == "daily"]
    assert 7 <= len(daily) <= 7 + 5 + 12
    newest = start + timedelta(days=399)
    assert daily[0].made_at == newest
    assert {b.made_at.date() for b in daily} >= {
        newest.date() - timedelta(days=d) for d in range(7)
    }
    assert len([b for b in kept if b.reason == "before-import"]) == 5
    assert backups.rotate(data_dir) == []  # nothing left to rotate
    assert all(b.nights == 10 and b.good for b in kept)
    assert kept[0].first_night == date(2026, 1, 1)
    diary.close()


def test_a_routine_backup_is_made_once_a_day(data_dir: Path):
    diary = filled(data_dir, 1)
    assert backups.needs_routine_backup(data_dir, NOW.date())
    assert diary.routine_backup(NOW) is not None
    assert not backups.needs_routine_backup(data_dir, NOW.date())
    assert diary.routine_backup(NOW + timedelta(hours=1)) is None  # one a day
    assert diary.routine_backup(NOW + timedelta(days=1)) is not None
    diary.close()


def test_an_empty_diary_gets_no_routine_backup(data_dir: Path):
    with Diary.open(data_dir) as diary:
        assert diary.routine_backup(NOW) is None
    assert backups.list_backups(data_dir) == []


def test_restore_keeps_the_current_diary_aside_first(data_dir: Path):
    diary = filled(data_dir, 10)
    old = diary.backup("daily", NOW - timedelta(days=2))
    diary.save_night(Night(date=date(2026, 9, 9), notes="after the backup"))
    kept = diary.restore(old, NOW)
    assert diary.night_count() == 10
    assert diary.night_on(date(2026, 9, 9)) is None
    assert backups.inspect(kept)[0] == 11  # the state before the restore, kept as a backup
    diary.close()
    with Diary.open(data_dir) as again:  # the restored content is on disk, not just in memory
        assert again.night_count() == 10


def test_the_oldest_kept_copy_can_be_restored_and_stays_listed(data_dir: Path):
    diary = filled(data_dir, 3)
    copies = []
    for index in range(backups.KEEP_OCCASIONAL):  # a full set of before-restore copies
        diary.save_night(Night(date=date(2026, 5, 1 + index), notes=f"round {index}"))
        copies.append(diary.backup("before-restore", NOW + timedelta(minutes=index)))
    oldest = copies[0]
    diary.restore(oldest, NOW + timedelta(hours=1))  # makes a sixth before-restore copy
    assert diary.night_count() == 4  # the oldest copy's content: 3 nights and round 0
    assert diary.night_on(date(2026, 5, 1)).notes == "round 0"
    listed = [b.path for b in backups.list_backups(data_dir)]
    assert oldest in listed  # not rotated out while (or after) being restored
    diary.close()


def test_copies_made_in_the_same_second_are_listed_newest_first(data_dir: Path):
    """'-2' sorted before the plain name: the list showed the older copy first, and rotation
    kept the older of the two."""
    diary = filled(data_dir, 3)
    made = []
    for index in range(3):
        diary.save_night(Night(date=date(2026, 7, 1 + index), notes=f"change {index}"))
        made.append(diary.backup("before-restore", NOW))  # the same second each time
    listed = [b for b in backups.list_backups(data_dir) if b.reason == "before-restore"]
    assert [b.path for b in listed] == list(reversed(made))
    assert [b.nights for b in listed] == [6, 5, 4]
    diary.close()


def with_a_full_set_of_import_copies(data_dir: Path) -> tuple[Diary, set[Path]]:
    """A diary after as many imports as copies are kept from before imports; the copies."""
    diary = filled(data_dir, 3)
    for index in range(backups.KEEP_OCCASIONAL):
        diary.import_nights([Night(date=date(2026, 6, 1 + index), notes=f"import {index}")])
    copies = {b.path for b in backups.list_backups(data_dir)}
    assert len(copies) == backups.KEEP_OCCASIONAL
    return diary, copies


def test_a_refused_import_costs_no_older_copy(data_dir: Path):
    diary, before = with_a_full_set_of_import_copies(data_dir)
    clash = [Night(date=date(2026, 6, 1), notes="another note")]
    with pytest.raises(StorageError, match="1 night in the file differs"):
        diary.import_nights(clash)
    assert {b.path for b in backups.list_backups(data_dir)} == before
    diary.close()


def test_an_import_refused_while_another_program_writes_costs_no_older_copy(data_dir: Path):
    diary, before = with_a_full_set_of_import_copies(data_dir)
    with Diary.open(data_dir) as other:
        diary._db.execute("PRAGMA busy_timeout = 50")
        other._db.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
        try:
            with pytest.raises(StorageError, match="busy"):
                diary.import_nights([Night(date=date(2026, 7, 1), notes="new")])
        finally:
            other._db.execute("ROLLBACK")
    assert {b.path for b in backups.list_backups(data_dir)} == before
    assert diary.night_on(date(2026, 7, 1)) is None
    diary.close()


def test_restoring_a_damaged_backup_is_refused(data_dir: Path):
    diary = filled(data_dir, 5)
    bad = diary.backup("daily", NOW)
    bad.write_bytes(b"broken" * 1000)
    with pytest.raises(StorageError, match="damaged"):
        diary.restore(bad, NOW)
    assert diary.night_count() == 5
    diary.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_backup_from_an_older_version_is_restored_at_the_current_one(
    version: int, data_dir: Path
):
    diary = filled(data_dir, 10)
    folder = data_dir / backups.BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    old = folder / "diary-20260301-120000-daily.sqlite3"
    shutil.copy(FIXTURES / f"diary-v{version}.sqlite3", old)
    before = old.read_bytes()
    kept = diary.restore(old, NOW)
    assert diary.schema_version == SCHEMA_VERSION
    assert diary.nights() == EXPECTED_NIGHTS
    assert diary.plan().ceiling_mg == 250 and diary.product_in_use().name == "Citrate 500"
    assert [r.ferritin_ng_per_ml for r in diary.iron_results()] == [45]
    assert diary.trials() == []
    assert backups.inspect(kept)[0] == 10
    assert old.read_bytes() == before  # the backup itself is only read
    assert not list(data_dir.rglob("*.part"))
    diary.close()
    with Diary.open(data_dir, clock=lambda: NOW) as again:
        assert again.schema_version == SCHEMA_VERSION and again.nights() == EXPECTED_NIGHTS
        assert not again.integrity_problems()
    assert not [b for b in backups.list_backups(data_dir) if b.reason.startswith("before-migr")]


def test_a_backup_from_a_newer_version_is_refused(data_dir: Path):
    diary = filled(data_dir, 10)
    newer = diary.backup("daily", NOW - timedelta(days=1))
    with sqlite3.connect(newer) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    diary.save_night(Night(date=date(2026, 9, 9), notes="after the backup"))
    with pytest.raises(StorageError, match="newer version"):
        diary.restore(newer, NOW)
    assert diary.schema_version == SCHEMA_VERSION and diary.night_count() == 11
    assert [b.reason for b in backups.list_backups(data_dir)] == ["daily"]  # no copy made
    diary.close()


EXPECTED_NIGHTS = [
    Night(
        date=date(2026, 3, 1),
        dose_mg=0,
        symptom_severity=6,
        sleep_quality=5,
        diarrhoea=0,
        nausea=0,
        stomach_cramps=0,
        drowsiness=0,
        notes="Baseline, long drive",
    ),
    Night(date=date(2026, 3, 2)),
    Night(
        date=date(2026, 3, 3),
        dose_mg=100,
        form="citrate",
        symptom_severity=4,
        sleep_quality=7,
        diarrhoea=1,
        nausea=0,
        stomach_cramps=0,
        drowsiness=0,
        notes='Said "fine", slept well',
    ),
    Night(
        date=date(2026, 3, 4),
        dose_mg=62.5,
        form="citrate",
        symptom_severity=3,
        sleep_quality=8,
        diarrhoea=2,
        nausea=1,
        stomach_cramps=0,
        drowsiness=0,
        red_flags={RedFlag.CONFUSION, RedFlag.FAINTING},
        notes="=SUM(A1)\nline 2",
    ),
]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_past_schema_version_migrates_with_nothing_lost(version: int, data_dir: Path):
    fixture = FIXTURES / f"diary-v{version}.sqlite3"
    assert fixture.exists(), f"make the fixture for version {version} (tests/fixtures)"
    data_dir.mkdir()
    shutil.copy(fixture, data_dir / DIARY_FILE_NAME)
    with Diary.open(data_dir, clock=lambda: NOW) as diary:
        assert diary.schema_version == SCHEMA_VERSION
        assert diary.nights() == EXPECTED_NIGHTS
        plan = diary.plan()
        assert (plan.start_mg, plan.step_mg, plan.interval_nights, plan.ceiling_mg) == (
            75,
            25,
            10,
            250,
        )
        assert diary.product_in_use().name == "Citrate 500"
        answers = diary.safety_answers()
        assert (answers.kidney, answers.age_group) == (Kidney.SOME, AgeGroup.OLDER)
        assert answers.medicines == {Medicine.IRON, Medicine.PPI}
        assert (answers.heart_block, answers.pregnant) == (False, False)
        if version < 3:  # the old form pre-selected the age group: confirmed once, again
            assert (answers.answered_on, answers.confirmed_on) == (NOW.date(), None)
            assert diary.clearances() == []
        else:
            assert answers.confirmed_on == date(2026, 2, 1)
            assert [c.note for c in diary.clearances()] == ["GP"]
        assert [r.ferritin_ng_per_ml for r in diary.iron_results()] == [45]
        assert plan.ceiling_approved_on is None
        assert diary.is_set_up()
        assert not diary.integrity_problems()
    migrated = [
        b for b in backups.list_backups(data_dir) if b.reason.startswith("before-migration")
    ]
    if version < SCHEMA_VERSION:
        (copy,) = migrated  # the old file, as it was, kept before the migration
        with sqlite3.connect(copy.path) as raw:
            assert raw.execute("PRAGMA user_version").fetchone()[0] == version
        raw.close()
    else:
        assert not migrated


def test_odd_notes_round_trip_through_csv_byte_for_byte():
    from rlstracker.diary_csv import read_diary_csv, write_diary_csv

    odd = [
        'She said "enough", then left',
        "commas, commas, commas",
        "line one\nline two\r\nthree",
        '=HYPERLINK("http://x")',
        "+44 7700",
        "-minus",
        "@mention",
        "\ttabbed",
        "\rreturn",
        "'=already guarded",
        "''",
        "🦵🌙 légs ünd schläf",
        "x" * 20_000,
        " leading space",
    ]
    nights = [
        Night(date=date(2026, 1, 1) + timedelta(days=i), notes=text) for i, text in enumerate(odd)
    ]
    exported = write_diary_csv(nights).encode("utf-8")
    back = read_diary_csv(exported, date(2026, 12, 31))
    assert [n.notes for n in back] == odd
    assert write_diary_csv(back).encode("utf-8") == exported


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_clinician_approved_plan_keeps_its_ceilings_approval_only(
    version: int, data_dir: Path
):
    data_dir.mkdir()
    shutil.copy(FIXTURES / f"diary-v{version}.sqlite3", data_dir / DIARY_FILE_NAME)
    with sqlite3.connect(data_dir / DIARY_FILE_NAME) as raw:
        raw.execute(
            "UPDATE plan SET clinician_approved = 1, ceiling_mg = 500, start_mg = 300, "
            "interval_nights = 3"
        )
        raw.execute("UPDATE screening SET severe_kidney_disease = 1")
    raw.close()
    with Diary.open(data_dir, clock=lambda: NOW) as diary:
        plan = diary.plan()
        assert (plan.ceiling_mg, plan.ceiling_approved_on, plan.ceiling_approved_mg) == (
            500,
            NOW.date(),
            500,
        )
        # Outside the v2 bounds: moved to the nearest cautious value.
        assert (plan.start_mg, plan.interval_nights) == (200, 4)
        assert diary.safety_answers().kidney is Kidney.SEVERE
        assert diary.clearances() == []  # the old flag waived the consult; v2 does not
        status = safety_status(diary.safety_answers(), diary.clearances(), plan, NOW.date())
        assert status.consult and status.needs_clinician and status.unconfirmed
