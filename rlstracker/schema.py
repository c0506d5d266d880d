"""The diary file's tables, and the ordered steps that bring an older file up to date."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _migrate_to_1(db: sqlite3.Connection) -> None:
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


def _run_statements(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a migration must stay inside its transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_to_2(db: sqlite3.Connection) -> None:
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


# Ordered: MIGRATIONS[n - 1] takes a diary from schema n - 1 to n. Never edit a released step;
# add the next one.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1, _migrate_to_2)
SCHEMA_VERSION = len(MIGRATIONS)
