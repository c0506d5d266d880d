"""Each protection of the diary, checked by what breaks without it.

Every test here was run once against the code with its protection removed (the fsyncs, the
quick_check branch, read-only opening of a read-only disk, migrations in a transaction, the busy
timeout, unique temporary names) and failed; see the README's reliability section.
"""

from __future__ import annotations

import os
import pathlib
import random
import shutil
import signal
import sqlite3
import stat
import struct
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rlstracker import backups, files
from rlstracker.domain.models import Night
from rlstracker.storage import (
    DIARY_FILE_NAME,
    SCHEMA_VERSION,
    DamagedDiaryError,
    Diary,
    StorageError,
)
from tests.test_reliability import EXPECTED_NIGHTS

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 24, 21, 0)
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")


def filled(folder: Path, count: int = 40, first: date = date(2026, 1, 1)) -> Diary:
    diary = Diary.open(folder)
    diary.import_nights(
        [Night(date=first + timedelta(days=i), dose_mg=100, notes="n" * 200) for i in range(count)]
    )
    return diary


def rlstracker(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rlstracker", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


# fsync: the order of calls, since a test can't pull the plug


class CallLog:
    """Records fsyncs (of files and folders, by inode) and renames and links (by inode)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, int]] = []
        real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

        def fsync(fd):
            info = os.fstat(fd)
            self.calls.append(("fsync-dir" if stat.S_ISDIR(info.st_mode) else "fsync", info.st_ino))
            return real_fsync(fd)

        def replace(source, target, **kwargs):
            inode = os.stat(source).st_ino
            real_replace(source, target, **kwargs)  # recorded once done
            self.calls.append(("rename", inode))
            self.folders_after.append((len(self.calls), os.stat(Path(target).parent).st_ino))

        def link(source, target, **kwargs):
            inode = os.stat(source).st_ino
            real_link(source, target, **kwargs)  # recorded once done
            self.calls.append(("rename", inode))
            self.folders_after.append((len(self.calls), os.stat(Path(target).parent).st_ino))

        self.folders_after: list[tuple[int, int]] = []
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "link", link)
        if sys.version_info < (3, 11):  # pathlib kept its own reference to os.replace then
            monkeypatch.setattr(pathlib._NormalAccessor, "replace", staticmethod(replace))

    def check_every_rename(self) -> int:
        """Each file renamed into place was fsynced before, and its folder after."""
        renames = [i for i, call in enumerate(self.calls) if call[0] == "rename"]
        assert renames, "nothing was renamed into place"
        for (index, folder), at in zip(self.folders_after, renames, strict=True):
            inode = self.calls[at][1]
            assert ("fsync", inode) in self.calls[:at], f"renamed unsynced: {self.calls}"
            assert ("fsync-dir", folder) in self.calls[index:], f"folder unsynced: {self.calls}"
        return len(renames)


@posix_only
def test_an_export_is_fsynced_before_its_rename_and_its_folder_after(tmp_path, monkeypatch):
    log = CallLog(monkeypatch)
    files.write_atomically(tmp_path / "diary.csv", b"date\r\n")
    assert log.check_every_rename() == 1


@posix_only
def test_a_pipe_or_a_link_given_as_the_file_is_written_through_not_replaced(tmp_path):
    """`-o /dev/stdout` once replaced the link /dev/stdout with a regular file (as root)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting, as `| head` is
    try:
        files.write_atomically(pipe, b"%PDF-1.4 report")
        assert stat.S_ISFIFO(pipe.stat().st_mode)
        assert os.read(reader, 100) == b"%PDF-1.4 report"
    finally:
        os.close(reader)
    target = tmp_path / "elsewhere.csv"
    target.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    files.write_atomically(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@posix_only
def test_a_backup_is_fsynced_before_its_rename_and_its_folder_after(data_dir, monkeypatch):
    diary = filled(data_dir)
    log = CallLog(monkeypatch)
    diary.backup("before-import", NOW)
    diary.backup("before-import", NOW)  # the same second: a second name, never over the first
    assert log.check_every_rename() == 2
    assert len(backups.list_backups(data_dir)) == 2
    diary.close()


@posix_only
def test_a_new_diary_is_fsynced_before_it_takes_its_name(data_dir, monkeypatch):
    log = CallLog(monkeypatch)
    Diary.open(data_dir).close()
    assert log.check_every_rename() == 1


@posix_only
def test_a_restored_backup_is_fsynced_before_it_takes_the_diary_name(data_dir, monkeypatch):
    diary = filled(data_dir)
    copy = diary.backup("daily", NOW)
    diary.close()
    log = CallLog(monkeypatch)
    backups.put_backup_in_place(copy, data_dir / DIARY_FILE_NAME)
    assert log.check_every_rename() == 1


def test_the_diary_is_written_with_synchronous_full(data_dir: Path):
    # SQLite's own fsyncs (journal, then file) can't be watched from Python: check the setting.
    with Diary.open(data_dir) as diary:
        assert diary._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


# quick_check: damage that SQLite itself opens and reads without complaint


def test_damage_sqlite_reads_without_complaint_is_found_at_open(data_dir: Path):
    diary = filled(data_dir, 200)
    for i in range(150):
        diary.delete_night(date(2026, 1, 1) + timedelta(days=i))
    diary.close()
    path = data_dir / DIARY_FILE_NAME
    raw = bytearray(path.read_bytes())
    assert struct.unpack(">I", raw[36:40])[0] > 0  # free pages to lose
    raw[32:40] = bytes(8)  # the header forgets its free pages: they are "never used"
    path.write_bytes(bytes(raw))
    with sqlite3.connect(path) as raw_db:  # SQLite opens and reads it happily
        assert len(raw_db.execute("SELECT * FROM nights").fetchall()) == 50
    raw_db.close()
    with pytest.raises(DamagedDiaryError, match="never used"):
        Diary.open(data_dir)
    assert path.read_bytes() == bytes(raw)  # left as it was


# A really read-only disk


READ_ONLY_CHECK = """
import sys
from pathlib import Path
from rlstracker.cli import main
from rlstracker.storage import Diary

folder = Path(sys.argv[1])
with Diary.open(folder) as diary:
    print("read_only", diary.read_only, diary.night_count(), flush=True)
print("next-dose", main(["next-dose", "--data-dir", str(folder)]), flush=True)
print("export", main(["export", "-o", "-", "--data-dir", str(folder)]), flush=True)
print("plan", main(["plan", "--start-mg", "50", "--data-dir", str(folder)]), flush=True)
"""


def run_on_read_only_folder(source: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Runs READ_ONLY_CHECK on a copy of `source` on a read-only mount (root: a tmpfs remounted
    read-only in a mount namespace of its own) or in a folder without write permission (others,
    for whom permissions bind). Skips where neither can be made."""
    mount = tmp_path / "mount"
    mount.mkdir()
    if hasattr(os, "getuid") and os.getuid() == 0:
        if not shutil.which("unshare"):
            pytest.skip("running as root, but unshare is missing: no read-only mount to test on")
        script = (
            'mount -t tmpfs tmpfs "$1" && cp -a "$2" "$1/d" && mount -o remount,ro "$1" && '
            'touch "$1/d/probe" 2>/dev/null && exit 99; shift 2; exec "$@"'
        )
        command = ["unshare", "--mount", "sh", "-c", script, "sh", str(mount), str(source)]
        result = subprocess.run(
            [*command, sys.executable, "-c", READ_ONLY_CHECK, str(mount / "d")],
            capture_output=True,
            text=True,
        )
        if result.returncode == 99 or "mount:" in result.stderr or "unshare:" in result.stderr:
            pytest.skip(f"no read-only mount can be made here: {result.stderr.strip()[:200]}")
        return result
    shutil.copytree(source, mount / "d")
    (mount / "d" / DIARY_FILE_NAME).chmod(0o444)
    (mount / "d").chmod(0o555)
    try:
        return subprocess.run(
            [sys.executable, "-c", READ_ONLY_CHECK, str(mount / "d")],
            capture_output=True,
            text=True,
        )
    finally:
        (mount / "d").chmod(0o700)


@posix_only
def test_a_diary_on_a_read_only_disk_is_read_and_never_written(data_dir, tmp_path):
    filled(data_dir, 12).close()
    before = (data_dir / DIARY_FILE_NAME).read_bytes()
    result = run_on_read_only_folder(data_dir, tmp_path)
    steps = ("read_only ", "next-dose ", "export ", "plan ")
    lines = [line for line in result.stdout.splitlines() if line.startswith(steps)]
    assert lines == ["read_only True 12", "next-dose 0", "export 0", "plan 2"], result.stderr
    assert result.stdout.count("\n20") == 12  # the export: all 12 nights
    assert "can only be read: its folder or disk is read-only" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == before


# A migration killed half-way


KILLED_MIGRATION = """
import os, signal, sys
from pathlib import Path
from rlstracker import storage

step = int(sys.argv[2])
real = storage.MIGRATIONS[step - 1]

def killed(*arguments):
    real(*arguments)  # the step's changes made, not committed
    os.kill(os.getpid(), signal.SIGKILL)

storage.MIGRATIONS = (*storage.MIGRATIONS[: step - 1], killed, *storage.MIGRATIONS[step:])
storage.Diary.open(Path(sys.argv[1]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("step", range(2, SCHEMA_VERSION + 1))
def test_a_migration_killed_half_way_loses_nothing_and_runs_again(data_dir, step):
    data_dir.mkdir()
    shutil.copy(FIXTURES / "diary-v1.sqlite3", data_dir / DIARY_FILE_NAME)
    result = subprocess.run(
        [sys.executable, "-c", KILLED_MIGRATION, str(data_dir), str(step)], capture_output=True
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    with Diary.open(data_dir, clock=lambda: NOW) as diary:  # the step runs again, whole
        assert diary.schema_version == SCHEMA_VERSION
        assert diary.nights() == EXPECTED_NIGHTS
        assert not diary.integrity_problems()
    kept = [b for b in backups.list_backups(data_dir) if b.reason.startswith("before-migration")]
    assert kept and all(b.good and b.nights == len(EXPECTED_NIGHTS) for b in kept)


# Two programs writing at once, with the real busy timeout


HOLD_THE_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO nights (date, notes) VALUES ('2001-01-01', 'holder')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_write_waits_for_another_programs_transaction(data_dir: Path):
    filled(data_dir, 3).close()
    with hold_lock(data_dir / DIARY_FILE_NAME, 1.5) as holder:
        writer = rlstracker("plan", "--start-mg", "50", "--data-dir", str(data_dir))
        _, err = writer.communicate(timeout=60)
        holder.wait(timeout=60)
    assert writer.returncode == 0, err  # it waited (busy timeout), then wrote
    with Diary.open(data_dir) as diary:
        assert diary.plan().start_mg == 50
        held = diary.night_on(date(2001, 1, 1))  # and the other program's write is there too
        assert held is not None and held.notes == "holder"


def test_a_lock_held_too_long_is_called_busy_never_a_disk_error(data_dir: Path):
    filled(data_dir, 3).close()
    with hold_lock(data_dir / DIARY_FILE_NAME, 8) as holder:
        writer = rlstracker("plan", "--start-mg", "50", "--data-dir", str(data_dir))
        _, err = writer.communicate(timeout=60)
        holder.kill()
    assert writer.returncode == 2
    assert "busy" in err and "another program" in err
    assert "disk" not in err.replace("--data-dir", "") and "Nothing was changed" in err


def test_a_restore_waits_for_another_programs_write_and_keeps_it_in_the_copy(data_dir: Path):
    diary = filled(data_dir, 10)
    old = diary.backup("daily", NOW - timedelta(days=1))
    with hold_lock(data_dir / DIARY_FILE_NAME, 1) as holder:  # writing '2001-01-01'
        started = time.monotonic()
        kept = diary.restore(old, NOW)  # waits for the lock (busy timeout 5 s), then restores
        waited = time.monotonic() - started
        holder.wait(timeout=60)
    assert holder.returncode == 0  # the other program's write was committed
    assert 0.5 < waited < 5
    with backups.open_read_only(kept) as copy:  # ... before the restore: it is in the copy
        held = copy.execute("SELECT notes FROM nights WHERE date = '2001-01-01'").fetchall()
    copy.close()
    assert held == [("holder",)]
    assert diary.night_count() == 10 and diary.night_on(date(2001, 1, 1)) is None
    diary.close()


def test_a_restore_while_another_program_writes_too_long_is_refused_as_busy(data_dir: Path):
    diary = filled(data_dir, 10)
    old = diary.backup("daily", NOW - timedelta(days=1))
    for index in range(backups.KEEP_OCCASIONAL):  # a full set: one more would rotate one out
        diary.backup("before-restore", NOW - timedelta(hours=index + 1))
    before = {b.path for b in backups.list_backups(data_dir)}
    diary.save_night(Night(date=date(2026, 9, 9), notes="after the backup"))
    with hold_lock(data_dir / DIARY_FILE_NAME, 8) as holder:
        started = time.monotonic()
        with pytest.raises(StorageError) as refused:
            diary.restore(old, NOW)
        waited = time.monotonic() - started
        holder.kill()
        holder.wait(timeout=60)
    assert waited < 6.5  # the busy timeout, not as long as the lock is held
    assert "busy" in str(refused.value) and "another program" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert {b.path for b in backups.list_backups(data_dir)} == before  # none made, none lost
    assert not list(data_dir.rglob("*.part"))
    assert diary.night_count() == 11 and diary.night_on(date(2026, 9, 9)) is not None
    diary.close()
    with Diary.open(data_dir) as again:
        assert again.night_count() == 11 and again.night_on(date(2001, 1, 1)) is None


@posix_only
def test_imports_at_the_same_moment_all_succeed(data_dir: Path, tmp_path: Path):
    filled(data_dir, 30, first=date(2010, 1, 1)).close()  # nights there: each import backs up
    sources = []
    for index in range(12):
        csv = tmp_path / f"part{index}.csv"
        first = date(2020, 1, 1) + timedelta(days=40 * index)
        rows = "".join(f"{first + timedelta(days=d)},{50 + index}\n" for d in range(40))
        csv.write_text("date,dose_mg\n" + rows)
        sources.append(csv)
    for round_start in range(0, 12, 4):  # four at once, three times
        running = [
            rlstracker("import", str(csv), "--data-dir", str(data_dir))
            for csv in sources[round_start : round_start + 4]
        ]
        for process in running:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
    with Diary.open(data_dir) as diary:
        assert diary.night_count() == 30 + 12 * 40
        assert not diary.integrity_problems()
    made = [b for b in backups.list_backups(data_dir) if b.reason == "before-import"]
    assert len(made) == backups.KEEP_OCCASIONAL and all(b.good for b in made)  # rotated
    assert not list(data_dir.rglob("*.part"))


# The command line killed


def kill_when_copying(process: subprocess.Popen, folder: Path, limit_s: float = 20) -> bool:
    """SIGKILL `process` the moment a temporary file appears in `folder` (its backup is being
    written). False if it finished first."""
    deadline = time.monotonic() + limit_s
    while process.poll() is None and time.monotonic() < deadline:
        with os.scandir(folder) as entries:
            if any(entry.name.endswith(".part") for entry in entries):
                process.send_signal(signal.SIGKILL)
                return True
    process.send_signal(signal.SIGKILL)
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_the_command_line_killed_at_random_moments_loses_nothing(data_dir, tmp_path):
    # Big enough (some 3 MB) for its backup to take a while.
    filled(data_dir, 3000, first=date(1990, 1, 1)).close()
    (data_dir / "backups").mkdir(exist_ok=True)
    rng = random.Random(20261126)
    caught_copying = 0
    for index in range(12):
        csv = tmp_path / f"part{index}.csv"
        first = date(2010, 1, 1) + timedelta(days=100 * index)
        rows = "".join(f"{first + timedelta(days=d)},100,{'x' * 300}\n" for d in range(100))
        csv.write_text("date,dose_mg,notes\n" + rows)
        process = rlstracker("import", str(csv), "--data-dir", str(data_dir))
        if index % 2:  # at a random moment
            time.sleep(rng.uniform(0.05, 0.8))
            process.send_signal(signal.SIGKILL)
        else:  # in the middle of its backup
            caught_copying += kill_when_copying(process, data_dir / "backups")
        process.communicate()
        with Diary.open(data_dir) as diary:  # also removes the killed program's leftovers
            assert not diary.integrity_problems()
            there = {n.date for n in diary.nights_between(first, first + timedelta(days=99))}
            assert len(there) in (0, 100)  # the whole file, or none of it
            assert diary.night_count() >= 3000
        assert not list(data_dir.rglob("*.part")), "a killed copy left its temporary file"
        assert all(b.good for b in backups.list_backups(data_dir))
    assert caught_copying >= 3  # the kills did land inside backups


# Temporary files


def test_a_failed_backup_removes_its_own_temporary_file(data_dir: Path, monkeypatch):
    diary = filled(data_dir, 40)
    real_connect = sqlite3.connect

    def small_disk(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 2")  # the copy runs out of room
        return connection

    monkeypatch.setattr(backups.sqlite3, "connect", small_disk)
    with pytest.raises(Exception, match="full"):
        diary.backup("daily", NOW)
    monkeypatch.undo()
    assert not list(data_dir.rglob("*.part"))
    assert backups.list_backups(data_dir) == []
    diary.close()


@posix_only
def test_stale_temporary_files_are_removed_at_open_and_live_ones_kept(data_dir: Path):
    filled(data_dir, 2).close()
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **OUT)
    stale = folder / f".diary-x.sqlite3.{int(dead.stdout)}-abc.part"
    live = folder / f".diary-y.sqlite3.{os.getpid()}-def.part"
    old = data_dir / f".diary.sqlite3.{os.getpid()}-ghi.part"
    someone_elses = data_dir / "notes.part"
    for path in (stale, live, old, someone_elses):
        path.write_bytes(b"x")
    day_ago = time.time() - files.STALE_AFTER_S - 60
    os.utime(old, (day_ago, day_ago))
    Diary.open(data_dir).close()
    assert not stale.exists() and not old.exists()
    assert live.exists() and someone_elses.exists()


OUT = {"capture_output": True, "text": True, "check": True}
