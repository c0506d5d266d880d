"""The File menu's workflows: import, export, restore, the report. They speak by signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from rlstracker.domain.wording import full_day, plural
from rlstracker.storage import Diary, ImportConflict, StorageError
from rlstracker.ui.dialogs import Dialogs

SHOWN_PROBLEMS = 20


class FileWorkflows(QObject):
    """`diary_replaced` after an import or a restore changed the diary under the window;
    `status` with a line for the status bar."""

    diary_replaced = Signal()
    status = Signal(str)

    def __init__(
        self,
        diary: Diary,
        dialogs: Dialogs,
        clock: Callable[[], datetime],
        today: Callable[[], date],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.diary = diary
        self.dialogs = dialogs
        self.clock = clock
        self.today = today
        self.window = parent

    def import_csv(self) -> None:
        from rlstracker.diary_csv import CsvRefused, read_csv_file, read_diary_csv

        window = self.window
        path = self.dialogs.open_file(window, "Import a diary", "Diary CSV (*.csv);;All files (*)")
        if path is None:
            return
        try:
            nights = read_diary_csv(read_csv_file(path), self.today())
        except OSError as error:
            self.dialogs.warn(window, "Not imported", f"{path} can't be read ({error.strerror}).")
            return
        except CsvRefused as refused:
            problems = "\n".join(p.describe(path.name) for p in refused.problems[:SHOWN_PROBLEMS])
            more = len(refused.problems) - SHOWN_PROBLEMS
            extra = f"\n… and {more} more." if more > 0 else ""
            self.dialogs.warn(
                window,
                "Not imported",
                f"{path.name} was not imported; your diary is unchanged.\n\n{problems}{extra}\n\n"
                "Correct the file and import it again.",
            )
            return
        replace = False
        backup = None
        try:
            backup = self.diary.backup("before-import", self.clock())
            summary = self.diary.import_nights(nights)
        except ImportConflict as conflict:
            shown = ", ".join(d.isoformat() for d in conflict.dates[:10])
            if not self.dialogs.confirm(
                window,
                "Replace nights?",
                f"{plural(len(conflict.dates), 'night')} in the file differ from your diary "
                f"({shown}{'…' if len(conflict.dates) > 10 else ''}). Replace them with the "
                "file's? This can't be undone with Undo.",
            ):
                if backup is not None:  # nothing was imported: no copy for it
                    backup.unlink(missing_ok=True)
                return
            replace = True
        except StorageError as error:
            self.dialogs.warn(window, "Not imported", str(error))
            return
        if replace:
            try:
                summary = self.diary.import_nights(nights, replace=True)
            except StorageError as error:
                self.dialogs.warn(window, "Not imported", str(error))
                return
        self.diary_replaced.emit()
        self.dialogs.inform(
            window,
            "Imported",
            f"{plural(summary.added, 'night')} added, {summary.replaced} replaced, "
            f"{summary.unchanged} already there.",
        )

    def export_csv(self) -> None:
        from rlstracker.diary_csv import write_diary_csv

        path = self.dialogs.save_bytes(
            self.window,
            "Export the diary",
            Path.home() / f"rls-diary-{self.today().isoformat()}.csv",
            "Diary CSV (*.csv)",
            lambda: write_diary_csv(self.diary.nights()).encode("utf-8"),
        )
        if path is not None:
            self.status.emit(f"Exported the diary to {path}.")

    def restore(self) -> None:
        from rlstracker import backups
        from rlstracker.ui.backup_dialogs import RestoreDialog

        window = self.window
        dialog = RestoreDialog(backups.list_backups(self.diary.path.parent), window)
        if self.dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.chosen:
            return
        chosen = dialog.chosen
        if not self.dialogs.confirm(
            window,
            "Restore this backup?",
            f"Your diary will be as it was on {full_day(chosen.made_at.date())} at "
            f"{chosen.made_at:%H:%M} ({plural(chosen.nights or 0, 'night')}). Your diary as it "
            "is now is kept as a backup first.",
        ):
            return
        try:
            kept = self.diary.restore(chosen.path, self.clock())
        except StorageError as error:
            self.dialogs.warn(window, "Not restored", str(error))
            return
        self.diary_replaced.emit()
        self.dialogs.inform(
            window,
            "Restored",
            f"Restored. Your diary as it was just before is kept as {kept.name}.",
        )

    def report(self) -> None:
        from rlstracker.domain.trial import view as view_trial
        from rlstracker.report.content import build_report
        from rlstracker.ui.report_dialog import ReportDialog  # loads matplotlib's renderer

        diary = self.diary
        nights = diary.nights()
        today = self.today()
        trial = diary.trial_as_of(today, write=False)
        trial_view = None if trial is None else view_trial(trial, nights, today)

        def content_for(first, last, name, notes):
            return build_report(
                nights,
                diary.plan(),
                diary.safety_answers(),
                diary.product_in_use(),
                diary.iron_results(),
                today,
                first,
                last,
                name,
                notes,
                clearances=diary.clearances(),
                trial=trial_view,
            )

        saved_name = diary.report_name()
        dialog = ReportDialog(nights, today, saved_name, content_for, self.dialogs, self.window)
        self.dialogs.run_dialog(dialog)
        name = dialog.name.text().strip()
        if name != saved_name:
            try:
                diary.save_report_name(name)
            except StorageError as error:
                self.dialogs.warn(self.window, "Name not kept", str(error))
