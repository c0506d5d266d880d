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
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from rlstracker import chart_room as room
from rlstracker.domain import analysis, language
from rlstracker.domain.language import N_, TranslatedTuple, _, ngettext, pgettext
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
TIMELINE_TOP = 12.5  # room above the scale for side effects and warning signs
TIMELINE_SPAN = TIMELINE_TOP + 0.5


def day_number(day: date) -> float:
    """`day` where matplotlib's date axis puts it (days since its epoch): the axes take numbers,
    and the readout turns them back with num2date."""
    return float(mdates.date2num(day))


def _short_date(day: date) -> str:
    return language.day_month(day, short=True)


def _prepare(figure: Figure, style: ChartStyle) -> None:
    figure.clear()
    figure.set_facecolor(style.background)
    # The margins follow the words actually drawn, so that large text or a small window cuts
    # nothing off; the functions below make sure the words can fit at all.
    figure.set_layout_engine("constrained", h_pad=room.PAD_PT / 72, w_pad=room.PAD_PT / 72)


def _size_pt(figure: Figure) -> tuple[float, float]:
    width, height = figure.get_size_inches()
    return float(width) * 72, float(height) * 72


def _severity_tick(value: int) -> str:
    if value == 0:
        # Translators: the lowest mark of the 0-10 symptom scale, beside the chart's axis.
        return _("none 0")
    if value == 10:
        # Translators: the highest mark of the 0-10 symptom scale, beside the chart's axis.
        return _("worst 10")
    return str(value)


def _severity_ticks_pt(size: float) -> float:
    """The width of the scale's widest label: its ends' words, in the language of the moment
    (a fixed "worst 10" left too little room for a longer translation)."""
    return max(room.width_pt(_severity_tick(value), size) for value in (0, 10))


def _severity_axis(axes, style: ChartStyle, plot_pt: float, span: float, name: bool) -> None:
    """The 0-10 scale on the left, its ends named in words ("worst 10", "none 0"), with as many
    ticks as the plot's height keeps apart; "Symptoms" beside it where it fits (and `name`)."""
    step = room.tick_step(plot_pt, span, style.font_size)
    ticks = list(range(0, 11, step))
    axes.set_yticks(ticks, [_severity_tick(t) for t in ticks])
    if name and room.width_pt(_("Symptoms"), style.font_size) <= plot_pt:
        axes.set_ylabel(_("Symptoms"), fontsize=style.font_size)


def _title(axes, text: str, style: ChartStyle, room_pt: float) -> float:
    """Set the title, wrapped to `room_pt`; returns the height it takes, in points."""
    wrapped = room.wrap(text, room_pt, style.font_size)
    axes.set_title(wrapped, fontsize=style.font_size, color=style.text)
    return room.height_pt(wrapped.count("\n") + 1, style.font_size) + 6.0


def _legend_below(figure: Figure, handles: list, labels: list[str], style: ChartStyle, size: float):
    """The legend under the plot, across the figure, in as many columns as fit: it can't be
    lost off the side, nor cover the data. Returns the height it takes, in points."""
    if not labels:
        return 0.0
    width_pt, _ = _size_pt(figure)
    columns = room.legend_columns(labels, size, width_pt - 4 * room.PAD_PT)
    legend = figure.legend(
        handles,
        labels,
        loc="outside lower center",  # not user text: matplotlib's place name
        ncols=columns,
        frameon=False,
        fontsize=size,
    )
    for text in legend.get_texts():
        text.set_color(style.text)
    return room.legend_height_pt(len(labels), columns, size)


def _column_captions(
    axes, positions: list[int], captions: list[str], style: ChartStyle, room_pt: float
) -> float:
    """Captions under columns `room_pt` wide: smaller where a line would not fit (down to
    three quarters of the size), then wrapped; smaller still (down to three fifths) where one
    word alone is wider than its column, as the German "(Ausgangswerte)" is in a narrow
    window: it ran into its neighbour. Returns the height they take, in points."""
    size = room.fitting_size(captions, room_pt, style.font_size, style.font_size * 0.75)
    words = [word for caption in captions for word in caption.split()]
    size = min(size, room.fitting_size(words, room_pt, style.font_size, style.font_size * 0.6))
    wrapped = [room.wrap(c, room_pt, size) for c in captions]
    axes.set_xticks(positions, wrapped)
    axes.tick_params(axis="x", labelsize=size)
    for label in axes.get_xticklabels():
        label.set_color(style.text)
    lines = max((w.count("\n") + 1 for w in wrapped), default=1)
    return room.height_pt(lines, size) + room.TICK_PT


