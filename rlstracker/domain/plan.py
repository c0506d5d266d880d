"""The plan: how the guide may move the dose, within which bounds, up to which ceiling."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from rlstracker.domain.language import N_, Translated, _, listed_date, number
from rlstracker.domain.models import MAX_DOSE_MG, InvalidRecord
from rlstracker.domain.wording import mg


class Region(str, Enum):
    """Whose upper limit for supplemental magnesium the plan keeps to."""

    US = "us"  # US Food and Nutrition Board (IOM 1997): 350 mg a day from supplements
    EU = "eu"  # EU Scientific Committee on Food / EFSA: 250 mg a day

    @property
    def limit_mg(self) -> int:
        return 350 if self is Region.US else 250

    @property
    def authority(self) -> str:
        # Translators: the limit as the person's country names it (EFSA's tolerable upper
        # intake level in the EU, the Food and Nutrition Board's in the US).
        return _("the US upper limit") if self is Region.US else _("the EU (EFSA) upper limit")


class ApprovalNeeded(str):
    """A plan problem that a clinician's approval of the ceiling would answer (so that a caller
    can say how to give it, in any language)."""

    __slots__ = ()


# (low, high) bounds of each plan setting (the guide's rules v2). The ceiling's upper bound is
# the region's limit unless a clinician approved a higher one; MAX_DOSE_MG in any case.
PLAN_BOUNDS: dict[str, tuple[float, float]] = {
    "start_mg": (25, 200),
    "step_mg": (25, 100),
    "interval_nights": (4, 28),
    "ceiling_mg": (25, MAX_DOSE_MG),
    "baseline_nights": (0, 28),
    "target_severity": (0, 10),
    "review_nights": (14, 84),
}

PLAN_FIELD_LABELS: Translated[str] = Translated(
    {
        "start_mg": N_("start dose (mg)"),
        "step_mg": N_("step (mg)"),
        "interval_nights": N_("nights between steps"),
        "ceiling_mg": N_("ceiling (mg)"),
        "baseline_nights": N_("baseline nights"),
        "target_severity": N_("target severity"),
        "review_nights": N_("review after (nights)"),
    }
)


@dataclass(frozen=True)
class Plan:
    """How the guide may move the dose. Doses are mg of elemental magnesium.

    `ceiling_approved_on` is the date the person recorded "my clinician approved this ceiling",
    and `ceiling_approved_mg` the ceiling it approved: it allows a ceiling above the region's
    limit up to that one, and nothing else. A higher ceiling needs a new approval.
    """

    start_mg: float = 100
    step_mg: float = 50
    interval_nights: int = 7
    ceiling_mg: float = 350
    region: Region = Region.US
    ceiling_approved_on: date | None = None
    ceiling_approved_mg: float | None = None
    baseline_nights: int = 7
    target_severity: float = 2
    review_nights: int = 28
    # Side effects on nights before this date no longer set the intolerance cap.
    reset_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", Region(self.region))
        problems = plan_problems(self)
        if problems:
            raise InvalidRecord(problems)

    @classmethod
    def for_region(cls, region: Region | str) -> Plan:
        region = Region(region)
        return cls(region=region, ceiling_mg=region.limit_mg)

    @property
    def ceiling_approved(self) -> bool:
        return self.ceiling_approved_on is not None

    def with_region(self, region: Region | str) -> Plan:
        """Switching region never raises the ceiling: it lowers a ceiling above the new
        region's limit, and changes nothing else."""
        region = Region(region)
        return dataclasses.replace(
            self, region=region, ceiling_mg=ceiling_for_region(self.ceiling_mg, region)
        )

    def with_ceiling_approval(self, on: date, ceiling_mg: float | None = None) -> Plan:
        """The clinician approved `ceiling_mg` (by default the plan's ceiling) on `on`."""
        ceiling = self.ceiling_mg if ceiling_mg is None else ceiling_mg
        return dataclasses.replace(
            self, ceiling_mg=ceiling, ceiling_approved_on=on, ceiling_approved_mg=ceiling
        )

    def without_ceiling_approval(self) -> Plan:
        """Withdrawing the approval lowers a higher ceiling to the region's limit."""
        return dataclasses.replace(
            self,
            ceiling_approved_on=None,
            ceiling_approved_mg=None,
            ceiling_mg=min(self.ceiling_mg, self.region.limit_mg),
        )


def ceiling_for_region(ceiling_mg: float, region: Region) -> float:
    """The ceiling after switching to `region`: lowered to its limit if above, else unchanged."""
    return min(ceiling_mg, Region(region).limit_mg)


def plan_field_problems(fields: Mapping[str, object]) -> list[tuple[str, str]]:
    """What is wrong with these plan settings (field, reason); empty when they make a Plan."""
    try:
        Plan(**fields)  # type: ignore[arg-type]
    except InvalidRecord as error:
        return error.problems
    except (TypeError, ValueError) as error:
        return [("plan", str(error))]
    return []


def plan_problems(plan: Plan) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name, (low, high) in PLAN_BOUNDS.items():
        value = getattr(plan, name)
        whole = name.endswith("_nights")
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or (whole and value != int(value))
        ):
            if whole:
                why = _("the {field} must be a whole number")
            else:
                why = _("the {field} must be a number")
            problems.append((name, why.format(field=PLAN_FIELD_LABELS[name])))
        elif not low <= value <= high:
            problems.append(
                (
                    name,
                    _("the {field} must be from {low} to {high}, not {value}").format(
                        field=PLAN_FIELD_LABELS[name],
                        low=number(low),
                        high=number(high),
                        value=number(value),
                    ),
                )
            )
    for name in ("ceiling_approved_on", "reset_on"):
        value = getattr(plan, name)
        if value is not None and not isinstance(value, date):
            problems.append((name, _("must be a date")))
    if any(name in ("start_mg", "ceiling_mg") for name, _why in problems):
        return problems
    if (plan.ceiling_approved_on is None) != (plan.ceiling_approved_mg is None):
        problems.append(
            (
                "ceiling_approved_on",
                ApprovalNeeded(_("an approval needs both its date and ceiling")),
            )
        )
        return problems
    limit = plan.region.limit_mg
    if plan.ceiling_mg > limit and not plan.ceiling_approved:
        problems.append(
            (
                "ceiling_mg",
                ApprovalNeeded(
                    _(
                        "a ceiling of {ceiling} is above {authority} of {limit} a day from "
                        "supplements; it needs your clinician's approval of this ceiling"
                    ).format(
                        ceiling=mg(plan.ceiling_mg),
                        authority=plan.region.authority,
                        limit=mg(limit),
                    )
                ),
            )
        )
    elif (
        plan.ceiling_mg > limit
        and plan.ceiling_approved_mg is not None
        and plan.ceiling_mg > plan.ceiling_approved_mg
    ):
        problems.append(
            (
                "ceiling_mg",
                ApprovalNeeded(
                    _(
                        "your clinician approved a ceiling of {approved} (recorded {day}); "
                        "{ceiling} needs their approval of this higher ceiling"
                    ).format(
                        approved=mg(plan.ceiling_approved_mg),
                        day=(
                            listed_date(plan.ceiling_approved_on)
                            if plan.ceiling_approved_on
                            else ""
                        ),
                        ceiling=mg(plan.ceiling_mg),
                    )
                ),
            )
        )
    if plan.start_mg > plan.ceiling_mg:
        problems.append(
            (
                "start_mg",
                _("the start dose ({start}) is above the ceiling ({ceiling})").format(
                    start=mg(plan.start_mg), ceiling=mg(plan.ceiling_mg)
                ),
            )
        )
    return problems
