"""The personal trial ("does it help me?"): planned, randomised periods on and off magnesium
at the dose the guide held, compared with the person as their own control (an N-of-1 trial).

Plain Python like the rest of the domain: the design and the seeded draw (design), the periods
as they happen (periods), the analysis (result), and tonight's answer during a trial, with every
safety rule of the guide first (tonight).
"""

from rlstracker.domain.trial.design import (
    Condition,
    Trial,
    TrialDesign,
    design_problems,
    draw_orders,
)
from rlstracker.domain.trial.periods import Period, TrialView, advance, view
from rlstracker.domain.trial.result import TrialResult, Verdict, analyse
from rlstracker.domain.trial.tonight import (
    Guide,
    TrialOffer,
    guide,
    tonight_answer,
    trial_offer,
    trial_suggestion,
)

__all__ = [  # not user text: the names this package exports
    "Condition",
    "Guide",
    "Period",
    "Trial",
    "TrialDesign",
    "TrialOffer",
    "TrialResult",
    "TrialView",
    "Verdict",
    "advance",
    "analyse",
    "design_problems",
    "draw_orders",
    "guide",
    "tonight_answer",
    "trial_offer",
    "trial_suggestion",
    "view",
]
