"""Iron: what Tonight and the report say about ferritin and transferrin saturation."""

from __future__ import annotations

from datetime import date

import pytest

from rlstracker.domain.iron import IronResult, iron_advice
from rlstracker.domain.models import InvalidRecord

TODAY = date(2026, 11, 26)


def test_with_no_result_the_app_suggests_asking_for_both():
    advice = iron_advice([], TODAY)
    assert advice is not None and not advice.low
    assert "ferritin and transferrin saturation" in advice.text


@pytest.mark.parametrize(
    "result",
    [
        IronResult(date(2026, 10, 1), ferritin_ng_per_ml=75),
        IronResult(date(2026, 10, 1), ferritin_ng_per_ml=120, saturation_percent=19),
    ],
)
def test_low_iron_says_guidelines_recommend_discussing_treatment(result):
    advice = iron_advice([result], TODAY)
    assert advice is not None and advice.low
    assert "Guidelines recommend discussing iron treatment with your clinician" in advice.text


def test_the_latest_results_count():
    old_low = IronResult(date(2026, 1, 1), ferritin_ng_per_ml=30, saturation_percent=15)
    new_fine = IronResult(date(2026, 10, 1), ferritin_ng_per_ml=120, saturation_percent=25)
    assert iron_advice([old_low, new_fine], TODAY) is None


def test_a_missing_saturation_is_asked_for():
    advice = iron_advice([IronResult(date(2026, 10, 1), ferritin_ng_per_ml=120)], TODAY)
    assert advice is not None and "No transferrin saturation" in advice.text


@pytest.mark.parametrize(
    "ferritin, saturation", [(None, None), (0, None), (None, 101), (6000, None)]
)
def test_impossible_results_are_refused(ferritin, saturation):
    with pytest.raises(InvalidRecord):
        IronResult(TODAY, ferritin, saturation)