def _plot_width_pt(figure: Figure, style: ChartStyle, right_pt: float = 0.0) -> float:
    """The plot's width, once the scale on the left has its room, and `right_pt` is left for
    one on the right."""
    width_pt, _ = _size_pt(figure)
    size = style.font_size
    left = room.height_pt(1, size) + 4 + _severity_ticks_pt(size) + room.TICK_PT
    return width_pt - left - right_pt - 4 * room.PAD_PT


def _columns_room(figure: Figure, style: ChartStyle, count: int) -> float:
    """The width of one column of a chart with `count` columns."""
    return max(_plot_width_pt(figure, style) / (count + 0.2) * 0.95, style.font_size)


def _keep_ends_clear(axes, style: ChartStyle, plot_pt: float, low: float, high: float) -> None:
    """Limits from `low` to `high` widened so that the labels at the scale's ends (0 and 10)
    stay within the plot's height, clear of the title and the captions."""
    size = style.font_size
    units = high - low
    half = room.height_pt(1, size) / 2 / max(plot_pt / units, 1e-6)
    axes.set_ylim(min(low, -half), max(high, 10 + half))


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
            xs, ys, "-", color=style.mean, lw=2.6, label=_("7-night average"), gid="rolling_mean"
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

    axes.grid(axis="y", color=style.grid, lw=0.6)
    # Half a day's margin on the left, so the first dot is not cut by the axis.
    axes.set_xlim(day_number(start) - 0.6, day_number(end) + 1)

    dosed = _dose_axis(axes, ordered, start, end, style)
    handles, labels = axes.get_legend_handles_labels()
    if dosed is not None:
        more, more_labels = dosed.get_legend_handles_labels()
        handles, labels = handles + more, labels + more_labels
    legend_pt = _legend_below(figure, handles, labels, style, style.font_size * 0.9)
    width_pt, height_pt = _size_pt(figure)
    size = style.font_size
    plot_pt = room.plot_height_pt(height_pt, room.height_pt(1, size) + room.TICK_PT, legend_pt)
    _severity_axis(axes, style, plot_pt, TIMELINE_SPAN, name=True)
    # Low enough that the "none 0" label stays clear of the dates under the plot.
    half_label = room.height_pt(1, size) / 2 / max(plot_pt / TIMELINE_SPAN, 1e-6)
    bottom = -max(0.5, half_label)
    axes.set_ylim(bottom, TIMELINE_TOP)
    # The plot's width: the dose's scale on the right takes its numbers and a name of up to two
    # lines; never taken as less than a quarter of the figure (very long words on the left).
    right_pt = room.width_pt("000", size) + room.height_pt(2, size) if dosed is not None else 0
    plot_width = max(_plot_width_pt(figure, style, right_pt), width_pt / 4)
    if dosed is not None:
        _dose_scale(dosed, style, plot_pt, -bottom / (TIMELINE_TOP - bottom))
        _label_dose_steps(dosed, ordered, start, end, style, plot_width, plot_pt)

    # As many dates as stand apart on the plot's width.
    label_pt = room.width_pt(date_label(end), size) * 1.8
    most = max(2, min(8, int(plot_width / label_pt)))
    locator = mdates.AutoDateLocator(minticks=min(3, most), maxticks=most)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: date_label(mdates.num2date(value).date()))
    )


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
    top = max(v for _unused, v in doses)
    dose_axes.set_ylim(0, top * 1.35 + 1)
    dose_axes.spines["right"].set_color(style.dose)
    return dose_axes


def _label_dose_steps(
    dose_axes,
    ordered: Sequence[Night],
    start: date,
    end: date,
    style: ChartStyle,
    plot_width_pt: float,
    plot_pt: float,
) -> None:
    """Each change of dose labelled at its first night ("250 mg"), the latest first; a label
    that would cover one already placed is left out (steps a few days apart, a small window or
    large text), since the step line still shows the dose."""
    days = max((end - start).days, 1)
    size = style.font_size * 0.85
    line = room.height_pt(1, size)
    low, high = dose_axes.get_ylim()
    placed: list[tuple[float, float, float]] = []  # left, right and bottom, in points
    kept: list[tuple[date, float, str, bool]] = []
    steps = [s for s in analysis.dose_steps(ordered) if s.dose_mg and start <= s.first_date <= end]
    for step in reversed(steps):
        assert step.dose_mg is not None
        text = mg(step.dose_mg)
        at = (step.first_date - start).days / days
        width = room.width_pt(text, size)
        x = at * plot_width_pt
        # Near the right edge the label reads leftwards, so that it stays on the chart.
        near_end = at > 0.85
        left, right = (x - width - 2, x - 2) if near_end else (x + 2, x + width + 2)
        bottom = (step.dose_mg - low) / max(high - low, 1e-6) * plot_pt + 5
        if any(
            left < other_right and other_left < right and abs(bottom - other_bottom) < line
            for other_left, other_right, other_bottom in placed
        ):
            continue
        placed.append((left, right, bottom))
        kept.append((step.first_date, step.dose_mg, text, near_end))
    for day, dose, text, near_end in reversed(kept):  # drawn oldest first
        dose_axes.annotate(
            text,
            (day, dose),
            xytext=(-2 if near_end else 2, 5),
            textcoords="offset points",  # not user text: matplotlib's coordinates
            ha="right" if near_end else "left",
            color=style.dose,
            fontsize=size,
            gid="dose_label",
        )


