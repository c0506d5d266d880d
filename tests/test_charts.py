"""The chart functions, checked through their artists: what a reader of the chart would see."""

from __future__ import annotations

import math
from datetime import date, timedelta

import matplotlib.dates as mdates
import pytest
from matplotlib.figure import Figure

from rlstracker import charts
from rlstracker.domain import analysis
from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan
from tests.domain.builders import BASELINE, D0, change, run, then


def figure() -> Figure:
    return Figure(figsize=(10, 4), dpi=80)


def by_gid(fig: Figure, gid: str) -> list:
    return [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == gid]


def as_dates(values) -> list[date]:
    return [mdates.num2date(v).date() if not isinstance(v, date) else v for v in values]


HISTORY = then(BASELINE, *[100] * 7, *[150] * 7, severity=4)
HISTORY = change(change(HISTORY, -2, diarrhoea=1), -1, nausea=2, red_flags={RedFlag.FAINTING})


def test_timeline_draws_each_severity_and_the_rolling_mean():
    fig = figure()
    charts.draw_timeline(fig, HISTORY)
    (points,) = by_gid(fig, "severity")
    assert list(points.get_ydata()) == [n.symptom_severity for n in HISTORY]
    (mean,) = by_gid(fig, "rolling_mean")
    expected = [p.mean for p in analysis.rolling_mean_severity(HISTORY)]
    assert list(mean.get_ydata()) == pytest.approx(expected)


def test_timeline_dose_is_a_step_line_on_its_own_axis_with_changes_labelled():
    fig = figure()
    charts.draw_timeline(fig, HISTORY)
    (dose,) = by_gid(fig, "dose")
    assert dose.get_drawstyle() == "steps-post"
    assert dose.axes is not fig.axes[0]  # the right-hand axis
    assert set(dose.get_ydata()) == {0, 100, 150}
    labels = [t.get_text() for t in by_gid(fig, "dose_label")]
    assert labels == ["100 mg", "150 mg"]
    assert "mg" in dose.axes.get_ylabel()


def test_side_effects_are_marked_by_grade_with_different_shapes():
    fig = figure()
    charts.draw_timeline(fig, HISTORY)
    (mild,) = by_gid(fig, "side_effects_1")
    (moderate,) = by_gid(fig, "side_effects_2")
    assert as_dates(mild.get_xdata()) == [HISTORY[-2].date]
    assert as_dates(moderate.get_xdata()) == [HISTORY[-1].date]
    assert mild.get_marker() != moderate.get_marker()
    assert mild.get_color() != moderate.get_color()
    (flags,) = by_gid(fig, "red_flags")
    assert as_dates(flags.get_xdata()) == [HISTORY[-1].date]
    assert not by_gid(fig, "side_effects_3")


def test_the_baseline_period_is_shaded():
    fig = figure()
    charts.draw_timeline(fig, HISTORY)
    (span,) = by_gid(fig, "baseline")
    left, width = span.get_x(), span.get_width()
    assert mdates.num2date(left).date() == BASELINE[0].date
    assert mdates.num2date(left + width).date() == BASELINE[-1].date + timedelta(days=1)


def test_lines_break_where_nights_are_missing():
    gap = then(run(100, 100, 100), severity=5)
    gap = gap + run(100, 100, start=gap[-1].date + timedelta(days=8))
    fig = figure()
    charts.draw_timeline(fig, gap)
    (mean,) = by_gid(fig, "rolling_mean")
    assert any(math.isnan(y) for y in mean.get_ydata())
    (dose,) = by_gid(fig, "dose")
    assert any(math.isnan(y) for y in dose.get_ydata())


def test_the_date_range_limits_what_is_drawn():
    fig = figure()
    first = HISTORY[10].date
    charts.draw_timeline(fig, HISTORY, first=first, last=HISTORY[-1].date)
    (points,) = by_gid(fig, "severity")
    assert min(as_dates(points.get_xdata())) == first
    assert not by_gid(fig, "baseline")  # the baseline lies before the range


def test_dates_are_written_by_the_given_function():
    fig = figure()
    charts.draw_timeline(fig, HISTORY, date_label=lambda day: f"<{day.day}>")
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels and all(label.startswith("<") for label in labels)


@pytest.mark.parametrize("draw", [charts.draw_timeline, charts.draw_dose_response])
def test_an_empty_diary_shows_a_helpful_message(draw):
    fig = figure()
    draw(fig, [])
    (message,) = by_gid(fig, "message")
    assert "No nights recorded yet" in message.get_text()
    fig.canvas.draw()  # and it renders


