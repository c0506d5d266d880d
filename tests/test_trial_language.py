"""The personal trial in German: Tonight's reasons, the status line of a trial a break stopped,
the result, the schedule's words and the helper's sheet, with German dates and decimal commas.
The diary keeps a break's reason the same in every language; it is said in the one in use."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from rlstracker import translations
from rlstracker.domain import language
from rlstracker.domain.trial import TrialDesign, view
from rlstracker.domain.trial.words import (
    LIMITS,
    SCHEDULE_HEADERS,
    design_lines,
    period_cells,
    state_line,
    stop_reason_words,
    view_lines,
)
from rlstracker.report.helper_sheet import helper_sheet_html
from tests.domain.test_trial_tonight import BEFORE, TRIAL, S, lived, tonight
from tests.domain.trial_sim import live_with_a_gap, new_trial, simulate

DAY = timedelta(days=1)


def test_tonight_during_a_trial_speaks_german(german):
    answer, _ = tonight(lived(until=S + 5 * DAY), S + 5 * DAY)
    assert (
        answer.reasons[0]
        == "Versuch, Woche 1 von 8, Nacht 6: diese Woche Magnesium, 200 mg jeden Abend."
    )
    assert "Nehmen Sie es zum Abendessen ein." in answer.advice


def test_a_break_is_kept_the_same_in_every_language_and_said_in_the_one_in_use(german):
    evenings, nights = live_with_a_gap(TRIAL, list(BEFORE), S + 5 * DAY, 15, S + 21 * DAY)
    stopped = evenings[-1].trial
    last_dose = S + 4 * DAY
    assert stopped.stop_reason == (
        f"a break (no dose recorded for 14 days after {last_dose.isoformat()})"
    )
    line = state_line(view(stopped, nights, S + 21 * DAY))
    when = language.day_month_year(last_dose)  # '5. März 2026'
    assert line.startswith(f"Beendet am {language.day_month_year(stopped.stopped_on)} durch")
    assert f"eine Pause (14 Tage lang keine Dosis eingetragen nach dem {when})" in line
    assert "kein Ergebnis" in line


def test_the_result_speaks_german_with_decimal_commas(german):
    done = simulate(3, effect=3.0)
    lines = view_lines(done.view)
    text = " ".join(lines)
    assert lines[0].startswith("Abgeschlossen am ")
    assert "Die Beschwerden lagen im Mittel bei " in text and "Randomisierungstest" in text
    assert re.search(r"bei \d,\d von 10", text)
    assert not re.search(r"\d\.\d", text)  # no English decimal point
    assert "beweisen kann er es nicht" in text


def test_the_schedule_and_its_limits_speak_the_language_in_use_when_read(german):
    assert list(SCHEDULE_HEADERS) == [
        "Abschnitt",
        "Zeitraum",
        "Magnesium",
        "Nächte",
        "Mittlere Beschwerden",
    ]
    assert LIMITS[1].startswith("Die Beschwerden sind Ihre eigene Bewertung von 0 bis 10")
    trial = new_trial(S, design=TrialDesign(period_nights=8))
    v = view(trial, lived(trial, S + 2 * DAY), S + 2 * DAY)
    cells = period_cells(v, v.periods[0])
    assert cells[0] == "Abschnitt 1" and cells[3] == "0 verwertbar; läuft"
    assert cells[1].endswith(language.day_month_year(S + 7 * DAY))
    assert design_lines(trial)[0].startswith("4 Paare von Abschnitten zu 8 Nächten")
    translations.speak("en")
    assert SCHEDULE_HEADERS[0] == "Period" and period_cells(v, v.periods[0])[0] == "Period 1"


def test_the_helper_sheet_speaks_german_with_german_dates(german):
    blind = new_trial(S, seed=11, design=TrialDesign(blind=True))
    sheet = helper_sheet_html(blind, None)
    assert "<h1>Blatt für die helfende Person: ein verblindeter Versuch mit Magnesium</h1>" in sheet
    assert "<th>Geplante Daten</th>" in sheet and "Woche 1" in sheet
    assert "jeden Abend" in sheet and language.day_month_year(S + 6 * DAY) in sheet


def test_a_break_kept_before_its_reason_was_language_free_is_said_in_the_language_in_use(german):
    """A diary from before: the reason's date as the app then wrote it ('30 Apr 2026')."""
    stopped = dataclasses.replace(
        new_trial(S),
        period_ends=(S + 6 * DAY,),
        stopped_on=S + 14 * DAY,
        stop_reason="a break (no dose recorded for 14 days after 17 Apr 2026)",
    )
    assert stop_reason_words(stopped) == (
        f"eine Pause (14 Tage lang keine Dosis eingetragen nach dem {language.day_month_year(S)})"
    )
    by_person = dataclasses.replace(stopped, stop_reason="going away")
    assert stop_reason_words(by_person) == "going away"
