"""Copies of the diary file, made with SQLite's backup API: taken, rotated, listed, restored.

A copy is written to a temporary file, fsynced and renamed, so a crash leaves either the whole
copy or none. Nothing here ever deletes the live diary or a damaged one.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rlstracker.files import (
    PRIVATE_FOLDER,
    fsync_file,
    fsync_folder,
    publish,
    temporary_beside,
    tighten,
)

BACKUP_FOLDER = "backups"
ROUTINE = "daily"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 5, 12
KEEP_OCCASIONAL = 5  # of each other reason: before a migration, a restore, an import
# diary-STAMP[-N]-REASON.sqlite3: N counts the copies made in the same second (2, 3, …).
_NAME = re.compile(r"diary-(\d{8}-\d{6})(?:-(\d+))?-([a-z][a-z0-9-]*)\.sqlite3")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    nights: int | None  # None: the copy itself can't be read
    first_night: date | None = None
    last_night: date | None = None

    @property
    def good(self) -> bool:
        return self.nights is not None


def backup_folder(data_folder: Path) -> Path:
    folder = data_folder / BACKUP_FOLDER
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_FOLDER)
    tighten(folder, PRIVATE_FOLDER)  # mkdir's mode is cut by the umask; old folders were looser
    return folder


def _copy_to_temporary(source: sqlite3.Connection, beside: Path) -> Path:
    """A consistent, fsynced copy of `source` in a temporary file of its own beside `beside`.
    On any failure the temporary file is removed again."""
    partial = temporary_beside(beside)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
        fsync_file(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of `source` at `target`: temporary file, fsync, rename, folder fsync."""
    partial = _copy_to_temporary(source, target)
    try:
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def make_backup(source: sqlite3.Connection, data_folder: Path, reason: str, now: datetime) -> Path:
    """A new copy under a name no other copy has (two programs may back up in the same second).
    Nothing is rotated out here: the caller rotates once what the copy was made for has
    succeeded, so a refused import or a failed restore never costs an older copy."""
    folder = backup_folder(data_folder)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    partial = _copy_to_temporary(source, folder / f"diary-{stamp}-{reason}.sqlite3")
    try:
        count = 1
        while True:
            middle = stamp if count == 1 else f"{stamp}-{count}"
            target = folder / f"diary-{middle}-{reason}.sqlite3"
            if publish(partial, target):
                break
            count += 1
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect(path: Path) -> tuple[int, date | None, date | None] | None:
    """Nights in a copy and their first and last dates, or None if it is damaged."""
    try:
        db = open_read_only(path)
        try:
            if db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return None
            count, first, last = db.execute(
                "SELECT count(*), min(date), max(date) FROM nights"
            ).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return (
        count,
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
    )


def list_backups(data_folder: Path, inspect_each: bool = True) -> list[Backup]:
    """The copies in the backup folder, newest first."""
    folder = data_folder / BACKUP_FOLDER
    if not folder.is_dir():
        return []
    ordered: list[tuple[tuple[datetime, int], Backup]] = []
    for path in folder.glob("diary-*.sqlite3"):
        match = _NAME.fullmatch(path.name)
        if not match:
            continue
        made_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        in_second = int(match.group(2) or 1)  # the second copy made in that second is newer
        facts = inspect(path) if inspect_each else (0, None, None)
        if facts is None:
            backup = Backup(path, made_at, match.group(3), None)
        else:
            backup = Backup(path, made_at, match.group(3), *facts)
        ordered.append(((made_at, in_second), backup))
    ordered.sort(key=lambda entry: entry[0], reverse=True)
    return [backup for _, backup in ordered]


def needs_routine_backup(data_folder: Path, today: date) -> bool:
    return not any(
        b.made_at.date() == today and b.reason == ROUTINE
        for b in list_backups(data_folder, inspect_each=False)
    )


def rotate(data_folder: Path, spare: Path | None = None) -> list[Path]:
    """Keep the newest routine copy of each of the last 7 days, 5 weeks and 12 months, the
    last 5 copies made for each other reason, and `spare` (the copy just restored from); delete
    the rest. Returns what was deleted."""
    backups = list_backups(data_folder, inspect_each=False)
    keep: set[Path] = set() if spare is None else {spare.resolve()}
    routine = [b for b in backups if b.reason == ROUTINE]
    for period, count in (
        (lambda b: b.made_at.date(), KEEP_DAILY),
        (lambda b: b.made_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.made_at.year, b.made_at.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in routine:  # newest first: the first of each period is its newest
            key = period(backup)
            if key not in seen:
                seen.append(key)
                if len(seen) <= count:
                    keep.add(backup.path)
    for reason in {b.reason for b in backups} - {ROUTINE}:
        keep.update([b.path for b in backups if b.reason == reason][:KEEP_OCCASIONAL])
    removed = []
    for backup in backups:
        if backup.path not in keep and backup.path.resolve() not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    if removed:
        fsync_folder(data_folder / BACKUP_FOLDER)
    return removed


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def replace_content(db: sqlite3.Connection, source: str) -> None:
    """Inside the caller's write transaction on `db`: every table of the diary (main) gets the
    rows of the same table in the attached database `source`, and only those. Columns are named
    from main's own tables, so a copy whose columns stand in another order fills them right."""
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = ", ".join(
            _quoted(row[1]) for row in db.execute(f"PRAGMA main.table_info({_quoted(table)})")
        )
        db.execute(f"DELETE FROM main.{_quoted(table)}")
        db.execute(
            f"INSERT INTO main.{_quoted(table)} ({columns}) "
            f"SELECT {columns} FROM {_quoted(source)}.{_quoted(table)}"
        )

    def has_sequence(schema: str) -> bool:
        found = db.execute(
            f"SELECT 1 FROM {_quoted(schema)}.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()
        return found is not None

    if has_sequence("main"):  # AUTOINCREMENT counters, as the copy had them
        db.execute("DELETE FROM main.sqlite_sequence")
        if has_sequence(source):
            db.execute(
                "INSERT INTO main.sqlite_sequence (name, seq) "
                f"SELECT name, seq FROM {_quoted(source)}.sqlite_sequence"
            )


def set_damaged_file_aside(diary_path: Path, now: datetime) -> Path:
    """Move a damaged diary (and its journal) aside under a dated name. Never deletes it."""
    kept = diary_path.with_name(f"diary-damaged-{now:%Y%m%d-%H%M%S}.sqlite3")  # not user text
    diary_path.replace(kept)
    journal = diary_path.with_name(diary_path.name + "-journal")
    if journal.exists():
        journal.replace(kept.with_name(kept.name + "-journal"))
    fsync_folder(diary_path.parent)
    return kept


def put_backup_in_place(backup: Path, diary_path: Path) -> None:
    """Make `backup` the diary file (used when the diary itself can't be opened)."""
    source = open_read_only(backup)
    try:
        copy_database(source, diary_path)
    finally:
        source.close()