def test_one_night_draws_without_trouble():
    fig = figure()
    one = [Night(date=D0, dose_mg=0, symptom_severity=6)]
    charts.draw_timeline(fig, one)
    fig.canvas.draw()
    (points,) = by_gid(fig, "severity")
    assert list(points.get_ydata()) == [6]
    left, right = fig.axes[0].get_xlim()
    assert right - left >= 6  # a week of room, not a singular axis
    charts.draw_dose_response(fig, one)
    fig.canvas.draw()
    assert [c.label for c in analysis.dose_columns(one)] == ["Before\n(baseline)"]


def test_dose_response_leaves_out_the_first_three_nights_of_each_step():
    history = then(BASELINE, 100, 100, 100, severity=9)
    history = then(history, 100, 100, 100, 100, severity=3)
    columns = analysis.dose_columns(history)
    assert [c.label for c in columns] == ["Before\n(baseline)", "100 mg"]
    assert columns[0].severities == (6,) * 7
    assert columns[1].severities == (3, 3, 3, 3)
    fig = figure()
    charts.draw_dose_response(fig, history)
    (dots,) = by_gid(fig, "nights:100 mg")
    assert list(dots.get_ydata()) == [3, 3, 3, 3]
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0].startswith("Before") and "n = 7" in labels[0]
    assert "n = 4" in labels[1]


def test_dose_response_marks_the_highest_tolerated_and_the_not_tolerated_dose():
    history = then(BASELINE, *[100] * 7, *[150] * 7, *[200] * 3)
    history = change(history, -1, diarrhoea=2)
    limits = analysis.guide_limits(history, Plan())
    columns = {c.label: c for c in analysis.dose_columns(history, limits)}
    assert columns["150 mg"].tolerated_best and not columns["150 mg"].not_tolerated
    assert columns["200 mg"].not_tolerated
    fig = figure()
    charts.draw_dose_response(fig, history, limits=limits)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "highest tolerated" in labels[2]
    assert "not tolerated" in labels[3] and "too few nights" in labels[3]
    (best,) = by_gid(fig, "box:150 mg")
    assert best.get_linewidth() > 2


def test_a_box_spans_the_quartiles_with_the_median():
    history = [
        Night(
            date=D0 + timedelta(days=i),
            dose_mg=100,
            symptom_severity=s,
            diarrhoea=0,
            nausea=0,
            stomach_cramps=0,
            drowsiness=0,
        )
        for i, s in enumerate([9, 9, 9, 1, 2, 3, 4, 5])
    ]
    fig = figure()
    charts.draw_dose_response(fig, history)
    (box,) = by_gid(fig, "box:100 mg")
    ys = [y for _, y in box.get_path().vertices]
    assert min(ys) == pytest.approx(2) and max(ys) == pytest.approx(4)


def test_dark_style_colours_the_figure():
    fig = figure()
    charts.draw_timeline(fig, HISTORY, style=charts.DARK)
    assert fig.get_facecolor()[:3] == pytest.approx((0x1F / 255, 0x23 / 255, 0x28 / 255))


# Every word on the chart readable: the window at 1024×600 with Larger text, and the report


WINDOW_LARGER = 16 * 0.95  # the window's Larger text (16 pt), as the charts panel sizes it
SMALL_FIGURES = [
    pytest.param((9.0, 2.3), WINDOW_LARGER, id="1024x600-larger"),  # as under openbox
    pytest.param((6.0, 3.0), WINDOW_LARGER, id="narrowest-window-larger"),
    pytest.param((8.8, 3.7), 10.0, id="report"),
]
NARROW = 6.5  # inches: eight columns by dose need more than this at the largest text


def _demo_nights() -> tuple[list[Night], analysis.GuideLimits, date]:
    from rlstracker.demo import demo_diary

    today = date(2026, 11, 25)
    example = demo_diary(today)
    return list(example.nights), analysis.guide_limits(example.nights, example.plan), today


def _long_titration() -> list[Night]:
    """Every step from 100 to 350 mg, the last one not tolerated: eight columns by dose."""
    history = then(BASELINE, *[100] * 7, *[150] * 7, *[200] * 7, *[250] * 7, *[300] * 7)
    history = then(history, *[350] * 5)
    return change(history, -1, diarrhoea=3, red_flags={RedFlag.FAINTING})


