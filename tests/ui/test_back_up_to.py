"""File → Back up to…: a whole copy of the diary wherever the person chooses."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from rlstracker import backups
from rlstracker.storage import Diary


def test_a_copy_goes_where_the_person_chooses_whole_and_readable(
    qtbot, demo_diary, window_for, dialogs, tmp_path
):
    window = window_for(demo_diary)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    dialogs.file_answer = stick / "my diary"  # no suffix: it is added
    window.menus.back_up_to_action.trigger()
    copy = stick / "my diary.sqlite3"
    assert not dialogs.warnings
    ((title, text),) = dialogs.infos
    assert title == "Backed up" and str(copy) in text
    assert backups.inspect(copy) == (
        demo_diary.night_count(),
        demo_diary.nights()[0].date,
        demo_diary.nights()[-1].date,
    )
    # Put back as a diary, it is the same diary.
    elsewhere = tmp_path / "another computer"
    elsewhere.mkdir()
    shutil.copy(copy, elsewhere / "diary.sqlite3")
    with Diary.open(elsewhere, read_only=True) as restored:
        assert restored.nights() == demo_diary.nights()
        assert restored.plan() == demo_diary.plan()
    assert sorted(p.name for p in stick.iterdir()) == ["my diary.sqlite3"]  # nothing left over


def test_the_suggested_name_is_one_restore_lists_when_put_in_the_backup_folder(
    qtbot, demo_diary, window_for, dialogs
):
    window = window_for(demo_diary)
    suggested: list[Path] = []

    def save_file(parent, title, proposed, filter_text):
        suggested.append(proposed)
        return None  # noqa: RET501 - the person cancels: nothing happens

    dialogs.save_file = save_file
    window.menus.back_up_to_action.trigger()
    (name,) = suggested
    assert backups._NAME.fullmatch(name.name)
    assert not dialogs.infos and not dialogs.warnings


def test_a_place_that_cannot_be_written_is_refused_plainly_and_leaves_nothing(
    qtbot, demo_diary, window_for, dialogs, tmp_path
):
    window = window_for(demo_diary)
    dialogs.file_answer = tmp_path / "unplugged" / "diary-copy.sqlite3"
    window.menus.back_up_to_action.trigger()
    ((title, text),) = dialogs.warnings
    assert title == "Not backed up"
    assert "could not be written" in text and "plugged in" in text
    assert str(tmp_path / "unplugged" / "diary-copy.sqlite3") in text
    assert not (tmp_path / "unplugged").exists()


def test_the_diary_itself_is_never_the_target(qtbot, demo_diary, window_for, dialogs):
    window = window_for(demo_diary)
    nights = demo_diary.night_count()
    dialogs.file_answer = demo_diary.path
    window.menus.back_up_to_action.trigger()
    ((_title, text),) = dialogs.warnings
    assert "the diary itself" in text
    assert demo_diary.night_count() == nights and demo_diary.integrity_problems() == []


def test_two_copies_to_one_place_at_once_never_share_a_temporary_file(tmp_path, demo_diary):
    source = sqlite3.connect(demo_diary.path)
    try:
        backups.copy_database(source, tmp_path / "a.sqlite3")
        backups.copy_database(source, tmp_path / "a.sqlite3")  # over an earlier copy
    finally:
        source.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert backups.inspect(tmp_path / "a.sqlite3") is not None
