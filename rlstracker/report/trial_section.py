"""The report's section on a personal trial: the design, the schedule as it happened, the
result and its limits (CENT 2015's items that apply to one person's diary). Plain Python."""

from __future__ import annotations

from dataclasses import dataclass, field

from rlstracker.domain.forms import Product
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import N_, _
from rlstracker.domain.trial.periods import TrialView
from rlstracker.domain.trial.result import result_lines
from rlstracker.domain.trial.words import (
    design_lines,
    limits,
    period_cells,
    schedule_headers,
    state_line,
)

METHOD = N_(
    "Method: an N-of-1 trial (Guyatt et al., N Engl J Med 1986), reported after the CENT 2015 "
    "guideline. Each pair's difference is the mean of its counted nights without magnesium "
    "minus the mean with; the randomisation test counts, over every order the draw could have "
    "given, how often the order alone would give as large a mean difference."
)


@dataclass(frozen=True)
class TrialSection:
    state: str
    design: list[str]
    headers: list[str]
    rows: list[list[str]]
    result: list[str]
    limits: list[str]
    view: TrialView = field(repr=False)

    @property
    def sealed(self) -> bool:
        return self.view.sealed


def trial_section(view: TrialView | None, product: Product | None) -> TrialSection | None:
    if view is None:
        return None
    trial = view.trial
    if view.result is not None:
        result = result_lines(view.result)
    elif view.sealed:
        result = [
            _("The trial is blind: its order stays sealed, and its result waits, until it ends.")
        ]
    elif view.state == "running":
        result = [_("The result comes when the last period ends.")]
    else:
        result = []
    return TrialSection(
        state=state_line(view),
        design=design_lines(trial, Ladder.of(product).describe(trial.dose_mg)),
        headers=schedule_headers(),
        rows=[period_cells(view, p) for p in view.periods],
        result=result,
        limits=[*limits(), _(METHOD)],
        view=view,
    )
