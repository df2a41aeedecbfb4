"""A continent stands for the survey's countries on it (GeoNames' continent of each country):
'partners in Africa', 'azjatyccy partnerzy Krakowa', 'not the ones in Asia'."""

from __future__ import annotations

import pytest

from assistant.places import continent_countries
from assistant.understand import understand


def countries_of(result) -> set[str]:
    return {row[2] for row in result.data.rows}


def test_every_survey_country_lies_on_one_continent():
    found = [c for members in continent_countries().values() for c in members]
    assert len(found) == len(set(found))
    assert {"Niemcy", "Polska"} <= continent_countries()["EU"]
    assert {"Chiny", "Japonia"} <= continent_countries()["AS"]


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("Which Polish towns have partners in Africa?", "AF"),
        ("azjatyccy partnerzy Krakowa", "AS"),
        ("partnerstwa polskich gmin z Ameryką Południową", "SA"),
    ],
)
def test_a_continent_filters_its_countries(assistant, question, code):
    result = assistant.answer(question)
    assert result.data.rows and countries_of(result) <= continent_countries()[code]
    assert result.not_applied == []


def test_a_negated_continent_leaves_its_countries_out(assistant):
    result = assistant.answer("Warsaw's partners, but not the ones in Asia")
    alone = assistant.answer("Warsaw's partners")
    kept = countries_of(alone) - continent_countries()["AS"]
    assert countries_of(result) == kept and len(result.data.rows) < len(alone.data.rows)


def test_the_european_union_is_no_continent(assistant):
    rt = assistant.runtime
    u = understand("Partners of Piła funded by the European Union", None, rt.units, rt.gazetteer)
    assert u.intent.countries == []
