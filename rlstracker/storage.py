"""The diary file: one SQLite database in the data folder, opened once, written in transactions."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import ClassVar

from rlstracker import backups, rows
from rlstracker.domain import language
from rlstracker.domain.forms import Product
from rlstracker.domain.iron import IronResult
from rlstracker.domain.language import N_, _, ngettext
from rlstracker.domain.models import (
    NIGHT_FIELDS,
    Intake,
    Night,
)
from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import ReminderState
from rlstracker.domain.safety import (
    Clearance,
    SafetyAnswers,
    new_clearance,
)
from rlstracker.domain.trial import periods as trial_periods
from rlstracker.domain.trial.design import Trial
from rlstracker.domain.trial.reveal import TrialEvening, revealed, trial_evening
from rlstracker.failures import describe_os_error, describe_sqlite_error
from rlstracker.files import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    fsync_file,
    publish,
    remove_stale_parts,
    temporary_beside,
    tighten,
)
from rlstracker.preferences import Preferences, Theme
from rlstracker.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_PREFERENCES = Preferences()
log = logging.getLogger(__name__)  # dates and actions only: never a night's values
DIARY_FILE_NAME = "diary.sqlite3"  # not user text: the file's name
# The settings table's keys. No module outside storage names them.
_SETUP_DONE = "setup_done"  # the first-run guide was finished
_EXAMPLE = "example_data"  # the diary holds the invented example
_REMINDER_TIME = "reminder_time"  # HH:MM, or "off"
_START_AT_LOGIN = "start_at_login"
_THEME = "theme"
_TEXT_SIZE = "text_size"
_LANGUAGE = "language"  # a language code, or "" (the desktop's)
_REPORT_NAME = "report_name"
_WINDOW_GEOMETRY = "window_geometry"
_REMINDER_SENT_FOR = "reminder_sent_for"
_REMINDER_SNOOZED_UNTIL = "reminder_snoozed_until"
_TOLD_BACKGROUND = "told_background"  # "RLS Tracker keeps running to remind you" was said


class StorageError(Exception):
    """The diary can't be opened or written; the message says why in plain words."""


class NewerDiaryError(StorageError):
    """The file was written by a newer RLS Tracker; this one must not touch it."""


class DataFolderError(StorageError):
    """The data folder can't be created, read or written."""


class NightChangedError(StorageError):
    """The night was changed by another program since it was read: nothing was written."""

    def __init__(self, day: date, theirs: Night | None) -> None:
        self.day = day
        self.theirs = theirs
        super().__init__(
            _(
                "The night of {date} was changed by another program while you were editing "
                "it. Nothing was saved."
            ).format(date=language.listed_date(day))
        )


class _Anything:
    """save_night's `expected` when any stored version may be replaced."""


ANY_VERSION = _Anything()


class NoDiaryError(DataFolderError):
    """There is no diary in the folder, and the command only reads: nothing is created."""


def restore_advice(path: Path) -> str:
    """Names the newest good backup beside the diary at `path`, and how to put it back."""
    newest = next((b for b in backups.list_backups(path.parent) if b.good), None)
    if newest is None:
        return _("There is no good backup in {folder}.").format(
            folder=path.parent / backups.BACKUP_FOLDER
        )
    return ngettext(
        "The newest good backup is {backup} ({date} {time}, {count} night). To restore it, "
        "open RLS Tracker, which offers it, or copy that file to {path}.",
        "The newest good backup is {backup} ({date} {time}, {count} nights). To restore it, "
        "open RLS Tracker, which offers it, or copy that file to {path}.",
        newest.nights or 0,
    ).format(
        backup=newest.path,
        date=language.day_month_year(newest.made_at.date()),
        time=f"{newest.made_at:%H:%M}",
        count=language.number(newest.nights or 0, grouped=True),
        path=path,
    )


class DamagedDiaryError(StorageError):
    """The file fails SQLite's integrity check. It is left exactly as it is."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            # Translators: {detail} is SQLite's own (English) words for what is wrong; {advice}
            # is the sentence that names the newest good backup.
            _(
                "The diary {path} is damaged ({detail}). RLS Tracker has not changed or deleted "
                "it. Restore a backup from the app (it keeps the damaged file aside), or copy "
                "the file somewhere safe before trying anything else. {advice}"
            ).format(path=path, detail=detail, advice=restore_advice(path))
        )


class MissingDiaryError(StorageError):
    """Where a diary was expected there is none, an empty file, or a file that is no diary.
    A new, empty diary is never made in its place: the person's nights are in the backups."""

    # What is wrong, as the recovery dialog says it after "The diary file".
    PROBLEMS: ClassVar[language.Translated[str]] = language.Translated(
        {
            "missing": N_("is missing, though backups of it are beside it"),
            "empty": N_("is empty (0 bytes)"),
            "not-a-diary": N_("is not an RLS Tracker diary (it holds no diary tables)"),
        }
    )
    # The whole sentence for each problem; {advice} names the newest good backup.
    SAID: ClassVar[language.Translated[str]] = language.Translated(
        {
            "missing": N_(
                "The diary {path} is missing, though backups of it are beside it. No new, "
                "empty diary was made in its place. {advice}"
            ),
            "empty": N_(
                "The diary {path} is empty (0 bytes). RLS Tracker has not changed or deleted "
                "it. No new, empty diary was made in its place. {advice}"
            ),
            "not-a-diary": N_(
                "The diary {path} is not an RLS Tracker diary (it holds no diary tables). RLS "
                "Tracker has not changed or deleted it. No new, empty diary was made in its "
                "place. {advice}"
            ),
        }
    )

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        self.detail = self.PROBLEMS[problem]
        super().__init__(self.SAID[problem].format(path=path, advice=restore_advice(path)))