def _draw_and_collect_texts(fig: Figure, monkeypatch) -> list:
    """Draw `fig` with a real renderer and return every text it drew (titles, axis labels,
    tick labels, legend entries, notes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    drawn: list[Text] = []
    original = Text.draw

    def recording(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    monkeypatch.setattr(Text, "draw", recording)
    FigureCanvasAgg(fig).draw()
    monkeypatch.setattr(Text, "draw", original)
    return drawn


def _drawings(width_inches: float):
    nights, limits, today = _demo_nights()
    long = _long_titration()
    long_limits = analysis.guide_limits(long, Plan())
    from tests.domain.trial_sim import simulate

    trial = simulate(3, effect=3.0)
    yield (
        "over time, 3 months",
        lambda f, s: charts.draw_timeline(
            f, nights, first=today - timedelta(days=91), last=today, style=s
        ),
    )
    yield "over time, everything", lambda f, s: charts.draw_timeline(f, long, style=s)
    yield (
        "over time, a trial",
        lambda f, s: charts.draw_timeline(f, trial.nights, style=s, trial=trial.view),
    )
    yield "by dose", lambda f, s: charts.draw_dose_response(f, nights, style=s, limits=limits)
    if width_inches > NARROW:
        yield (
            "by dose, eight columns",
            lambda f, s: charts.draw_dose_response(f, long, style=s, limits=long_limits),
        )
    yield "trial periods", lambda f, s: charts.draw_period_means(f, trial.view, style=s)


@pytest.mark.parametrize(("size_inches", "font_size"), SMALL_FIGURES)
def test_every_word_of_every_chart_lies_inside_a_small_figure(size_inches, font_size, monkeypatch):
    style = charts.ChartStyle(**{**charts.DARK.__dict__, "font_size": font_size})
    problems = []
    for name, draw in _drawings(size_inches[0]):
        fig = Figure(figsize=size_inches, dpi=100)
        draw(fig, style)
        texts = _draw_and_collect_texts(fig, monkeypatch)
        renderer = fig.canvas.get_renderer()
        inside = fig.bbox.padded(0.5)
        for text in texts:
            box = text.get_window_extent(renderer)
            if not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)):
                problems.append(f"{name}: {text.get_text()!r} is cut off ({box.bounds})")
        # Words outside the plot (labels, ticks, titles, the legend) never cover each other.
        outside = [t for t in texts if t.get_gid() not in ("dose_label", "message")]
        boxes = [(t, t.get_window_extent(renderer)) for t in outside]
        for index, (text, box) in enumerate(boxes):
            for other, other_box in boxes[index + 1 :]:
                if box.overlaps(other_box):
                    problems.append(f"{name}: {text.get_text()!r} covers {other.get_text()!r}")
        # Nor do the labels of dose changes a few days apart.
        steps = [t.get_window_extent(renderer) for t in texts if t.get_gid() == "dose_label"]
        for index, box in enumerate(steps):
            if any(box.overlaps(other) for other in steps[index + 1 :]):
                problems.append(f"{name}: dose labels cover each other at {box.bounds}")
        if name.startswith("over time") or name == "trial periods":
            legends = [*fig.legends, *(a.get_legend() for a in fig.axes if a.get_legend())]
            assert legends, f"{name}: no legend"
            shown = {t.get_text() for legend in legends for t in legend.get_texts()}
            assert shown <= {t.get_text() for t in texts}, f"{name}: legend not drawn"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("size_inches", "font_size"), SMALL_FIGURES)
def test_every_german_word_of_every_chart_lies_inside_a_small_figure(
    size_inches, font_size, monkeypatch
):
    """German, the longest language: "(Ausgangswerte)", one word wider than its column in a
    narrow window, ran into the next column's caption."""
    from rlstracker import translations

    translations.speak("de")
    try:
        test_every_word_of_every_chart_lies_inside_a_small_figure(
            size_inches, font_size, monkeypatch
        )
    finally:
        translations.speak("en")


@pytest.mark.parametrize(("size_inches", "font_size"), SMALL_FIGURES)
def test_the_scale_takes_the_room_its_words_need_in_any_language(
    size_inches, font_size, monkeypatch
):
    """The room on the left was measured for "worst 10": a longer translation of the scale's
    ends pushed the title off the figure and the captions into each other."""
    ends = {0: "überhaupt keine 0", 10: "am allerschlimmsten 10"}
    monkeypatch.setattr(charts, "_severity_tick", lambda value: ends.get(value, str(value)))
    test_every_word_of_every_chart_lies_inside_a_small_figure(size_inches, font_size, monkeypatch)
