"""The personal trial in the window: its menu, setting one up, showing it, stopping it, the
helper's sheet, and tonight's answer while one runs. Speaks by signals; the window wires it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import N_, Translated, _
from rlstracker.domain.models import Night
from rlstracker.domain.titration import Action, Suggestion
from rlstracker.domain.trial import Guide, Trial, TrialView, guide, trial_offer, trial_suggestion
from rlstracker.domain.trial import view as view_trial
from rlstracker.domain.trial.result import Verdict
from rlstracker.domain.trial.reveal import TrialEvening
from rlstracker.domain.trial.tonight import break_stop_words
from rlstracker.domain.trial.words import state_line
from rlstracker.storage import Diary, StorageError
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.tonight_panel import TrialNote

RESULT_SHOWN_DAYS = 14  # Tonight points at a finished trial's result for two weeks
# What Tonight says of a trial that has ended, by its verdict (None: too few nights to tell).
ENDED_WORDS: Translated[Verdict | None] = Translated(
    {
        Verdict.BETTER: N_("Your trial has ended: Better on magnesium."),
        Verdict.NO_CLEAR_DIFFERENCE: N_("Your trial has ended: No clear difference."),
        Verdict.WORSE: N_("Your trial has ended: Worse on magnesium."),
        None: N_("Your trial has ended: no result."),
    }
)


class TrialWorkflow(QObject):
    """`changed` after a trial was set up or stopped (the window refreshes); `revealed` when a
    blind trial's order was written into the diary (undo steps made before are void);
    `status` with a line for the status bar."""

    changed = Signal()
    revealed = Signal()
    status = Signal(str)

    def __init__(
        self,
        diary: Diary,
        dialogs: Dialogs,
        today: Callable[[], date],
        read_only: bool,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.diary = diary
        self.dialogs = dialogs
        self.today = today
        self.read_only = read_only
        self.window = parent
        self._view: TrialView | None = None
        # Alt+G: every other letter of "trial" already means something in the window.
        # Translators: the & marks the menu's Alt key: a letter no other menu of the window
        # (File, Edit, View, Help) has.
        self.menu = QMenu(_("Ma&gnesium trial"), parent)
        self.start_action = self._action(_("&Find out whether magnesium helps you…"), self.start)
        self.show_action = self._action(_("&Your trial…"), self.show)
        self.print_sheet_action = self._action(_("&Print the helper's sheet…"), self.print_sheet)
        self.stop_action = self._action(_("&Stop the trial…"), self.stop)
        self.menu.addActions([self.start_action, self.show_action])
        self.menu.addSeparator()
        self.menu.addActions([self.print_sheet_action, self.stop_action])
        self._enable(None)

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        made = QAction(text, self.window)
        made.triggered.connect(lambda: slot())
        return made

    def _enable(self, trial: Trial | None) -> None:
        running = trial is not None and trial.running
        writable = not self.read_only
        self.start_action.setEnabled(writable and not running)
        self.show_action.setEnabled(trial is not None)
        self.print_sheet_action.setEnabled(running and trial is not None and trial.design.blind)
        self.stop_action.setEnabled(writable and running)

    def _guide(self, nights: list[Night] | None = None) -> Guide:
        diary = self.diary
        return guide(
            diary.plan(),
            diary.safety_answers(),
            diary.nights() if nights is None else nights,
            diary.product_in_use(),
            diary.clearances(),
        )

    def evening(self) -> TrialEvening:
        """The trial brought up to tonight, and the nights with it: the periods that ended are
        fixed in the diary, and a blind trial that ended is revealed (in the diary, or only on
        the screens when it can't be written). Tonight, the lists and the charts read these."""
        before = self.diary.trial()
        try:
            found = self.diary.trial_evening(self.today(), write=not self.read_only)
        except StorageError:
            found = self.diary.trial_evening(self.today(), write=False)
        trial = found.trial
        if before is not None and trial is not None and before.sealed and not trial.sealed:
            self.revealed.emit()
            self.status.emit(
                _("Your trial has ended: the diary now shows which periods held magnesium.")
            )
        return found

    # Tonight

    def tonight(
        self, suggestion: Suggestion, evening: TrialEvening
    ) -> tuple[Suggestion, TrialNote | None, TrialView | None]:
        """Tonight's answer (the trial's, while one runs: safety rules first), what Tonight
        shows of the trial, and the trial as it stands (for the charts). `suggestion` is the
        guide's from the evening's nights."""
        today = self.today()
        trial, nights = evening.trial, list(evening.nights)
        self._enable(trial)
        self._view = None
        if trial is None:
            return suggestion, self._offer(suggestion, nights), None
        v = self._view = view_trial(trial, nights, today)
        if trial.running:
            answer = trial_suggestion(trial, self._guide(nights), today)
            recorded = self.diary.night_on(today)
            return (
                answer,
                TrialNote(
                    state_line(v),
                    _("&Your trial…"),
                    box_dose_mg=trial.dose_mg if answer.action is Action.TRIAL_BLIND else None,
                    record_none=answer.action is Action.TRIAL_OFF
                    and (recorded is None or recorded.dose_mg is None),
                ),
                v,
            )
        said = break_stop_words(v, nights)
        if said:  # a break stopped the trial: the guide's answer, and why the trial is over
            answer = dataclasses.replace(suggestion, reasons=(*suggestion.reasons, *said))
            # The reasons above say which break; the note only names it.
            note = _("Your trial was stopped by a break: no result.")
            return answer, TrialNote(note, _("&Your trial…")), v
        if v.state == "done" and today <= v.last_night + timedelta(days=RESULT_SHOWN_DAYS):
            ended = ENDED_WORDS[v.result.verdict if v.result else None]
            return suggestion, TrialNote(ended, _("&Your trial and its result…")), v
        return suggestion, None, v

    def no_magnesium_nights(self, days: set[date]) -> frozenset[date]:
        """Of `days`, those an open trial gives no magnesium (a new night there starts at 0 mg,
        as in the baseline). Never in a sealed trial: that would tell."""
        v = self._view
        if v is None or v.state != "running" or v.sealed:
            return frozenset()
        return frozenset(
            day
            for day in days
            for period in v.periods
            if period.first <= day <= period.last and not period.magnesium_on(day)
        )

    def _offer(self, suggestion: Suggestion, nights: list[Night]) -> TrialNote | None:
        # Offered only with the maintain review: most evenings this costs nothing.
        if self.read_only or suggestion.action is not Action.MAINTAIN:
            return None
        offer = trial_offer(self._guide(nights), self.today(), suggestion)
        if not offer.recommended:
            return None
        return TrialNote(
            _(
                "Your dose has stayed the same for a while. Find out whether magnesium helps "
                "you: a few weeks on and off it, in an order the app draws at random."
            ),
            _("&Yes, set up a trial…"),
        )

    def on_tonight_trial_requested(self) -> None:
        """Tonight's trial button: the trial, or setting one up when it is offered."""
        if self.diary.trial() is None:
            self.start()
        else:
            self.show()

    # The menu

    def start(self) -> None:
        from rlstracker.ui.trial_dialog import TrialDialog

        today = self.today()
        latest = self.diary.trial_as_of(today, write=False)
        if latest is not None and latest.running:
            self.show()
            return
        offer = trial_offer(self._guide(), today)
        if offer.dose_mg is None:
            self.dialogs.inform(self.window, _("A trial can't start now"), offer.why_not)
            return
        dialog = TrialDialog(offer, today, self.window)
        if self.dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        design = dialog.design()
        tonight = self.diary.night_on(today)
        first = dialog.first_night(tonight is not None and tonight.dose_mg is not None)
        import secrets  # hashlib and hmac: only when a trial is set up

        trial = Trial(design, secrets.randbits(31), first, offer.dose_mg, today)
        try:
            self.diary.start_trial(trial)
        except StorageError as error:
            self.dialogs.warn(self.window, _("The trial was not set up"), str(error))
            return
        self.changed.emit()
        self.status.emit(_("Your trial is set up. Tonight says what to take each evening."))
        if design.blind:
            self.dialogs.inform(
                self.window,
                _("Now the helper's sheet"),
                # Translators: the menu and its item as the window names them, without the &.
                _(
                    "Print the helper's sheet (Magnesium trial menu, Print the helper's "
                    "sheet…) and give it to the person who will fill your pill box, without "
                    "reading it yourself. The trial begins tomorrow evening."
                ),
            )

    def show(self) -> None:
        from rlstracker.ui.trial_status_dialog import TrialStatusDialog

        evening = self.diary.trial_evening(self.today(), write=False)
        trial = evening.trial
        if trial is None:
            self.start()
            return
        v = view_trial(trial, evening.nights, self.today())
        units = Ladder.of(self.diary.product_in_use()).describe(trial.dose_mg)
        dialog = TrialStatusDialog(v, units, self.window)
        dialog.stop_requested.connect(lambda: self._stop_from(dialog))
        dialog.print_sheet_requested.connect(lambda: self.print_sheet(dialog))
        dialog.save_sheet_requested.connect(lambda: self.save_sheet(dialog))
        self.dialogs.run_dialog(dialog)

    def _stop_from(self, dialog: QDialog) -> None:
        if self.stop(dialog):
            dialog.reject()

    def stop(self, parent: QWidget | None = None) -> bool:
        """Stop the running trial, once the person confirms; True when stopped."""
        parent = parent or self.window
        trial = self.diary.trial()
        if trial is None or not trial.running:
            return False
        if trial.design.blind:
            why = _(
                "A trial stopped early gives no result: stopping when the numbers look good (or "
                "bad) would make them mean less. From tonight the guide alone suggests your "
                "dose. The order of a blind trial is revealed."
            )
        else:
            why = _(
                "A trial stopped early gives no result: stopping when the numbers look good (or "
                "bad) would make them mean less. From tonight the guide alone suggests your "
                "dose."
            )
        if not self.dialogs.confirm(parent, _("Stop the trial?"), why):
            return False
        try:
            stopped = self.diary.stop_trial(self.today())
        except StorageError as error:
            self.dialogs.warn(parent, _("The trial was not stopped"), str(error))
            return False
        if stopped.design.blind:
            self.revealed.emit()
        self.changed.emit()
        self.status.emit(
            _("The trial is stopped. The guide alone suggests your dose from tonight.")
        )
        return True

    def _sheet_trial(self, parent: QWidget) -> Trial | None:
        trial = self.diary.trial()
        if trial is None or not trial.running or not trial.design.blind:
            return None
        if not self.dialogs.confirm(
            parent,
            _("The helper's sheet shows the order"),
            _(
                "The sheet says which periods hold magnesium. Let your helper print or read it, "
                "or look away while it prints, so that the trial stays blind for you. Go on?"
            ),
        ):
            return None
        return trial

    def print_sheet(self, parent: QWidget | None = None) -> None:
        from rlstracker.report.helper_sheet import paint_helper_sheet

        parent = parent or self.window
        trial = self._sheet_trial(parent)
        if trial is not None:
            product = self.diary.product_in_use()
            self.dialogs.print_preview(
                parent,
                lambda printer: paint_helper_sheet(printer, trial, product),
                _("Print the helper's sheet"),
            )

    def save_sheet(self, parent: QWidget | None = None) -> None:
        from rlstracker.report.helper_sheet import helper_sheet_pdf

        parent = parent or self.window
        trial = self._sheet_trial(parent)
        if trial is None:
            return
        product = self.diary.product_in_use()
        path = self.dialogs.save_bytes(
            parent,
            _("Save the helper's sheet"),
            Path.home() / "rls-trial-helper-sheet.pdf",  # not user text: a file name
            "PDF (*.pdf)",
            lambda: helper_sheet_pdf(trial, product),
        )
        if path is not None:
            self.status.emit(_("Saved the helper's sheet to {path}.").format(path=path))
