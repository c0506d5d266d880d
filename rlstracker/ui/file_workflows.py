"""The File menu's workflows: import, export, restore, back up to, the report. They speak by
signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from rlstracker.domain import language
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.wording import full_day
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
        path = self.dialogs.open_file(
            window, _("Import a diary"), _("Diary CSV (*.csv);;All files (*)")
        )
        if path is None:
            return
        try:
            nights = read_diary_csv(read_csv_file(path), self.today())
        except OSError as error:
            self.dialogs.warn(
                window,
                _("Not imported"),
                _("{file} can't be read ({why}).").format(file=path, why=error.strerror),
            )
            return
        except CsvRefused as refused:
            problems = "\n".join(p.describe(path.name) for p in refused.problems[:SHOWN_PROBLEMS])
            more = len(refused.problems) - SHOWN_PROBLEMS
            if more > 0:
                problems += "\n" + _("… and {count} more.").format(count=more)
            self.dialogs.warn(
                window,
                _("Not imported"),
                _(
                    "{file} was not imported; your diary is unchanged.\n\n{problems}\n\nCorrect "
                    "the file and import it again."
                ).format(file=path.name, problems=problems),
            )
            return
        replace = False
        try:
            summary = self.diary.import_nights(nights)  # with a copy kept first, by storage
        except ImportConflict as conflict:
            shown = ", ".join(language.listed_date(d) for d in conflict.dates[:10])
            if not self.dialogs.confirm(
                window,
                _("Replace nights?"),
                ngettext(
                    "{count} night in the file differ from your diary ({dates}). Replace them "
                    "with the file's? This can't be undone with Undo.",
                    "{count} nights in the file differ from your diary ({dates}). Replace them "
                    "with the file's? This can't be undone with Undo.",
                    len(conflict.dates),
                ).format(
                    count=len(conflict.dates),
                    dates=shown + ("…" if len(conflict.dates) > 10 else ""),
                ),
            ):
                return
            replace = True
        except StorageError as error:
            self.dialogs.warn(window, _("Not imported"), str(error))
            return
        if replace:
            try:
                summary = self.diary.import_nights(nights, replace=True)
            except StorageError as error:
                self.dialogs.warn(window, _("Not imported"), str(error))
                return
        self.diary_replaced.emit()
        self.dialogs.inform(
            window,
            _("Imported"),
            ngettext(
                "{added} night added, {replaced} replaced, {unchanged} already there.",
                "{added} nights added, {replaced} replaced, {unchanged} already there.",
                summary.added,
            ).format(added=summary.added, replaced=summary.replaced, unchanged=summary.unchanged)
            + (
                "\n\n"
                + _(
                    "Your diary as it was before is kept as a backup (File → Restore from a "
                    "backup…)."
                )
                if summary.backup is not None
                else ""
            ),
        )

    def export_csv(self) -> None:
        from rlstracker.diary_csv import write_diary_csv

        path = self.dialogs.save_bytes(
            self.window,
            _("Export the diary"),
            Path.home() / f"rls-diary-{self.today().isoformat()}.csv",  # not user text: a name
            # Translators: a file type in the save dialog; keep "(*.csv)" as it is.
            _("Diary CSV (*.csv)"),
            lambda: write_diary_csv(self.diary.nights()).encode("utf-8"),
        )
        if path is not None:
            self.status.emit(_("Exported the diary to {file}.").format(file=path))

    def back_up_to(self) -> None:
        """A copy of the diary wherever the person chooses: another drive, a USB stick."""
        window = self.window
        # Named as the backup folder names its copies, so that a copy put back into that
        # folder shows up in Restore from a backup.
        name = f"diary-{self.clock():%Y%m%d-%H%M%S}-copy.sqlite3"  # not user text: a file name
        suggested = Path.home() / name
        path = self.dialogs.save_file(
            window,
            _("Back up the diary to…"),
            suggested,
            # Translators: a file type in the save dialog; keep "(*.sqlite3)" as it is.
            _("Diary copy (*.sqlite3)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".sqlite3":
            path = path.with_name(path.name + ".sqlite3")
        if path.resolve() == self.diary.path.resolve():
            self.dialogs.warn(
                window, _("Not backed up"), _("That is the diary itself: choose another place.")
            )
            return
        try:
            self.diary.backup_to(path)
        except StorageError as error:
            self.dialogs.warn(window, _("Not backed up"), str(error))
            return
        self.status.emit(_("Copied the diary to {file}.").format(file=path))
        count = self.diary.night_count()
        self.dialogs.inform(
            window,
            _("Backed up"),
            ngettext(
                "Your diary ({count} night) is copied to {file}. Keep the copy away from this "
                "computer, on a drive you can find again.",
                "Your diary ({count} nights) is copied to {file}. Keep the copy away from this "
                "computer, on a drive you can find again.",
                count,
            ).format(count=count, file=path),
        )

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
            _("Restore this backup?"),
            ngettext(
                "Your diary will be as it was on {day} at {time} ({count} night). Your diary as "
                "it is now is kept as a backup first.",
                "Your diary will be as it was on {day} at {time} ({count} nights). Your diary as "
                "it is now is kept as a backup first.",
                chosen.nights or 0,
            ).format(
                day=full_day(chosen.made_at.date()),
                time=f"{chosen.made_at:%H:%M}",
                count=chosen.nights or 0,
            ),
        ):
            return
        try:
            kept = self.diary.restore(chosen.path, self.clock())
        except StorageError as error:
            self.dialogs.warn(window, _("Not restored"), str(error))
            return
        self.diary_replaced.emit()
        self.dialogs.inform(
            window,
            _("Restored"),
            _("Restored. Your diary as it was just before is kept as {file}.").format(
                file=kept.name
            ),
        )

    def report(self) -> None:
        from rlstracker.domain.trial import view as view_trial
        from rlstracker.report.content import build_report
        from rlstracker.ui.report_dialog import ReportDialog  # loads matplotlib's renderer

        diary = self.diary
        today = self.today()
        evening = diary.trial_evening(today, write=False)  # a blind trial's end revealed
        nights = list(evening.nights)
        trial = evening.trial
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
                self.dialogs.warn(self.window, _("Name not kept"), str(error))
