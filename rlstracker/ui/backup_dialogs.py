"""Choosing a backup: to restore from the File menu, or to recover a damaged diary at start-up."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker.backups import Backup
from rlstracker.domain import language
from rlstracker.domain.language import N_, _, ngettext
from rlstracker.domain.wording import full_day
from rlstracker.ui.sizing import fit_to_screen, grow_to_text

KINDS = language.Translated(
    {
        "daily": N_("the daily copy"),
        "before-restore": N_("your diary just before a restore"),  # not user text: the keys
        "before-import": N_("just before an import"),  # not user text: the keys
    }
)


def describe(backup: Backup) -> str:
    """Two lines: when and what kind of copy; then what it holds."""
    made_on = backup.made_at.date()
    # Translators: when a backup was made: "Thursday 26 Nov 2026, 05:33".
    when = _("{weekday} {date}, {time}").format(
        weekday=language.weekday(made_on), date=full_day(made_on), time=f"{backup.made_at:%H:%M}"
    )
    if backup.reason.startswith("before-migration"):  # not user text: an id
        kind = _("before an update of the diary format")
    else:
        kind = KINDS.get(backup.reason, backup.reason.replace("-", " "))
    if not backup.good:
        return f"{when} · {kind}\n" + _("damaged: can't be used")
    count = backup.nights or 0
    if backup.first_night and backup.last_night:
        holds = ngettext(
            "{count} night, {first} to {last}", "{count} nights, {first} to {last}", count
        ).format(count=count, first=full_day(backup.first_night), last=full_day(backup.last_night))
    else:
        holds = ngettext("{count} night", "{count} nights", count).format(count=count)
    return f"{when} · {kind}\n{holds}"


class BackupList(QListWidget):
    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Backups, newest first"))
        for backup in backups:
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            if not backup.good:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
        good = [row for row in range(self.count()) if backups[row].good]
        if good:
            self.setCurrentRow(good[0])

    def chosen(self) -> Backup | None:
        item = self.currentItem()
        backup = item.data(Qt.ItemDataRole.UserRole) if item else None
        return backup if backup is not None and backup.good else None


class RestoreDialog(QDialog):
    """Accepted with `chosen` set to the backup to restore."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from a backup"))
        fit_to_screen(self, 680, 460)
        self.chosen: Backup | None = None
        intro = QLabel(
            _(
                "RLS Tracker copies your diary once a day, and before imports and updates. "
                "Restoring replaces your diary with the copy you choose; your diary as it is now "
                "is kept as a backup first, so you can go back."
            )
        )
        intro.setWordWrap(True)
        self.list = BackupList(backups)
        self.restore_button = QPushButton(_("&Restore this backup"))
        self.restore_button.setEnabled(self.list.chosen() is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not backups:
            none_yet = QLabel(
                _("There are no backups yet. One is made each day you open RLS Tracker.")
            )
            none_yet.setWordWrap(True)  # in German at the largest text, wider than the screen
            layout.addWidget(none_yet)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.list.currentItemChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.list.chosen() is not None)
        )

    def _on_restore_button_clicked(self) -> None:
        self.chosen = self.list.chosen()
        if self.chosen is not None:
            self.accept()


TITLES = language.Translated(
    {
        "damaged": N_("Your diary file is damaged"),
        "missing": N_("Your diary file is missing"),
        "empty": N_("Your diary file is empty"),
        "not-a-diary": N_("Your diary file is not a diary"),
    }
)
# Why the diary can't be opened, for each problem but damage (whose detail is SQLite's).
PROBLEMS = language.Translated(
    {
        "missing": N_(
            "<p><b>Your diary is missing, though backups of it are beside it.</b> RLS Tracker "
            "has not made a new, empty diary in its place: your nights are in the backups "
            "below.</p>"
        ),
        "empty": N_(
            "<p><b>Your diary is empty (0 bytes).</b> RLS Tracker has not made a new, empty "
            "diary in its place: your nights are in the backups below.</p>"
        ),
        "not-a-diary": N_(
            "<p><b>Your diary is not an RLS Tracker diary (it holds no diary tables).</b> RLS "
            "Tracker has not made a new, empty diary in its place: your nights are in the "
            "backups below.</p>"
        ),
    }
)


class RecoveryDialog(RestoreDialog):
    """At start-up, when the diary file is damaged, missing, emptied or not a diary."""

    def __init__(
        self,
        problem: str,
        kept_as: str | None,
        backups: list[Backup],
        parent: QWidget | None = None,
        *,
        kind: str = "damaged",
    ) -> None:
        super().__init__(backups, parent)
        self.setWindowTitle(TITLES[kind])
        if kind in PROBLEMS:
            what = PROBLEMS[kind]
        else:
            # Translators: {problem} is SQLite's own description of the damage, in English.
            what = _(
                "<p><b>RLS Tracker can't read your diary safely.</b> The file is damaged "
                "({problem}). This can happen after a power cut, a failing disk, or another "
                "program writing to the file.</p>"
            ).format(problem=html.escape(problem))
        aside = (
            _(
                "<p>Nothing has been changed or deleted. If you restore a backup, the file that "
                "is there now is kept as <i>{name}</i> in the same folder, so nothing is "
                "lost.</p>"
            ).format(name=html.escape(kept_as))
            if kept_as
            else _("<p>If the file was moved, you can also close this and put it back.</p>")
        )
        self.explanation = explanation = QLabel(
            what
            + aside
            + (
                _("<p>The newest good backup is selected below.</p>")
                if any(b.good for b in backups)
                else _(
                    "<p><b>There is no usable backup.</b> Keep a copy of the damaged file; "
                    "someone with SQLite experience may be able to recover most of it.</p>"
                )
            )
        )
        explanation.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, explanation)
        introduction = layout.itemAt(1)  # the general restore introduction
        widget = introduction.widget() if introduction is not None else None
        if widget is not None:
            widget.hide()
        self.restore_button.setText(_("&Restore the selected backup"))
        grow_to_text(self)