def held_a_diary(folder: Path) -> bool:
    """Signs that `folder` held a diary: its backups, a damaged file set aside, a journal."""
    backup_folder = folder / backups.BACKUP_FOLDER
    return (
        any(backup_folder.glob("diary-*.sqlite3"))
        or any(folder.glob("diary-damaged-*.sqlite3"))  # not user text: file names
        or (folder / f"{DIARY_FILE_NAME}-journal").exists()
    )


def _migrate_file(db: sqlite3.Connection, version: int, today: date) -> None:
    """Bring a file no one else uses (`db`, opened with isolation_level=None) from `version` to
    the current one, each step in a transaction of its own."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[target - 1](db, today)
            db.execute(f"PRAGMA user_version = {target}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _create_diary(path: Path, today: date) -> None:
    """A complete, empty diary at `path`, made beside it and put in place in one step, so that
    a crash never leaves an empty or half-made file under the diary's name."""
    temporary = temporary_beside(path)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous = FULL")
            _migrate_file(db, 0, today)
        finally:
            db.close()
        fsync_file(temporary)
        publish(temporary, path)  # False: another program made one just now; that one is used
    finally:
        temporary.unlink(missing_ok=True)


def _tighten_permissions(folder: Path) -> None:
    """What the app owns is private: folders 0700, files 0600, however they were made."""
    tighten(folder, PRIVATE_FOLDER)
    for name in (DIARY_FILE_NAME, f"{DIARY_FILE_NAME}-journal"):
        tighten(folder / name, PRIVATE_FILE)
    backup_folder = folder / backups.BACKUP_FOLDER
    if backup_folder.is_dir():
        tighten(backup_folder, PRIVATE_FOLDER)
        for copy in backup_folder.glob("diary-*.sqlite3"):
            tighten(copy, PRIVATE_FILE)


@dataclass(frozen=True)
class Setup:
    """What the first-run guide and Settings collect, saved together."""

    answers: SafetyAnswers
    plan: Plan
    product: Product | None
    iron: IronResult | None = None


@dataclass(frozen=True)
class ImportSummary:
    added: int
    replaced: int
    unchanged: int
    backup: Path | None = None  # the copy made before the import changed anything


def _compare(existing: dict[date, Night], nights: list[Night]) -> tuple[ImportSummary, list[date]]:
    """What importing `nights` would do to a diary holding `existing`, and the dates where
    both hold a night that differs."""
    added = unchanged = 0
    conflicts = []
    for night in nights:
        there = existing.get(night.date)
        if there is None:
            added += 1
        elif there == night:
            unchanged += 1
        else:
            conflicts.append(night.date)
    return ImportSummary(added, len(conflicts), unchanged), conflicts


class ImportConflict(StorageError):
    """Nights in the file differ from nights already in the diary."""

    def __init__(self, dates: list[date]) -> None:
        self.dates = dates
        shown = ", ".join(language.listed_date(d) for d in dates[:10])
        more = len(dates) - 10
        if more > 0:
            # Translators: {count} is more than ten; {dates} lists the first ten of them.
            said = _(
                "{count} nights in the file differ from the diary: {dates} and {more} more. "
                "Nothing was imported. Use --replace to overwrite those nights with the file's."
            )
        else:
            said = ngettext(
                "{count} night in the file differs from the diary: {dates}. Nothing was "
                "imported. Use --replace to overwrite those nights with the file's.",
                "{count} nights in the file differ from the diary: {dates}. Nothing was "
                "imported. Use --replace to overwrite those nights with the file's.",
                len(dates),
            )
        super().__init__(
            said.format(
                count=language.number(len(dates), grouped=True),
                dates=shown,
                more=language.number(more, grouped=True),
            )
        )


