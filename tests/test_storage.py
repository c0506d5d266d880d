"""The diary file: what is saved comes back, and nothing is half-written or silently changed."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.iron import IronResult
from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan, Region
from rlstracker.domain.safety import NO_ANSWERS, AgeGroup, Kidney, Medicine, SafetyAnswers
from rlstracker.preferences import Preferences, Theme
from rlstracker.storage import (
    DIARY_FILE_NAME,
    SCHEMA_VERSION,
    DataFolderError,
    Diary,
    ImportConflict,
    NewerDiaryError,
    StorageError,
)

DAY = date(2026, 6, 1)
FULL = Night(
    date=DAY,
    dose_mg=62.5,
    form="citrate",
    symptom_severity=4,
    sleep_quality=7,
    diarrhoea=1,
    nausea=0,
    stomach_cramps=2,
    drowsiness=3,
    red_flags=frozenset({RedFlag.CONFUSION, RedFlag.FAINTING}),
    notes='Line one,\nline "two" 🦵',
)


@pytest.fixture
def diary(data_dir: Path):
    with Diary.open(data_dir) as opened:
        yield opened


def test_a_night_comes_back_exactly_as_saved(diary: Diary, data_dir: Path):
    diary.save_night(FULL)
    diary.save_night(Night(date=DAY + timedelta(days=1)))
    diary.close()
    with Diary.open(data_dir) as again:
        assert again.nights() == [FULL, Night(date=DAY + timedelta(days=1))]
        assert again.night_on(DAY) == FULL


def test_saving_a_night_again_replaces_it(diary: Diary):
    diary.save_night(FULL)
    diary.save_night(Night(date=DAY, dose_mg=100))
    assert diary.nights() == [Night(date=DAY, dose_mg=100)]


def test_delete_and_range(diary: Diary):
    for i in range(10):
        diary.save_night(Night(date=DAY + timedelta(days=i), dose_mg=i))
    diary.delete_night(DAY + timedelta(days=3))
    between = diary.nights_between(DAY + timedelta(days=2), DAY + timedelta(days=5))
    assert [n.dose_mg for n in between] == [2, 4, 5]
    assert diary.night_count() == 9


def test_plan_answers_product_iron_clearances_and_settings_persist(diary: Diary, data_dir: Path):
    assert diary.plan() == Plan() and not diary.has_plan()
    assert diary.safety_answers() == NO_ANSWERS
    plan = Plan(
        start_mg=75,
        step_mg=25,
        ceiling_mg=400,
        region=Region.EU,
        reset_on=DAY,
        ceiling_approved_on=DAY - timedelta(days=3),
        ceiling_approved_mg=400,
    )
    answers = SafetyAnswers(
        kidney=Kidney.SOME,
        heart_block=False,
        pregnant=None,
        age_group=AgeGroup.OLDER,
        medicines=frozenset({Medicine.IRON, Medicine.PPI}),
        answered_on=DAY - timedelta(days=2),
        confirmed_on=DAY,
    )
    none_taken = SafetyAnswers(medicines=frozenset())
    product = Product("Citrate", "citrate", 500, LabelBasis.COMPOUND, "tablet")
    diary.save_plan(plan)
    diary.save_safety_answers(answers)
    diary.use_product(product)
    diary.save_iron_result(IronResult(DAY, 42.5, None))
    diary.save_iron_result(IronResult(DAY + timedelta(days=1), None, 18))
    diary.save_night(Night(date=DAY - timedelta(days=5), dose_mg=100, red_flags={RedFlag.FAINTING}))
    clearance = diary.record_clearance(DAY, DAY, "Dr Ames")
    diary.save_preferences(Preferences(reminder_time=time(20, 30), theme=Theme.DARK))
    diary.close()
    with Diary.open(data_dir) as again:
        assert again.plan() == plan and again.has_plan()
        assert again.safety_answers() == answers
        assert again.product_in_use() == product
        assert again.iron_results() == [
            IronResult(DAY, 42.5, None),
            IronResult(DAY + timedelta(days=1), None, 18),
        ]
        assert again.clearances() == [clearance]
        assert clearance.covers == {(DAY - timedelta(days=5), RedFlag.FAINTING)}
        again.save_safety_answers(none_taken)
        assert again.safety_answers().medicines == frozenset()  # "none", not unanswered
        assert again.preferences() == Preferences(reminder_time=time(20, 30), theme=Theme.DARK)
        again.save_preferences(Preferences(reminder_time=None, start_at_login=True))
        assert again.preferences().reminder_time is None
        assert again.preferences().start_at_login


def test_switching_products_keeps_the_old_one_listed(diary: Diary):
    first = Product("A", "citrate", 100, LabelBasis.ELEMENTAL)
    second = Product("B", "glycinate", 50, LabelBasis.ELEMENTAL)
    diary.use_product(first)
    diary.use_product(second)
    assert diary.product_in_use() == second
    assert diary.products() == [first, second]
    diary.use_product(first)
    assert diary.product_in_use() == first
    assert len(diary.products()) == 2


def test_folder_is_private_to_the_user_and_so_is_the_file(data_dir: Path):
    Diary.open(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / DIARY_FILE_NAME).stat().st_mode) == 0o600


def test_durability_settings(diary: Diary):
    assert diary._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert diary.schema_version == SCHEMA_VERSION


def test_import_is_all_or_nothing_on_conflict(diary: Diary):
    diary.save_night(Night(date=DAY, dose_mg=100))
    incoming = [Night(date=DAY - timedelta(days=1), dose_mg=50), Night(date=DAY, dose_mg=150)]
    with pytest.raises(ImportConflict) as error:
        diary.import_nights(incoming)
    assert error.value.dates == [DAY]
    assert diary.nights() == [Night(date=DAY, dose_mg=100)]


def test_import_with_replace_and_unchanged_nights(diary: Diary):
    diary.save_night(Night(date=DAY, dose_mg=100))
    diary.save_night(Night(date=DAY + timedelta(days=1), dose_mg=100))
    summary = diary.import_nights(
        [
            Night(date=DAY, dose_mg=150),
            Night(date=DAY + timedelta(days=1), dose_mg=100),
            Night(date=DAY + timedelta(days=2), dose_mg=100),
        ],
        replace=True,
    )
    assert (summary.added, summary.replaced, summary.unchanged) == (1, 1, 1)
    assert [n.dose_mg for n in diary.nights()] == [150, 100, 100]


def backups_made(diary: Diary) -> list[str]:
    folder = diary.path.parent / "backups"
    return sorted(p.name for p in folder.glob("*before-import*")) if folder.exists() else []


def test_an_import_that_changes_nights_keeps_a_copy_first_whoever_imports(diary: Diary):
    """The rule lives in storage: the window, the command line and a script get the same."""
    diary.import_nights([Night(date=DAY, dose_mg=100)])
    assert backups_made(diary) == []  # an empty diary: nothing to keep
    diary.import_nights([Night(date=DAY, dose_mg=100)])
    assert backups_made(diary) == []  # nothing changes
    with pytest.raises(ImportConflict):
        diary.import_nights([Night(date=DAY, dose_mg=150)])
    assert backups_made(diary) == []  # refused: nothing changed
    summary = diary.import_nights([Night(date=DAY, dose_mg=150)], replace=True)
    (copy,) = backups_made(diary)
    assert summary.backup is not None and summary.backup.name == copy
    kept = sqlite3.connect(summary.backup)
    try:
        assert kept.execute("SELECT dose_mg FROM nights").fetchall() == [(100,)]  # as it was
    finally:
        kept.close()


def test_a_failed_batch_leaves_nothing_behind(diary: Diary):
    diary.save_night(FULL)
    with pytest.raises(RuntimeError), diary.batch():
        diary.save_night(Night(date=DAY + timedelta(days=1)))
        diary.save_plan(Plan(start_mg=50))
        raise RuntimeError("power cut")
    assert diary.nights() == [FULL]
    assert not diary.has_plan()


def test_a_diary_from_a_newer_version_is_refused_and_left_untouched(data_dir: Path):
    Diary.open(data_dir).close()
    path = data_dir / DIARY_FILE_NAME
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(NewerDiaryError, match="newer version of RLS Tracker"):
        Diary.open(data_dir)
    assert path.read_bytes() == before


def test_an_empty_file_is_refused_never_made_into_a_new_diary(data_dir: Path):
    data_dir.mkdir()
    sqlite3.connect(data_dir / DIARY_FILE_NAME).close()  # 0 bytes
    with pytest.raises(StorageError, match="empty"):
        Diary.open(data_dir)
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == b""


def test_a_file_that_is_not_a_diary_is_refused_plainly_and_kept(data_dir: Path):
    data_dir.mkdir()
    junk = b"this is not a database" * 100
    (data_dir / DIARY_FILE_NAME).write_bytes(junk)
    with pytest.raises(StorageError, match=r"damaged.*not changed or deleted"):
        Diary.open(data_dir)
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == junk


def test_a_data_folder_that_is_a_file_is_refused(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(DataFolderError, match="not a folder"):
        Diary.open(tmp_path / "file")


def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(DataFolderError, match="can't be created"):
        Diary.open(tmp_path / "file" / "diary")  # a folder inside a file: even root can't


def test_a_second_writer_waiting_on_a_lock_is_told_plainly(data_dir: Path):
    with Diary.open(data_dir) as first, Diary.open(data_dir) as second:
        second._db.execute("PRAGMA busy_timeout = 50")
        first._db.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StorageError, match="busy"):
                second.save_night(FULL)
        finally:
            first._db.execute("ROLLBACK")
        second.save_night(FULL)
        assert first.nights() == [FULL]


def test_intakes_are_logged_with_their_time(diary: Diary):
    from datetime import time

    from rlstracker.domain.models import Intake

    first = diary.add_intake(Intake(DAY, time(20, 15), 100))
    diary.add_intake(Intake(DAY, time(18, 0), 50))
    diary.add_intake(Intake(DAY + timedelta(days=1), time(19, 0), 100))
    assert [(i.taken_at, i.dose_mg) for i in diary.intakes_on(DAY)] == [
        (time(18, 0), 50),
        (time(20, 15), 100),
    ]
    diary.delete_intake(first)
    assert [i.dose_mg for i in diary.intakes_on(DAY)] == [50]


def test_a_version_1_diary_is_migrated_and_keeps_its_nights(data_dir: Path):
    """A diary as version 1 of the schema left it (built by the real first migration)."""
    from rlstracker.storage import MIGRATIONS

    data_dir.mkdir()
    raw = sqlite3.connect(data_dir / DIARY_FILE_NAME)
    MIGRATIONS[0](raw, DAY)
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO nights (date, dose_mg, notes) VALUES ('2026-06-01', 150, 'kept')")
    raw.commit()
    raw.close()
    with Diary.open(data_dir) as diary:
        assert diary.schema_version == SCHEMA_VERSION
        assert diary.nights() == [Night(date=DAY, dose_mg=150, notes="kept")]
        assert diary.intakes_on(DAY) == []
