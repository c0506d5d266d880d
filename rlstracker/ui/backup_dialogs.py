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
from rlstracker.domain.language import _
from rlstracker.domain.wording import full_day, plural
from rlstracker.ui.sizing import fit_to_screen, grow_to_text

KINDS = {
    "daily": "the daily copy",
    "before-restore": "your diary just before a restore",
    "before-import": "just before an import",
}


def describe(backup: Backup) -> str:
    """Two lines: when and what kind of copy; then what it holds."""
    when = f"{backup.made_at:%A} {full_day(backup.made_at.date())}, {backup.made_at:%H:%M}"
    if backup.reason.startswith("before-migration"):
        kind = "before an update of the diary format"
    else:
        kind = KINDS.get(backup.reason, backup.reason.replace("-", " "))
    if not backup.good:
        return f"{when} · {kind}\ndamaged: can't be used"
    span = ""
    if backup.first_night and backup.last_night:
        span = f", {full_day(backup.first_night)} to {full_day(backup.last_night)}"
    return f"{when} · {kind}\n{plural(backup.nights or 0, 'night')}{span}"


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


TITLES = {
    "damaged": "Your diary file is damaged",
    "missing": "Your diary file is missing",
    "empty": "Your diary file is empty",
    "not-a-diary": "Your diary file is not a diary",
}


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
        if kind == "damaged":
            what = (
                f"<p><b>RLS Tracker can't read your diary safely.</b> The file is damaged "
                f"({html.escape(problem)}). This can happen after a power cut, a failing disk, "
                "or another program writing to the file.</p>"
            )
        else:
            what = (
                f"<p><b>Your diary {html.escape(problem)}.</b> RLS Tracker has not made a new, "
                "empty diary in its place: your nights are in the backups below.</p>"
            )
        aside = (
            "<p>Nothing has been changed or deleted. If you restore a backup, the file that is "
            f"there now is kept as <i>{kept_as}</i> in the same folder, so nothing is lost.</p>"
            if kept_as
            else "<p>If the file was moved, you can also close this and put it back.</p>"
        )
        self.explanation = explanation = QLabel(
            what
            + aside
            + (
                "<p>The newest good backup is selected below.</p>"
                if any(b.good for b in backups)
                else "<p><b>There is no usable backup.</b> Keep a copy of the damaged file; "
                "someone with SQLite experience may be able to recover most of it.</p>"
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
