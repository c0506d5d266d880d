"""Storage against an in-memory model, over thousands of random operations (hypothesis)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from rlstracker.domain.models import SIDE_EFFECTS, Night, RedFlag
from rlstracker.storage import Diary, ImportConflict

START = date(2026, 1, 1)
days = st.integers(0, 40).map(lambda n: START + timedelta(days=n))
grades = st.one_of(st.none(), st.integers(0, 3))
nights = st.builds(
    Night,
    date=days,
    dose_mg=st.one_of(st.none(), st.sampled_from([0, 50, 62.5, 100, 150, 400])),
    symptom_severity=st.one_of(st.none(), st.integers(0, 10)),
    sleep_quality=st.one_of(st.none(), st.integers(0, 10)),
    red_flags=st.frozensets(st.sampled_from(list(RedFlag)), max_size=2),
    notes=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=40,
    ),
    **dict.fromkeys(SIDE_EFFECTS, grades),
)
batches = st.lists(nights, max_size=6, unique_by=lambda n: n.date)

OPERATIONS = {"count": 0}


class DiaryAgainstModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="rlstracker-model-"))
        self.diary = Diary.open(self.folder)
        self.model: dict[date, Night] = {}

    def teardown(self) -> None:
        self.diary.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(night=nights)
    def save(self, night: Night) -> None:
        OPERATIONS["count"] += 1
        self.diary.save_night(night)
        self.model[night.date] = night

    @rule(day=days)
    def delete(self, day: date) -> None:
        OPERATIONS["count"] += 1
        self.diary.delete_night(day)
        self.model.pop(day, None)

    @rule(batch=batches, replace=st.booleans())
    def import_all_or_nothing(self, batch: list[Night], replace: bool) -> None:
        OPERATIONS["count"] += 1
        conflicts = [n.date for n in batch if n.date in self.model and self.model[n.date] != n]
        try:
            self.diary.import_nights(batch, replace=replace)
        except ImportConflict as error:
            assert conflicts and not replace
            assert sorted(error.dates) == sorted(conflicts)
            return
        assert replace or not conflicts
        self.model.update({n.date: n for n in batch})

    @rule(batch=batches)
    def interrupted_batch(self, batch: list[Night]) -> None:
        OPERATIONS["count"] += 1
        try:
            with self.diary.batch():
                for night in batch:
                    self.diary.save_night(night)
                raise KeyboardInterrupt  # the power goes before the batch ends
        except KeyboardInterrupt:
            pass

    @rule(gone=st.lists(days, max_size=4), batch=batches)
    def several_changes_in_one_transaction(self, gone: list[date], batch: list[Night]) -> None:
        """Deletes, then an import that must see them, all in one transaction."""
        OPERATIONS["count"] += 1
        with self.diary.batch():
            for day in gone:
                self.diary.delete_night(day)
            assert all(self.diary.night_on(day) is None for day in gone)
            self.diary.import_nights(batch, replace=True)
            assert len(self.diary.nights()) == self.diary.night_count()
        for day in gone:
            self.model.pop(day, None)
        self.model.update({n.date: n for n in batch})

    @rule()
    def reopen(self) -> None:
        OPERATIONS["count"] += 1
        self.diary.close()
        self.diary = Diary.open(self.folder)

    @invariant()
    def diary_matches_model(self) -> None:
        assert self.diary.nights() == [self.model[d] for d in sorted(self.model)]


def test_storage_matches_the_model_over_enough_operations():
    """The machine, run here so that the count is its own: this test alone, or in any order,
    checks that it did real work, not a handful of steps."""
    OPERATIONS["count"] = 0
    run_state_machine_as_test(
        DiaryAgainstModel,
        settings=settings(max_examples=60, stateful_step_count=40, deadline=None),
    )
    assert OPERATIONS["count"] >= 1000, OPERATIONS