# The dose scale's names, longest first: the first that fits the chart's height is used.
DOSE_LABELS = TranslatedTuple(
    (
        N_("Magnesium (mg elemental)"),
        N_("Magnesium\n(mg elemental)"),
        N_("Magnesium (mg)"),
        N_("mg"),
    )
)


def _dose_scale(dose_axes, style: ChartStyle, plot_pt: float, zero_at: float) -> None:
    """The dose scale on the right: its 0 level with the symptoms' 0 (`zero_at` of the height
    up), as many ticks as stand apart, and the longest of its names that fits the height."""
    size = style.font_size
    _bottom, top = dose_axes.get_ylim()
    dose_axes.set_ylim(-zero_at * top / (1 - zero_at), top)
    bins = max(2, min(5, int(plot_pt / (room.height_pt(1, size) * 1.4))))
    dose_axes.yaxis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))
    name = next(
        (label for label in DOSE_LABELS if room.width_pt(label, size) <= plot_pt), DOSE_LABELS[-1]
    )
    dose_axes.set_ylabel(name, fontsize=size)


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


def _nights_as_dots(
    axes: Axes,
    x: float,
    severities: Sequence[float],
    style: ChartStyle,
    width: float,
    alpha: float,
    gid: str,
) -> None:
    """Each night's symptoms as a dot at `x`, spread sideways over `width` in five lanes so
    that equal scores stay apart."""
    spread = [x + width * ((i % 5) - 2) / 2 for i in range(len(severities))]
    axes.plot(spread, severities, "o", color=style.severity, markersize=3.5, alpha=alpha, gid=gid)


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
            _nights_as_dots(
                axes, position, column.severities, style, 0.18, 0.6, f"nights:{column.label}"
            )
    axes.set_xlim(0.4, len(columns) + 0.6)
    axes.set_ylim(-0.5, 10.5)
    axes.grid(axis="y", color=style.grid, lw=0.6)
    _width_pt, height_pt = _size_pt(figure)
    title_pt = _title(
        axes,
        ngettext(
            "Symptoms at each dose (first {count} night after a change left out)",
            "Symptoms at each dose (first {count} nights after a change left out)",
            analysis.SETTLING_NIGHTS,
        ).format(count=analysis.SETTLING_NIGHTS),
        style,
        _plot_width_pt(figure, style),
    )
    captions_pt = _column_captions(
        axes,
        positions,
        [column_caption(c) for c in columns],
        style,
        _columns_room(figure, style, len(columns)),
    )
    plot_pt = room.plot_height_pt(height_pt, title_pt, captions_pt)
    _severity_axis(axes, style, plot_pt, 11, name=True)
    _keep_ends_clear(axes, style, plot_pt, -0.5, 10.5)
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
        _nights_as_dots(axes, x, period.severities, style, 0.16, 0.55, f"nights:{x}")
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
        ("sealed", "D", style.baseline, style.baseline, _("Mean of the period (order sealed)")),
        ("on", "o", style.dose, style.dose, _("Mean on magnesium")),
        ("off", "s", style.grades[1], style.background, _("Mean without")),
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
        what = ""
        if not sealed:
            what = "\n" + (
                pgettext("trial chart: under a period with magnesium", "on")
                if period.condition is Condition.ON
                else pgettext("trial chart: under a period without magnesium", "none")
            )
        labels.append(period_name(trial.trial, period.number) + what)
    axes.set_xlim(0.4, len(trial_periods) + 0.6)
    axes.set_ylim(-0.5, 10.5)
    axes.grid(axis="y", color=style.grid, lw=0.6)
    _width_pt, height_pt = _size_pt(figure)
    title_pt = _title(
        axes,
        _("Symptoms in each period of the trial (the nights it counts)"),
        style,
        _plot_width_pt(figure, style),
    )
    captions_pt = _column_captions(
        axes,
        [p.number for p in trial_periods],
        labels,
        style,
        _columns_room(figure, style, len(trial_periods)),
    )
    handles, names = axes.get_legend_handles_labels()
    legend_pt = _legend_below(figure, handles, names, style, style.font_size * 0.85)
    plot_pt = room.plot_height_pt(height_pt, title_pt, captions_pt, legend_pt)
    _severity_axis(axes, style, plot_pt, 11, name=True)
    _keep_ends_clear(axes, style, plot_pt, -0.5, 10.5)
