"""How a question names its unit: a statement before it says who asks ('Mieszkam w Krakowie. Jakie miasta
partnerskie ma Gdańsk?'): its places are no filters when the question names its own unit and
points back at nothing; a statement the question points back at, or one that holds a filter,
stays part of it."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def plan(assistant, question: str) -> dict:
    rt = assistant.runtime
    u = understand(question, None, rt.units, rt.gazetteer)
    return u.intent.model_dump(exclude_defaults=True)


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Mieszkam w Krakowie. Jakie miasta partnerskie ma Gdańsk?", "Gdańsk"),
        ("hello! I'm visiting from Genk - which towns is Cieszyn twinned with?", "Cieszyn"),
        ("Jestem z Genk. Z kim współpracuje Cieszyn?", "Cieszyn"),
        ("I live in Germany. Which partners does Kraków have?", "Kraków"),
    ],
)  # fmt: skip
def test_the_places_of_who_asks_are_no_filters(assistant, question, unit):
    p = plan(assistant, question)
    assert p["units"] == [unit]
    assert not {"partners", "countries", "topics", "unknown_names", "shape"} & set(p)
    # the statement's own words are said not applied, never its places
    assert not {"Genk", "Krakowie", "Germany"} & set(p.get("not_applied", []))


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("My grandmother was born in Lwów. Which Polish towns are twinned with it?", "partners"),
        ("Jesteśmy z Genk. Czy Cieszyn ma z nami umowę?", "partners"),
        ("Interesują mnie gminy z Mazowsza. Które mają partnerów we Francji?", "regions"),
        ("Interesują mnie umowy z Niemcami. Jakie ma Kraków?", "countries"),
        ("Kraków i Lublin - kto ma więcej partnerów?", "compare_units"),
    ],
)  # fmt: skip
def test_a_statement_the_question_needs_stays_in_it(assistant, question, kept):
    assert plan(assistant, question).get(kept)


def test_with_whom_is_a_list_not_a_yes_or_no(assistant):
    assert "shape" not in plan(assistant, "Z kim współpracuje Kraków?")


def test_an_abbreviated_place_name_is_found_written_out(assistant):
    """The survey writes 'Kostrzyn n/Odrą'; a visitor writes 'nad Odrą', in any case."""
    for question in ("lista partnerstw kostrzyna nad odrą", "Kostrzyn nad Odrą partnerzy"):
        assert plan(assistant, question)["units"] == ["Kostrzyn n/Odrą"]