def prepare_data_folder(folder: Path) -> None:
    """Create the data folder, private to this user (0700), if it is not there yet."""
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
            folder.chmod(0o700)  # mkdir's mode is cut by the umask
        elif not folder.is_dir():
            raise DataFolderError(
                _("The data folder {folder} is a file, not a folder.").format(folder=folder)
            )
    except OSError as error:
        raise DataFolderError(
            # Translators: {reason} is the system's own words (strerror); --data-dir and
            # RLSTRACKER_DATA_DIR stay as they are written.
            _(
                "The data folder {folder} can't be created ({reason}). Choose another folder "
                "with --data-dir or RLSTRACKER_DATA_DIR."
            ).format(folder=folder, reason=error.strerror)
        ) from error


class Diary:
    """The person's diary file. Methods take and give domain objects, never rows."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        read_only: bool = False,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._db = db
        self._clock = clock  # dates the backups the diary makes by itself
        self._depth = 0
        self.path = path
        self.read_only = read_only
        self.read_only_reason: str | None = None  # said to the person when it is not obvious
        self._inode = path.stat().st_ino
        self._nights_cache: dict[date, Night] | None = None
        self._sorted_cache: list[Night] | None = None
        self._cache_version: int | None = None
        self._pending: list[tuple[date, Night | None]] = []

    @classmethod
    def open(
        cls,
        folder: Path,
        read_only: bool = False,
        clock: Callable[[], datetime] = datetime.now,
        create: bool = True,
    ) -> Diary:
        """Open the diary in `folder`, checking its integrity and migrating an older file
        forward (after a backup). A new diary is made only with `create` and only in a folder
        that never held one: a missing, emptied or foreign file where a diary was is refused
        (MissingDiaryError). `read_only` opens an existing file without changing it, even one
        from a newer version; a diary on a read-only disk or folder opens read-only by itself."""
        path = folder / DIARY_FILE_NAME
        if not os.path.lexists(path):
            if held_a_diary(folder):
                raise MissingDiaryError(path, "missing")
            if read_only or not create:
                if folder.is_dir():
                    said = _(
                        "There is no diary in {folder}, so there is nothing to show. Check "
                        "--data-dir or RLSTRACKER_DATA_DIR. Nothing was created."
                    )
                else:
                    said = _(
                        "There is no diary in {folder} (the folder does not exist), so there is "
                        "nothing to show. Check --data-dir or RLSTRACKER_DATA_DIR. Nothing was "
                        "created."
                    )
                raise NoDiaryError(said.format(folder=folder))
        elif not path.is_file():
            raise DataFolderError(
                _("{path} is not a file; RLS Tracker needs its diary there.").format(path=path)
            )
        elif path.stat().st_size == 0:
            raise MissingDiaryError(path, "empty")
        reason = None
        if (
            not read_only
            and path.exists()
            and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))
        ):
            read_only = True
            reason = _(
                "The diary {path} can only be read: its folder or disk is read-only. You can "
                "read everything, but nothing can be saved. Nothing was changed."
            ).format(path=path)
        if not read_only:
            prepare_data_folder(folder)
            _tighten_permissions(folder)
            remove_stale_parts(folder)
            remove_stale_parts(folder / backups.BACKUP_FOLDER)
        try:
            if not read_only and not path.exists():
                _create_diary(path, clock().date())
            if read_only:
                db = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise DataFolderError(
                _(
                    "The diary {path} can't be opened ({error}). Check that the folder can be "
                    "written, or choose another with --data-dir."
                ).format(path=path, error=error)
            ) from error
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            if not read_only:
                db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise DamagedDiaryError(path, problems[0])
            diary = cls(db, path, read_only, clock)
            diary.read_only_reason = reason
            if diary.schema_version == 0:
                raise MissingDiaryError(path, "not-a-diary")
            if not read_only:
                diary._migrate(clock)
            elif reason is not None and diary.schema_version < SCHEMA_VERSION:
                raise StorageError(
                    _(
                        "The diary {path} is from an older RLS Tracker and must be updated, but "
                        "its folder or disk is read-only. Copy the folder somewhere you can "
                        "write to and open it there. Nothing was changed."
                    ).format(path=path)
                )
        except sqlite3.DatabaseError as error:
            db.close()
            raise DamagedDiaryError(path, str(error)) from error
        except BaseException:
            db.close()
            raise
        return diary

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self, clock: Callable[[], datetime]) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise NewerDiaryError(
                _(
                    "The diary {path} was written by a newer version of RLS Tracker (diary "
                    "format {version}; this version reads up to {newest}). Update RLS Tracker "
                    "to work with it. The file has not been changed."
                ).format(path=self.path, version=version, newest=SCHEMA_VERSION)
            )
        upgrading = 0 < version < SCHEMA_VERSION
        if upgrading:
            reason = f"before-migration-to-{SCHEMA_VERSION}"  # not user text: in the file name
            self.backup(reason, clock())
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                MIGRATIONS[target - 1](self._db, clock().date())
                self._db.execute(f"PRAGMA user_version = {target}")
        if upgrading:
            backups.rotate(self.path.parent)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error. Nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self._db
            finally:
                self._depth -= 1
            return
        self._check_writable()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StorageError(
                _("The diary can't be written: {reason}. Nothing was changed.").format(
                    reason=describe_sqlite_error(error)
                )
            ) from error
        self._depth = 1
        self._pending = []
        try:
            yield self._db
            self._db.execute("COMMIT")
            self._apply_pending()
        except BaseException as error:
            self._pending = []
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise StorageError(
                    _("The diary could not be saved: {reason}. Nothing was changed.").format(
                        reason=describe_sqlite_error(error)
                    )
                ) from error
            raise
        finally:
            self._depth = 0

    def _apply_pending(self) -> None:
        if self._nights_cache is not None:
            for day, night in self._pending:
                if night is None:
                    self._nights_cache.pop(day, None)
                else:
                    self._nights_cache[day] = night
            self._sorted_cache = None
        self._pending = []

    def _check_writable(self) -> None:
        if self.read_only and self.read_only_reason:
            raise StorageError(self.read_only_reason)
        if self.read_only:
            raise StorageError(
                _(
                    "The diary {path} is open read-only, so nothing can be saved. Nothing was "
                    "changed."
                ).format(path=self.path)
            )
        try:
            same = self.path.stat().st_ino == self._inode
        except OSError:
            same = False
        if not same:
            # On Linux and macOS an open file outlives its deleted folder: writing on would
            # look fine and lose everything at closing time.
            raise StorageError(
                _(
                    "The diary file {path} has gone: its folder was moved, renamed or deleted "
                    "while RLS Tracker was open. Nothing was saved. Put the folder back, or "
                    "close RLS Tracker and open it again."
                ).format(path=self.path)
            )

    @property
    def total_changes(self) -> int:
        """Rows this connection has changed since it opened: tells whether a command wrote."""
        return self._db.total_changes

    def data_version(self) -> int:
        """Changes whenever another connection (another program) commits to the file."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    def integrity_problems(self) -> list[str]:
        found = [row[0] for row in self._db.execute("PRAGMA quick_check").fetchall()]
        return [] if found == ["ok"] else found

    def backup(self, reason: str, now: datetime) -> Path:
        """A consistent copy in the backup folder (SQLite's backup API)."""
        return self._backup_from(self._db, reason, now)

    def _backup_from(self, source: sqlite3.Connection, reason: str, now: datetime) -> Path:
        try:
            made = backups.make_backup(source, self.path.parent, reason, now)
        except sqlite3.Error as error:
            log.warning("backup (%s) failed: %s", reason, type(error).__name__)
            raise StorageError(
                _("A backup could not be made: {reason}.").format(
                    reason=describe_sqlite_error(error)
                )
            ) from error
        except OSError as error:
            log.warning("backup (%s) failed: %s", reason, type(error).__name__)
            raise StorageError(
                _("A backup could not be made: {reason}.").format(reason=describe_os_error(error))
            ) from error
        log.info("backup made: %s", made.name)
        return made

    def routine_backup(self, now: datetime) -> Path | None:
        """Today's copy, if the diary holds nights and none was made today; the old copies
        rotated out (7 days, 5 weeks, 12 months). The copy made, or None."""
        if not self.night_count() or not backups.needs_routine_backup(self.path.parent, now.date()):
            return None
        made = self.backup(backups.ROUTINE, now)
        backups.rotate(self.path.parent)
        return made

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the diary at `target`, anywhere (another drive, a USB stick)."""
        try:
            backups.copy_database(self._db, target)
        except (OSError, sqlite3.Error) as error:
            log.warning("backup to another place failed: %s", type(error).__name__)
            reason = (
                describe_os_error(error)
                if isinstance(error, OSError)
                else describe_sqlite_error(error)
            )
            raise StorageError(
                _(
                    "The copy could not be written to {target}: {reason}. Nothing was changed. "
                    "Check that the drive is plugged in, not full and not write-protected, or "
                    "choose another place."
                ).format(target=target, reason=reason)
            ) from error
        log.info("diary copied to another place")

    def restore(self, backup: Path, now: datetime) -> Path:
        """Replace the diary's content with a backup's. The copy of the diary as it was and the
        restore are one step under the diary's write lock: nothing another program commits can
        fall between them. A diary busy beyond the busy timeout is refused like any write:
        nothing changed, no copy made, none rotated out. A backup from an older version is
        brought up to date on a copy of its own; one from a newer version is refused. Returns
        where the diary as it was is kept."""
        self._check_writable()
        if backups.inspect(backup) is None:
            raise StorageError(
                _("The backup {name} is damaged; choose another.").format(name=backup.name)
            )
        working = self._prepare_restore(backup, now)
        kept: Path | None = None
        committed = False
        try:
            # Outside any transaction: the copy's rows go in as they were, in any order.
            self._db.execute("PRAGMA foreign_keys = OFF")
            self._db.execute("ATTACH DATABASE ? AS restored", (str(working),))
            with self._transaction() as db:  # BEGIN IMMEDIATE: the busy timeout applies
                kept = self._copy_before_restore(now)
                backups.replace_content(db, "restored")
            committed = True
        except sqlite3.Error as error:
            raise StorageError(
                _("The backup could not be restored ({reason}); your diary is as it was.").format(
                    reason=describe_sqlite_error(error)
                )
            ) from error
        finally:
            if kept is not None and not committed:
                kept.unlink(missing_ok=True)  # nothing was restored: no copy for it
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("DETACH DATABASE restored")
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA foreign_keys = ON")
            working.unlink(missing_ok=True)
            self._nights_cache = None  # the whole content changed underneath
            self._sorted_cache = None
        assert kept is not None
        log.info("restored from %s", backup.name)
        backups.rotate(self.path.parent, spare=backup)
        return kept

    def _copy_before_restore(self, now: datetime) -> Path:
        """Inside the restore's write transaction: the diary as committed, from a second
        connection (this one's backup would wait for its own lock). No one can commit meanwhile."""
        reader = backups.open_read_only(self.path)
        try:
            reader.execute("PRAGMA busy_timeout = 5000")
            return self._backup_from(reader, "before-restore", now)  # not user text: file name
        except StorageError as error:
            raise StorageError(
                _("{error} Nothing was restored; your diary is as it was.").format(error=error)
            ) from error
        finally:
            reader.close()

    def _prepare_restore(self, backup: Path, now: datetime) -> Path:
        """A private working copy of `backup` beside the diary, at the current diary format
        (migrated as Diary.open migrates). The backup itself is only read."""
        working: Path | None = None
        try:
            working = temporary_beside(self.path)
            source = backups.open_read_only(backup)
            try:
                version = source.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise NewerDiaryError(
                        _(
                            "The backup {name} was written by a newer version of RLS Tracker "
                            "(diary format {version}; this version reads up to {newest}). "
                            "Nothing was changed."
                        ).format(name=backup.name, version=version, newest=SCHEMA_VERSION)
                    )
                if version == 0:
                    raise StorageError(
                        _("The backup {name} is not an RLS Tracker diary; choose another.").format(
                            name=backup.name
                        )
                    )
                copy = sqlite3.connect(working, isolation_level=None)
                try:
                    source.backup(copy)
                    _migrate_file(copy, version, now.date())
                finally:
                    copy.close()
            finally:
                source.close()
        except sqlite3.Error as error:
            _remove(working)
            raise StorageError(
                _(
                    "The backup {name} could not be prepared for restoring: {reason}. Your "
                    "diary is as it was."
                ).format(name=backup.name, reason=describe_sqlite_error(error))
            ) from error
        except OSError as error:
            _remove(working)
            raise StorageError(
                _(
                    "The backup {name} could not be prepared for restoring: {reason}. Your "
                    "diary is as it was."
                ).format(name=backup.name, reason=describe_os_error(error))
            ) from error
        except BaseException:
            _remove(working)
            raise
        return working

    # Nights

    # The nights are read from the file once and then kept in memory, updated as this
    # connection commits, and read again when another program commits (PRAGMA data_version):
    # after ten years of diary a save still costs one row, not 3,650.

    def _nights_by_date(self) -> dict[date, Night]:
        version = self.data_version()
        if self._nights_cache is None or version != self._cache_version:
            found = self._db.execute(f"SELECT {rows.NIGHT_COLUMNS} FROM nights")
            self._nights_cache = {night.date: night for night in map(rows.night_from_row, found)}
            self._sorted_cache = None
            self._cache_version = version
        if self._pending:  # inside a transaction: what it has written so far counts
            view = dict(self._nights_cache)
            for day, night in self._pending:
                if night is None:
                    view.pop(day, None)
                else:
                    view[day] = night
            return view
        return self._nights_cache

    def _after_commit(self, day: date, night: Night | None) -> None:
        self._pending.append((day, night))

    def save_night(self, night: Night, expected: Night | _Anything | None = ANY_VERSION) -> None:
        """Save `night`. With `expected` (the version the person edited, None for a night that
        was not there), refuse with NightChangedError if the diary now holds another version:
        another program's change is never written over unseen."""
        with self._transaction() as db:
            if not isinstance(expected, _Anything):
                there = self._nights_by_date().get(night.date)
                if there != expected:
                    raise NightChangedError(night.date, there)
            _upsert_night(db, night)
            self._after_commit(night.date, night)
        log.info("saved the night of %s", night.date)

    def delete_night(self, day: date) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM nights WHERE date = ?", (day.isoformat(),))
            self._after_commit(day, None)
        log.info("deleted the night of %s", day)

    def night_on(self, day: date) -> Night | None:
        return self._nights_by_date().get(day)

    def nights(self) -> list[Night]:
        by_date = self._nights_by_date()
        if self._pending:
            return [by_date[day] for day in sorted(by_date)]
        if self._sorted_cache is None:
            self._sorted_cache = [by_date[day] for day in sorted(by_date)]
        return list(self._sorted_cache)

    def nights_between(self, first: date, last: date) -> list[Night]:
        ordered = self.nights()
        days = [night.date for night in ordered]
        return ordered[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]

    def night_count(self) -> int:
        return len(self._nights_by_date())

    def import_nights(self, nights: Iterable[Night], replace: bool = False) -> ImportSummary:
        """Add nights all together or not at all. A night already there with other values is a
        conflict, unless `replace`. Whoever imports, an import that would change a diary that
        holds nights first keeps a copy of it in the backups (outside a batch); a refused import
        keeps none."""
        nights = list(nights)
        self._check_writable()
        summary, conflicts = _compare(self._nights_by_date(), nights)
        if conflicts and not replace:
            raise ImportConflict(conflicts)
        backup = None
        # Inside a caller's batch the copy would see the batch half done (and SQLite's backup
        # of a connection inside its own write transaction does not finish): the caller that
        # opened the batch decides about copies.
        if self._depth == 0 and self.night_count() and (summary.added or summary.replaced):
            backup = self.backup("before-import", self._clock())  # not user text: file name
        try:
            with self._transaction() as db:
                # Again inside the transaction: another program may have written meanwhile.
                summary, conflicts = _compare(self._nights_by_date(), nights)
                if conflicts and not replace:
                    raise ImportConflict(conflicts)
                for night in nights:
                    _upsert_night(db, night)
                    self._after_commit(night.date, night)
        except BaseException:
            if backup is not None:
                backup.unlink(missing_ok=True)  # nothing was imported: no copy for it
            raise
        if backup is not None:
            backups.rotate(self.path.parent)
        log.info(
            "imported nights: %d added, %d replaced, %d unchanged",
            summary.added,
            summary.replaced,
            summary.unchanged,
        )
        return dataclasses.replace(summary, backup=backup)

    # Intakes

    def add_intake(self, intake: Intake) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO intakes (date, taken_at, dose_mg) VALUES (?, ?, ?)",
                (intake.date.isoformat(), intake.taken_at.strftime("%H:%M"), intake.dose_mg),
            )
            return int(cursor.lastrowid or 0)

    def delete_intake(self, intake_id: int) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM intakes WHERE id = ?", (intake_id,))

    def intakes_on(self, day: date) -> list[Intake]:
        found = self._db.execute(
            "SELECT date, taken_at, dose_mg FROM intakes WHERE date = ? ORDER BY taken_at, id",
            (day.isoformat(),),
        )
        return [Intake(date.fromisoformat(d), time.fromisoformat(t), v) for d, t, v in found]

    # Plan, product, safety answers, clearances, iron results, settings

    def plan(self) -> Plan:
        row = self._db.execute(f"SELECT {rows.PLAN_COLUMNS} FROM plan").fetchone()
        return Plan() if row is None else rows.plan_from_row(row)

    def has_plan(self) -> bool:
        return self._db.execute("SELECT count(*) FROM plan").fetchone()[0] == 1

    def save_plan(self, plan: Plan) -> None:
        with self._transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO plan (id, {rows.PLAN_COLUMNS}) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.plan_row(plan),
            )

    def products(self) -> list[Product]:
        found = self._db.execute(f"SELECT {rows.PRODUCT_COLUMNS} FROM products ORDER BY id")
        return [rows.product_from_row(row) for row in found]

    def product_in_use(self) -> Product | None:
        row = self._db.execute(
            f"SELECT {rows.PRODUCT_COLUMNS} FROM products WHERE in_use = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return rows.product_from_row(row) if row else None

    def use_product(self, product: Product) -> None:
        """Record `product` as the one now taken (adding it if it is new)."""
        with self._transaction() as db:
            db.execute("UPDATE products SET in_use = 0")
            key = rows.product_row(product)
            updated = db.execute(
                "UPDATE products SET in_use = 1 WHERE name = ? AND form = ? AND "
                "amount_per_unit_mg = ? AND label_basis = ? AND unit = ?",
                key,
            ).rowcount
            if not updated:
                db.execute(
                    f"INSERT INTO products ({rows.PRODUCT_COLUMNS}, in_use) "
                    "VALUES (?, ?, ?, ?, ?, 1)",
                    key,
                )

    def safety_answers(self) -> SafetyAnswers:
        """The safety answers; NO_ANSWERS when none was ever given."""
        row = self._db.execute(f"SELECT {rows.SAFETY_COLUMNS} FROM safety_answers").fetchone()
        return rows.safety_from_row(row)

    def save_safety_answers(self, answers: SafetyAnswers) -> None:
        with self._transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO safety_answers (id, {rows.SAFETY_COLUMNS}) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                rows.safety_row(answers),
            )

    def clearances(self) -> list[Clearance]:
        found = self._db.execute(
            f"SELECT {rows.CLEARANCE_COLUMNS} FROM clearances ORDER BY date, id"
        )
        return [rows.clearance_from_row(row) for row in found]

    def record_clearance(self, day: date, today: date, note: str = "") -> Clearance:
        """ "A clinician said I may take magnesium" on `day`. It covers the warning signs the
        diary holds, as this transaction sees it, on nights before `day`."""
        with self._transaction() as db:
            clearance = new_clearance(day, today, note, self.nights())
            db.execute(
                f"INSERT INTO clearances ({rows.CLEARANCE_COLUMNS}) VALUES (?, ?, ?, ?)",
                rows.clearance_row(clearance),
            )
        return clearance

    def iron_results(self) -> list[IronResult]:
        found = self._db.execute(
            "SELECT date, ferritin_ng_per_ml, saturation_percent FROM iron_results ORDER BY date"
        )
        return [IronResult(date.fromisoformat(d), ferritin, tsat) for d, ferritin, tsat in found]

    def save_iron_result(self, result: IronResult) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO iron_results VALUES (?, ?, ?)",
                (result.date.isoformat(), result.ferritin_ng_per_ml, result.saturation_percent),
            )

    def save_setup(
        self, setup: Setup, preferences: Preferences | None = None, set_up: bool = False
    ) -> None:
        """The answers, the plan, the product (when given), a new iron result, and the
        preferences, in one transaction: all kept, or none. `set_up` marks the first-run
        guide as finished."""
        with self._transaction():
            self.save_safety_answers(setup.answers)
            self.save_plan(setup.plan)
            if setup.product is not None and setup.product != self.product_in_use():
                self.use_product(setup.product)
            if setup.iron is not None:
                self.save_iron_result(setup.iron)
            if preferences is not None:
                self.save_preferences(preferences)
            if set_up:
                self._save_setting(_SETUP_DONE, "1")

    def is_set_up(self) -> bool:
        """The first-run guide was finished (or the diary was filled by demo or import)."""
        return self._setting(_SETUP_DONE) == "1"

    def mark_set_up(self) -> None:
        self._save_setting(_SETUP_DONE, "1")

    def holds_example(self) -> bool:
        return self._setting(_EXAMPLE) == "1"

    def mark_example(self) -> None:
        self._save_setting(_EXAMPLE, "1")

    def preferences(self) -> Preferences:
        """The person's preferences; the defaults for anything never set or not readable."""
        reminder_text = self._setting(_REMINDER_TIME)
        reminder: time | None = DEFAULT_PREFERENCES.reminder_time
        if reminder_text == "off":
            reminder = None
        elif reminder_text:
            try:
                reminder = time.fromisoformat(reminder_text)
            except ValueError:
                reminder = DEFAULT_PREFERENCES.reminder_time
        theme_text = self._setting(_THEME)
        themes = {t.value for t in Theme}
        return Preferences(
            reminder_time=reminder,
            theme=Theme(theme_text) if theme_text in themes else Theme.SYSTEM,
            text_size=self._setting(_TEXT_SIZE) or "normal",
            start_at_login=self._setting(_START_AT_LOGIN) == "1",
            language=self._setting(_LANGUAGE) or "",
        )

    def save_preferences(self, preferences: Preferences) -> None:
        reminder = preferences.reminder_time
        with self._transaction():
            self._save_setting(_REMINDER_TIME, reminder.strftime("%H:%M") if reminder else "off")
            self._save_setting(_THEME, preferences.theme.value)
            self._save_setting(_TEXT_SIZE, preferences.text_size)
            self._save_setting(_START_AT_LOGIN, "1" if preferences.start_at_login else "0")
            self._save_setting(_LANGUAGE, preferences.language)

    def report_name(self) -> str:
        """The name last put on a report (empty: anonymous)."""
        return self._setting(_REPORT_NAME) or ""

    def save_report_name(self, name: str) -> None:
        self._save_setting(_REPORT_NAME, name)

    def window_geometry(self) -> str | None:
        """The window's size and place as Qt saved it (base64), or None."""
        return self._setting(_WINDOW_GEOMETRY)

    def save_window_geometry(self, geometry: str) -> None:
        self._save_setting(_WINDOW_GEOMETRY, geometry)

    def reminder_state(self) -> ReminderState:
        sent = self._setting(_REMINDER_SENT_FOR)
        snoozed = self._setting(_REMINDER_SNOOZED_UNTIL)
        try:
            return ReminderState(
                sent_for=date.fromisoformat(sent) if sent else None,
                snoozed_until=datetime.fromisoformat(snoozed) if snoozed else None,
            )
        except ValueError:
            return ReminderState()

    def save_reminder_state(self, state: ReminderState) -> None:
        with self._transaction():
            self._save_setting(_REMINDER_SENT_FOR, rows.iso_or_none(state.sent_for) or "")
            snoozed = state.snoozed_until
            self._save_setting(_REMINDER_SNOOZED_UNTIL, snoozed.isoformat() if snoozed else "")

    def was_told_background(self) -> bool:
        return self._setting(_TOLD_BACKGROUND) == "1"

    def mark_told_background(self) -> None:
        self._save_setting(_TOLD_BACKGROUND, "1")

    def _setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _save_setting(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def is_empty(self) -> bool:
        """No nights: the only state in which example data may be written."""
        return self.night_count() == 0

    @contextlib.contextmanager
    def batch(self) -> Iterator[Diary]:
        """Several writes as one transaction: all of them are kept, or none."""
        with self._transaction():
            yield self

    # The personal trial

    def trials(self) -> list[Trial]:
        """Every trial the diary holds, oldest first."""
        found = self._db.execute(f"SELECT {rows.TRIAL_COLUMNS} FROM trials ORDER BY id").fetchall()
        ends: dict[int, list[date]] = {}
        for trial_id, _number, last in self._db.execute(
            "SELECT trial_id, number, last_night FROM trial_period_ends ORDER BY trial_id, number"
        ):
            ends.setdefault(trial_id, []).append(date.fromisoformat(last))
        return [rows.trial_from_row(row, ends.get(row[0], [])) for row in found]

    def trial(self) -> Trial | None:
        """The latest trial (running, done or stopped), or None."""
        found = self.trials()
        return found[-1] if found else None

    def start_trial(self, trial: Trial) -> Trial:
        """Keep a new trial; refused while another one runs."""
        with self._transaction() as db:
            latest = self.trial()
            if latest is not None and latest.running:
                raise StorageError(
                    _("A trial is already running; stop it first. Nothing was changed.")
                )
            cursor = db.execute(
                f"INSERT INTO trials ({rows.TRIAL_COLUMNS}) "
                "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', NULL)",
                rows.new_trial_row(trial),
            )
            return dataclasses.replace(trial, id=int(cursor.lastrowid or 0), period_ends=())

    def trial_as_of(self, tonight: date, write: bool = True) -> Trial | None:
        """The latest trial brought up to the evening `tonight` (see trial_evening)."""
        return self.trial_evening(tonight, write).trial

    def trial_evening(self, tonight: date, write: bool = True) -> TrialEvening:
        """The latest trial brought up to the evening `tonight`, and the nights as they stand
        then: the periods that have ended are fixed, and a blind trial that has ended is
        revealed. With `write` (and a writable diary) that is kept in the diary; else it is
        only in what this returns, and the diary is left as it was."""
        found = trial_evening(self.trial(), self.nights(), tonight)
        if not write or self.read_only or found.trial == self.trial():
            return found
        with self._transaction():
            found = trial_evening(self.trial(), self.nights(), tonight)
            assert found.trial is not None
            self._save_trial_progress(found.trial)
            self._save_reveal(found)
        return found

    def stop_trial(self, day: date, reason: str = "") -> Trial:
        """Stop the running trial on the evening `day`; a blind trial's order is revealed."""
        with self._transaction():
            latest = self.trial()
            if latest is None or not latest.running:
                raise StorageError(_("There is no trial running to stop. Nothing was changed."))
            stopped = trial_periods.stopped(latest, self.nights(), day, reason)
            self._save_trial_progress(stopped)
            if stopped.sealed:
                found = revealed(stopped, self.nights(), day)
                self._save_reveal(found)
                assert found.trial is not None
                stopped = found.trial
        return stopped

    def _save_trial_progress(self, trial: Trial) -> None:
        db = self._db
        for number, last in enumerate(trial.period_ends, start=1):
            db.execute(
                "INSERT OR IGNORE INTO trial_period_ends VALUES (?, ?, ?)",
                (trial.id, number, last.isoformat()),
            )
        db.execute(
            "UPDATE trials SET stopped_on = ?, stop_reason = ? WHERE id = ?",
            (rows.iso_or_none(trial.stopped_on), trial.stop_reason, trial.id),
        )

    def _save_reveal(self, found: TrialEvening) -> None:
        """A blind trial has ended: the nights the box held look-alikes get the 0 mg they
        really were, and its order is no longer sealed."""
        trial = found.trial
        if trial is None or trial.revealed_on is None:
            return
        for night in found.placebo:
            _upsert_night(self._db, night)
            self._after_commit(night.date, night)
        self._db.execute(
            "UPDATE trials SET revealed_on = ? WHERE id = ?",
            (trial.revealed_on.isoformat(), trial.id),
        )


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _upsert_night(db: sqlite3.Connection, night: Night) -> None:
    db.execute(
        f"INSERT OR REPLACE INTO nights ({rows.NIGHT_COLUMNS}) "
        f"VALUES ({', '.join('?' * len(NIGHT_FIELDS))})",
        rows.night_row(night),
    )
