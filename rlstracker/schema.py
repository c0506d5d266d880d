"""The diary file's tables, and the ordered steps that bring an older file up to date."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date


def _migrate_to_1(db: sqlite3.Connection, today: date) -> None:
    _run_statements(
        db,
        """
        CREATE TABLE nights (
            date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            dose_mg REAL CHECK (dose_mg IS NULL OR dose_mg BETWEEN 0 AND 1000),
            form TEXT,
            symptom_severity INTEGER CHECK (symptom_severity BETWEEN 0 AND 10),
            sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),
            diarrhoea INTEGER CHECK (diarrhoea BETWEEN 0 AND 3),
            nausea INTEGER CHECK (nausea BETWEEN 0 AND 3),
            stomach_cramps INTEGER CHECK (stomach_cramps BETWEEN 0 AND 3),
            drowsiness INTEGER CHECK (drowsiness BETWEEN 0 AND 3),
            red_flags TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start_mg REAL NOT NULL,
            step_mg REAL NOT NULL,
            interval_nights INTEGER NOT NULL,
            ceiling_mg REAL NOT NULL,
            region TEXT NOT NULL,
            clinician_approved INTEGER NOT NULL,
            baseline_nights INTEGER NOT NULL,
            target_severity REAL NOT NULL,
            review_nights INTEGER NOT NULL,
            reset_on TEXT
        );
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            form TEXT NOT NULL,
            amount_per_unit_mg REAL NOT NULL,
            label_basis TEXT NOT NULL,
            unit TEXT NOT NULL,
            in_use INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE screening (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            severe_kidney_disease INTEGER NOT NULL,
            other_kidney_disease INTEGER NOT NULL,
            heart_block_or_slow_heart_rate INTEGER NOT NULL,
            pregnant_or_breastfeeding INTEGER NOT NULL,
            age_group TEXT NOT NULL,
            medicines TEXT NOT NULL
        );
        CREATE TABLE ferritin (
            date TEXT PRIMARY KEY,
            ng_per_ml REAL NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


def _run_statements(
    db: sqlite3.Connection, script: str, parameters: dict[str, str] | None = None
) -> None:
    # Not executescript(): it commits first, and a migration must stay inside its transaction.
    for statement in script.split(";"):
        if statement.strip():
            names = {
                name: value for name, value in (parameters or {}).items() if f":{name}" in statement
            }
            db.execute(statement, names)


def _migrate_to_2(db: sqlite3.Connection, today: date) -> None:
    """Version 2 logs each intake with its time ("Taken" in the window)."""
    _run_statements(
        db,
        """
        CREATE TABLE intakes (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            taken_at TEXT NOT NULL,
            dose_mg REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000)
        );
        CREATE INDEX intakes_by_date ON intakes (date)
        """,
    )


def _migrate_to_3(db: sqlite3.Connection, today: date) -> None:
    """Version 3 (the guide's rules v2): safety answers with no defaults and their dates,
    clinicians' clearances, iron results with transferrin saturation, and the plan's ceiling
    approval as a date of its own.

    Old answers are kept but must be confirmed once (the old form pre-selected the age group):
    they carry today as the date they were given and no confirmation. A plan that was
    "clinician approved" keeps the approval of its ceiling only. Plan values outside the v2
    bounds move to the nearest cautious value (start at most 200 mg, at least 4 nights between
    steps)."""
    _run_statements(
        db,
        """
        CREATE TABLE safety_answers (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            kidney TEXT CHECK (kidney IN ('none', 'some', 'severe')),
            heart_block INTEGER CHECK (heart_block IN (0, 1)),
            pregnant INTEGER CHECK (pregnant IN (0, 1)),
            age_group TEXT CHECK (age_group IN ('under_18', '18_64', '65_plus')),
            medicines TEXT,
            answered_on TEXT,
            confirmed_on TEXT
        );
        INSERT INTO safety_answers
            SELECT 1,
                CASE WHEN severe_kidney_disease THEN 'severe'
                     WHEN other_kidney_disease THEN 'some' ELSE 'none' END,
                heart_block_or_slow_heart_rate, pregnant_or_breastfeeding, age_group, medicines,
                :today, NULL
            FROM screening;
        DROP TABLE screening;
        CREATE TABLE clearances (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            recorded_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            covers TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE iron_results (
            date TEXT PRIMARY KEY,
            ferritin_ng_per_ml REAL CHECK (ferritin_ng_per_ml > 0 AND ferritin_ng_per_ml <= 5000),
            saturation_percent REAL CHECK (saturation_percent > 0 AND saturation_percent <= 100),
            CHECK (ferritin_ng_per_ml IS NOT NULL OR saturation_percent IS NOT NULL)
        );
        INSERT INTO iron_results (date, ferritin_ng_per_ml)
            SELECT date, ng_per_ml FROM ferritin WHERE ng_per_ml > 0 AND ng_per_ml <= 5000;
        DROP TABLE ferritin;
        CREATE TABLE plan_v3 (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start_mg REAL NOT NULL,
            step_mg REAL NOT NULL,
            interval_nights INTEGER NOT NULL,
            ceiling_mg REAL NOT NULL,
            region TEXT NOT NULL,
            ceiling_approved_on TEXT,
            ceiling_approved_mg REAL,
            baseline_nights INTEGER NOT NULL,
            target_severity REAL NOT NULL,
            review_nights INTEGER NOT NULL,
            reset_on TEXT
        );
        INSERT INTO plan_v3
            SELECT id, MIN(start_mg, 200, ceiling_mg), step_mg, MAX(interval_nights, 4),
                ceiling_mg, region, CASE WHEN clinician_approved THEN :today END,
                CASE WHEN clinician_approved THEN ceiling_mg END,
                baseline_nights, target_severity, review_nights, reset_on
            FROM plan;
        DROP TABLE plan;
        ALTER TABLE plan_v3 RENAME TO plan
        """,
        {"today": today.isoformat()},
    )


def _migrate_to_4(db: sqlite3.Connection, today: date) -> None:
    """Version 4: the personal trial ("does it help me?"). A trial keeps its design, the seed
    of its draw, its first night and dose, and what the app has fixed since: the last night of
    each period that ended, an early stop, and the reveal of a blind trial's order."""
    _run_statements(
        db,
        """
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY,
            set_up_on TEXT NOT NULL,
            first_night TEXT NOT NULL,
            pairs INTEGER NOT NULL CHECK (pairs BETWEEN 1 AND 12),
            period_nights INTEGER NOT NULL CHECK (period_nights BETWEEN 1 AND 28),
            min_difference REAL NOT NULL CHECK (min_difference > 0 AND min_difference <= 10),
            blind INTEGER NOT NULL CHECK (blind IN (0, 1)),
            seed INTEGER NOT NULL,
            dose_mg REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000),
            stopped_on TEXT,
            stop_reason TEXT NOT NULL DEFAULT '',
            revealed_on TEXT
        );
        CREATE TABLE trial_period_ends (
            trial_id INTEGER NOT NULL REFERENCES trials (id),
            number INTEGER NOT NULL CHECK (number >= 1),
            last_night TEXT NOT NULL,
            PRIMARY KEY (trial_id, number)
        )
        """,
    )


# Ordered: MIGRATIONS[n - 1] takes a diary from schema n - 1 to n. Never edit a released step;
# add the next one. Each step gets the day it runs ("today"), for what it must date.
MIGRATIONS: tuple[Callable[[sqlite3.Connection, date], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
)
SCHEMA_VERSION = len(MIGRATIONS)
