"""The trial in the charts and in the report for the doctor (content and the rendered PDF)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from matplotlib.figure import Figure
from PySide6.QtGui import QPageSize

from rlstracker import charts
from rlstracker.domain.plan import Plan
from rlstracker.domain.trial import TrialDesign, view
from rlstracker.report.content import build_report
from rlstracker.report.render import report_pdf
from tests.domain.builders import SAFE
from tests.domain.trial_sim import simulate
from tests.test_report import pdf_text

DONE = simulate(3, effect=3.0)
END = DONE.nights[-1].date + (DONE.nights[-1].date - DONE.nights[-2].date)
BLIND = simulate(4, effect=3.0, design=TrialDesign(blind=True))


def sealed_midway():
    """The blind trial as it stood half-way, its order still sealed."""
    half = BLIND.trial.first_night + (BLIND.view.last_night - BLIND.trial.first_night) / 2
    nights = [n for n in BLIND.nights if n.date < half]
    trial = dataclasses.replace(
        BLIND.trial, period_ends=tuple(e for e in BLIND.trial.period_ends if e < half)
    )
    return view(trial, nights, half), nights, half


def report(nights, v, made_on):
    return build_report(nights, Plan(), SAFE, None, [], made_on, trial=v)


def gids(figure: Figure) -> set[str]:
    return {a.get_gid() for axes in figure.axes for a in [*axes.patches, *axes.lines]}


def test_the_timeline_shades_the_periods_on_and_without():
    figure = Figure()
    charts.draw_timeline(figure, DONE.nights, trial=DONE.view)
    found = gids(figure)
    assert {"trial_on", "trial_off"} <= found and "trial_sealed" not in found
    spans = [p for p in figure.axes[0].patches if p.get_gid() in ("trial_on", "trial_off")]
    assert len(spans) == 8


def test_while_sealed_the_charts_show_the_periods_but_not_which_is_which():
    v, nights, _ = sealed_midway()
    figure = Figure()
    charts.draw_timeline(figure, nights, trial=v)
    assert "trial_sealed" in gids(figure) and not {"trial_on", "trial_off"} & gids(figure)
    means = Figure()
    charts.draw_period_means(means, v)
    assert "means_sealed" in gids(means) and not {"means_on", "means_off"} & gids(means)
    labels = [t.get_text() for t in means.axes[0].get_xticklabels()]
    assert not any("on" in label.split("\n")[-1] for label in labels if "\n" in label)


def test_the_period_means_chart_marks_on_and_without_and_joins_each_pair():
    figure = Figure()
    charts.draw_period_means(figure, DONE.view)
    found = gids(figure)
    assert {"means_on", "means_off", "pair:1", "pair:4"} <= found
    first = figure.axes[0].get_xticklabels()[0].get_text()
    assert first in (
        "Week 1\non",
        "Week 1\nnone",
    )


def test_the_report_section_of_a_finished_trial(qapp):
    content = report(DONE.nights, DONE.view, END)
    section = content.trial
    assert section is not None and section.state.startswith("Done on")
    assert len(section.rows) == 8 and section.rows[0][0] == "Week 1"
    assert any(line.startswith("Better on magnesium") for line in section.result)
    assert any("Guyatt" in line and "CENT 2015" in line for line in section.limits)
    during = [s for s in content.steps if DONE.trial.first_night <= s.last < END]
    assert during and all(s.action_after.startswith("Trial") for s in during[:-1])
    _, text = pdf_text(report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))[0])
    assert "Personal trial: does magnesium help?" in text
    assert "75% interval" in text and "Randomisation test" in text and "can't prove" in text
    assert "What a trial like this can't show" in text and "Mean on magnesium" in text
    assert "Period Dates Magnesium" in text  # the schedule's header
    # The dose steps call a trial's nights without magnesium what they are, not a baseline.
    without = [s for s in content.steps if s.dose_mg == 0 and s.first >= DONE.trial.first_night]
    assert without and "none (a trial period)" in text
    assert text.count("none (baseline or pause)") == sum(
        1 for s in content.steps if s.dose_mg == 0 and s.first < DONE.trial.first_night
    )


def test_a_trial_stopped_before_its_first_night_has_no_empty_schedule_in_the_report(qapp):
    first = DONE.trial.first_night
    stopped = dataclasses.replace(DONE.trial, period_ends=(), stopped_on=first - timedelta(days=1))
    nights = [n for n in DONE.nights if n.date < first]
    content = report(nights, view(stopped, nights, first), first)
    assert content.trial is not None and content.trial.rows == []
    _, text = pdf_text(report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))[0])
    assert "Personal trial: does magnesium help?" in text and "no result" in text
    assert "Period Dates Magnesium" not in text  # the schedule's header, with no period under it


def test_the_report_of_a_sealed_trial_tells_nothing_of_the_order(qapp):
    v, nights, half = sealed_midway()
    content = report(nights, v, half)
    assert {row[2] for row in content.trial.rows} == {"sealed until the end"}
    assert {row[4] for row in content.trial.rows} == {"–"}
    _, text = pdf_text(report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))[0])
    assert "sealed until the end" in text
    for telling in ("magnesium, 200 mg", "Mean on magnesium", "Trial: none", "none (but"):
        assert telling not in text


def test_the_helper_sheet_of_the_longest_trial_is_one_page_in_german(qapp):
    """print_ added 2 cm of its own inside the page's margins: the German sheet's last line,
    alone, went onto a second page."""
    import io
    from datetime import date

    from pypdf import PdfReader

    from rlstracker import translations
    from rlstracker.demo import demo_diary
    from rlstracker.report.helper_sheet import helper_sheet_pdf
    from tests.domain.trial_sim import new_trial

    first = date(2026, 11, 27)
    trial = new_trial(first, 7, TrialDesign(pairs=4, blind=True))
    translations.speak("de")
    try:
        data = helper_sheet_pdf(trial, demo_diary(first).product)
    finally:
        translations.speak("en")
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 1
    assert "RLS Tracker." in " ".join(pages[0].extract_text().split())  # the last line too


def test_the_period_means_chart_says_with_and_without_in_the_language():
    from rlstracker import translations

    translations.speak("de")
    try:
        figure = Figure()
        charts.draw_period_means(figure, DONE.view)
        labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    finally:
        translations.speak("en")
    assert {label.split("\n")[-1] for label in labels} == {"mit", "ohne"}, labels
    assert labels[0].startswith("Woche 1\n"), labels
