"""Charts of symptom severity against dose, drawn into a given matplotlib Figure.

The window's canvas and the printed report call the same functions: draw once, render twice.
No pyplot, no Qt. Colours are the Okabe-Ito palette, safe for colour-blind readers, and every
series also differs by shape or line style.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from rlstracker.domain import analysis, language
from rlstracker.domain.language import N_, _, ngettext
from rlstracker.domain.models import GRADE_NAMES, Night
from rlstracker.domain.trial.design import Condition
from rlstracker.domain.trial.periods import Period, TrialView
from rlstracker.domain.trial.words import period_name
from rlstracker.domain.wording import mg

# Marked here, translated where said.
EMPTY_MESSAGE = N_("No nights recorded yet.\nThe chart fills in as you keep the diary.")
GAP_NIGHTS = 3  # a longer run of missing nights breaks the lines


@dataclass(frozen=True)
class ChartStyle:
    background: str
    text: str
    grid: str
    severity: str
    mean: str
    dose: str
    baseline: str
    grades: tuple[str, str, str]  # mild, moderate, severe
    red_flag: str
    box: str
    font_size: float = 11.0


LIGHT = ChartStyle(
    background="#ffffff",
    text="#1f2328",
    grid="#d0d7de",
    severity="#0072B2",
    mean="#0b3c5d",
    dose="#009E73",
    baseline="#9aa0a6",
    grades=("#E69F00", "#D55E00", "#CC79A7"),
    red_flag="#000000",
    box="#56B4E9",
)
DARK = ChartStyle(
    background="#1f2328",
    text="#e8eaed",
    grid="#3a4149",
    severity="#56B4E9",
    mean="#cfe8ff",
    dose="#2ec4a0",
    baseline="#6e7681",
    grades=("#F0C000", "#FF7A3D", "#E08FC0"),
    red_flag="#ffffff",
    box="#0072B2",
)

GRADE_MARKERS = ("^", "s", "X")  # mild, moderate, severe: shapes as well as colours
SIDE_EFFECT_ROW = 11.0  # where side-effect markers sit, above the 0-10 scale


def day_number(day: date) -> float:
    """`day` where matplotlib's date axis puts it (days since its epoch): the axes take numbers,
    and the readout turns them back with num2date."""
    return float(mdates.date2num(day))


def _short_date(day: date) -> str:
    return language.day_month(day, short=True)


def _prepare(figure: Figure, style: ChartStyle) -> None:
    figure.clear()
    figure.set_facecolor(style.background)


def _style_axes(axes, style: ChartStyle) -> None:
    axes.set_facecolor(style.background)
    axes.tick_params(colors=style.text, labelsize=style.font_size)
    for spine in axes.spines.values():
        spine.set_color(style.grid)
    axes.xaxis.label.set_color(style.text)
    axes.yaxis.label.set_color(style.text)
    axes.title.set_color(style.text)


def _message(axes, text: str, style: ChartStyle) -> None:
    axes.text(
        0.5,
        0.5,
        text,
        transform=axes.transAxes,
        ha="center",
        va="center",
        fontsize=style.font_size * 1.2,
        color=style.text,
        gid="message",
    )
    axes.set_xticks([])
    axes.set_yticks([])


def _with_gaps(points: Sequence[tuple[date, float]], max_gap: int) -> tuple[list, list]:
    """x and y lists with a NaN wherever consecutive points are more than `max_gap` days apart,
    so that the line breaks there instead of pretending to know."""
    xs: list = []
    ys: list[float] = []
    for index, (day, value) in enumerate(points):
        if index and (day - points[index - 1][0]).days > max_gap:
            xs.append(points[index - 1][0] + timedelta(days=1))
            ys.append(math.nan)
        xs.append(day)
        ys.append(value)
    return xs, ys


def draw_timeline(
    figure: Figure,
    nights: Sequence[Night],
    first: date | None = None,
    last: date | None = None,
    style: ChartStyle = LIGHT,
    date_label: Callable[[date], str] = _short_date,
    trial: TrialView | None = None,
) -> None:
    """Nightly severity (points) and its 7-night rolling mean on the left axis; the dose as a
    step line on the right; side effects by grade and warning signs along the top; the baseline
    shaded; dose changes labelled; a trial's periods shaded (on and off, or only their bounds
    while its order is sealed). Only nights from `first` to `last` are shown, but the rolling
    mean also reads the nights just before `first`."""
    _prepare(figure, style)
    axes = figure.add_subplot()
    _style_axes(axes, style)
    ordered = analysis.in_date_order(nights)
    shown = [
        n
        for n in ordered
        if (first is None or n.date >= first) and (last is None or n.date <= last)
    ]
    if not shown:
        _message(axes, _(EMPTY_MESSAGE) if not ordered else _("No nights in these dates."), style)
        return
    start = first or shown[0].date
    end = last or shown[-1].date
    if (end - start).days < 6:  # a day or two: give the axis some width
        start, end = end - timedelta(days=6), end

    baseline = analysis.baseline_nights(ordered)
    if baseline and baseline[-1].date >= start:
        axes.axvspan(
            day_number(max(baseline[0].date, start)),
            day_number(baseline[-1].date + timedelta(days=1)),
            color=style.baseline,
            alpha=0.22,
            lw=0,
            label=_("Before magnesium (baseline)"),
            gid="baseline",
        )

    if trial is not None:
        _shade_trial(axes, trial, start, end, style)

    points = [(n.date, n.symptom_severity) for n in shown if n.symptom_severity is not None]
    if points:
        axes.plot(
            [day_number(d) for d, _unused in points],
            [s for _unused, s in points],
            "o",
            color=style.severity,
            markersize=5,
            alpha=0.75,
            label=_("Symptoms each night"),
            gid="severity",
        )
    rolling = [
        (p.date, p.mean) for p in analysis.rolling_mean_severity(ordered) if start <= p.date <= end
    ]
    if rolling:
        xs, ys = _with_gaps(rolling, GAP_NIGHTS)
        axes.plot(
            xs, ys, "-", color=style.mean, lw=2.6, label="7-night average", gid="rolling_mean"
        )

    for grade in (1, 2, 3):
        days = [n.date for n in shown if n.worst_grade == grade]
        if days:
            axes.plot(
                [day_number(d) for d in days],
                [SIDE_EFFECT_ROW] * len(days),
                linestyle="none",
                marker=GRADE_MARKERS[grade - 1],
                color=style.grades[grade - 1],
                markersize=7 + grade,
                label=_("Side effect: {grade}").format(grade=GRADE_NAMES[grade]),
                gid=f"side_effects_{grade}",
            )
    flagged = [n.date for n in shown if n.red_flags]
    if flagged:
        axes.plot(
            [day_number(d) for d in flagged],
            [SIDE_EFFECT_ROW + 0.9] * len(flagged),
            linestyle="none",
            marker="*",
            markersize=13,
            color=style.red_flag,
            label=_("Warning sign"),
            gid="red_flags",
        )

    axes.set_ylim(-0.5, 12.5)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel(_("Symptoms (0 none – 10 worst)"), fontsize=style.font_size)
    axes.grid(axis="y", color=style.grid, lw=0.6)
    # Half a day's margin on the left, so the first dot is not cut by the axis.
    axes.set_xlim(day_number(start) - 0.6, day_number(end) + 1)

    dosed = _dose_axis(axes, ordered, start, end, style)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: date_label(mdates.num2date(value).date()))
    )
    handles, labels = axes.get_legend_handles_labels()
    if dosed is not None:
        more, more_labels = dosed.get_legend_handles_labels()
        handles, labels = handles + more, labels + more_labels
    legend = axes.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=4,
        frameon=False,
        fontsize=style.font_size * 0.9,
    )
    for text in legend.get_texts():
        text.set_color(style.text)
    figure.subplots_adjust(left=0.07, right=0.92, top=0.97, bottom=0.24)


def _dose_axis(axes, ordered: Sequence[Night], start: date, end: date, style: ChartStyle):
    doses = [(n.date, n.dose_mg) for n in ordered if n.dose_mg is not None]
    if not any(d for _unused, d in doses):
        return None
    dose_axes = axes.twinx()
    _style_axes(dose_axes, style)
    # The step line: one point per recorded night, held until the next, broken at gaps.
    within = [(d, v) for d, v in doses if start - timedelta(days=1) <= d <= end]
    if within:
        xs, ys = _with_gaps(within, 1)
        xs.append(within[-1][0] + timedelta(days=1))
        ys.append(within[-1][1])
        dose_axes.step(
            xs,
            ys,
            where="post",
            color=style.dose,
            lw=2.2,
            linestyle="--",
            label=_("Magnesium (mg)"),
            gid="dose",
        )
    for step in analysis.dose_steps(ordered):
        if step.dose_mg and start <= step.first_date <= end:
            dose_axes.annotate(
                mg(step.dose_mg),
                (step.first_date, step.dose_mg),
                xytext=(2, 5),
                textcoords="offset points",
                color=style.dose,
                fontsize=style.font_size * 0.85,
                gid="dose_label",
            )
    top = max(v for _unused, v in doses)
    dose_axes.set_ylim(0, top * 1.35 + 1)
    dose_axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    dose_axes.set_ylabel(_("Magnesium (mg elemental)"), fontsize=style.font_size)
    dose_axes.spines["right"].set_color(style.dose)
    return dose_axes


def column_caption(column: analysis.DoseColumn) -> str:
    """The label under a column: what it is, how many nights, and what to know about it."""
    label = column.label if column.dose_mg is None else mg(column.dose_mg)
    if column.dose_mg is None:
        label = _("Before\n(baseline)")
    lines = [label, f"n = {len(column.severities)}"]
    if column.tolerated_best:
        lines.append(_("highest tolerated"))
    if column.not_tolerated:
        lines.append(_("not tolerated"))
    if not column.severities:
        lines.append(_("(too few nights)"))
    return "\n".join(lines)


def draw_dose_response(
    figure: Figure,
    nights: Sequence[Night],
    style: ChartStyle = LIGHT,
    limits: analysis.GuideLimits | None = None,
    baseline: Sequence[Night] | None = None,
) -> list[analysis.DoseColumn]:
    """Symptom severity per dose: a box (median and quartiles) and the nights as dots, the
    number of nights under each, the baseline first; the highest tolerated dose and any dose not
    tolerated marked."""
    _prepare(figure, style)
    axes = figure.add_subplot()
    _style_axes(axes, style)
    columns = analysis.dose_columns(nights, limits, baseline)
    if not columns:
        _message(axes, EMPTY_MESSAGE, style)
        return columns
    positions = list(range(1, len(columns) + 1))
    filled = [(p, c) for p, c in zip(positions, columns, strict=True) if c.severities]
    if filled:
        boxes = axes.boxplot(
            [list(c.severities) for _unused, c in filled],
            positions=[p for p, _unused in filled],
            widths=0.55,
            patch_artist=True,
            showfliers=False,
            medianprops={"color": style.text, "lw": 2.4},
            whiskerprops={"color": style.text},
            capprops={"color": style.text},
        )
        for box, (_position, column) in zip(boxes["boxes"], filled, strict=True):
            box.set_gid(f"box:{column.label}")
            box.set_facecolor(style.baseline if column.dose_mg is None else style.box)
            box.set_alpha(0.55)
            box.set_edgecolor(style.text)
            if column.not_tolerated:
                box.set_hatch("//")
            if column.tolerated_best:
                box.set_linewidth(2.8)
                box.set_edgecolor(style.dose)
        for position, column in filled:
            count = len(column.severities)
            spread = [position + 0.18 * ((i % 5) - 2) / 2 for i in range(count)]
            axes.plot(
                spread,
                column.severities,
                "o",
                color=style.severity,
                markersize=3.5,
                alpha=0.6,
                gid=f"nights:{column.label}",
            )
    axes.set_xticks(positions, [column_caption(c) for c in columns])
    for label in axes.get_xticklabels():
        label.set_color(style.text)
    axes.set_xlim(0.4, len(columns) + 0.6)
    axes.set_ylim(-0.5, 10.5)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel(_("Symptoms (0 none – 10 worst)"), fontsize=style.font_size)
    axes.grid(axis="y", color=style.grid, lw=0.6)
    axes.set_title(
        ngettext(
            "Symptoms at each dose (first {count} night after a change left out)",
            "Symptoms at each dose (first {count} nights after a change left out)",
            analysis.SETTLING_NIGHTS,
        ).format(count=analysis.SETTLING_NIGHTS),
        fontsize=style.font_size,
        color=style.text,
    )
    figure.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.28)
    return columns


# The personal trial


def _shade_trial(axes, trial: TrialView, start: date, end: date, style: ChartStyle) -> None:
    """Each period of the trial that falls in the dates shown, shaded by what it was: on
    magnesium, without, or (sealed) only its bounds, every other period a little darker."""
    labelled: set[str] = set()
    for period in trial.periods:
        if period.last < start or period.first > end:
            continue
        if trial.sealed:
            kind, colour, alpha = "sealed", style.grid, 0.35 if period.number % 2 else 0.18
            label = _("Trial periods (order sealed)")
        elif period.condition is Condition.ON:
            kind, colour, alpha, label = "on", style.dose, 0.14, _("Trial: magnesium")
        else:
            kind, colour, alpha, label = "off", style.grades[0], 0.14, _("Trial: none")
        axes.axvspan(
            max(period.first, start),
            period.last + timedelta(days=1),
            color=colour,
            alpha=alpha,
            lw=0,
            label=None if label in labelled else label,
            gid=f"trial_{kind}",
        )
        labelled.add(label)


def _period_mean(period: Period) -> float:
    """The mean of a period with counted nights (the chart draws no other)."""
    return sum(period.severities) / len(period.severities)


def draw_period_means(figure: Figure, trial: TrialView, style: ChartStyle = LIGHT) -> None:
    """The trial's periods side by side: each counted night as a dot, the period's mean as a
    large marker (a filled circle on magnesium, an open square without; a grey diamond while
    the order is sealed), the two periods of each pair joined."""
    _prepare(figure, style)
    axes = figure.add_subplot()
    _style_axes(axes, style)
    periods = [p for p in trial.periods if p.severities]
    if not periods:
        _message(axes, _("No counted nights yet.\nEach period's nights show here."), style)
        return
    sealed = trial.sealed
    for period in periods:
        x = period.number
        spread = [x + 0.16 * ((i % 5) - 2) / 2 for i in range(period.usable)]
        axes.plot(
            spread,
            period.severities,
            "o",
            color=style.severity,
            markersize=3.5,
            alpha=0.55,
            gid=f"nights:{x}",
        )
    for pair in sorted({p.pair for p in periods}):
        both = [p for p in periods if p.pair == pair]
        if len(both) == 2:
            axes.plot(
                [p.number for p in both],
                [_period_mean(p) for p in both],
                "-",
                color=style.grid if sealed else style.text,
                lw=1.2,
                gid=f"pair:{pair}",
            )
    for kind, marker, colour, fill, label in (
        ("sealed", "D", style.baseline, style.baseline, "Mean of the period (order sealed)"),
        ("on", "o", style.dose, style.dose, "Mean on magnesium"),
        ("off", "s", style.grades[1], style.background, "Mean without"),
    ):
        chosen = [
            p
            for p in periods
            if (kind == "sealed") == sealed
            and (sealed or (p.condition is Condition.ON) == (kind == "on"))
        ]
        if chosen:
            axes.plot(
                [p.number for p in chosen],
                [_period_mean(p) for p in chosen],
                linestyle="none",
                marker=marker,
                markersize=12,
                markeredgewidth=2.2,
                color=colour,
                markerfacecolor=fill,
                label=label,
                gid=f"means_{kind}",
            )
    trial_periods = trial.periods
    labels = []
    for period in trial_periods:
        what = "" if sealed else ("\non" if period.condition is Condition.ON else "\nnone")
        labels.append(period_name(trial.trial, period.number) + what)
    axes.set_xticks([p.number for p in trial_periods], labels)
    for text in axes.get_xticklabels():
        text.set_color(style.text)
    axes.set_xlim(0.4, len(trial_periods) + 0.6)
    axes.set_ylim(-0.5, 10.5)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel(_("Symptoms (0 none – 10 worst)"), fontsize=style.font_size)
    axes.grid(axis="y", color=style.grid, lw=0.6)
    axes.set_title(
        "Symptoms in each period of the trial (the nights it counts)",
        fontsize=style.font_size,
        color=style.text,
    )
    legend = axes.legend(loc="upper right", frameon=False, fontsize=style.font_size * 0.85)
    for text in legend.get_texts():
        text.set_color(style.text)
    figure.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.2)
