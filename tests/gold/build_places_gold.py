"""Writes tests/gold/places.jsonl: voivodeship, distance and size questions (PL and EN).

Expected rows come from `places_reference.py` (GeoNames read independently of the package):
rows of units surely fitting must be in the answer (`rows_include`), and the answer may hold
only rows of units that may fit (`rows_within`). Ranked questions (nearest, similar size) expect
the names of the first surely placed units (`answer_contains`) when no unsure unit could be
among them.

`assistant eval` runs it with the other gold sets (the query plan answers place questions).

    python tests/gold/build_places_gold.py
"""

from __future__ import annotations

import json
from pathlib import Path

from places_reference import Reference
from reference import by_country, of_type

OUT = Path(__file__).resolve().parent / "places.jsonl"
HELD_OUT = Path(__file__).resolve().parent / "places_heldout.jsonl"


def keys(rows) -> list[list]:
    return sorted([r.source, r.line] for r in rows)


def two_sided(case_id, category, lang, question, sure, maybe, selection: dict) -> dict:
    """A case; `selection` (ignored by `assistant eval`) says what the reference selected, so
    tests/test_places.py can check the package's place lookups against the same rows."""
    assert sure, case_id  # a case must ask for something that is there
    expect = {"route": "table", "rows_include": keys(sure), "rows_within": keys(maybe)}
    return {
        "id": case_id,
        "category": category,
        "lang": lang,
        "turns": [question],
        "expect": expect,
        "selection": selection,
    }


def ranked(category: str, names: list[str] | None, *questions: tuple[str, str, str]) -> list:
    """Cases of a ranking whose first names the answer must hold (none if the reference is unsure)."""
    return [
        {"id": case_id, "category": category, "lang": lang, "turns": [question],
         "expect": {"route": "table", "answer_contains": names}}
        for case_id, lang, question in questions
        if names
    ]  # fmt: skip


def what(selection) -> dict:
    """The unit type and partner country a selection of rows was made by (None: any)."""
    types = {r.unit_type for r in selection}
    countries = {r.country for r in selection}
    return {
        "unit_type": types.pop() if len(types) == 1 else None,
        "country": countries.pop() if len(countries) == 1 else None,
    }


def main() -> None:
    ref = Reference()
    rows = ref.rows
    gminas = of_type(rows, "gmina")
    powiats = of_type(rows, "powiat")
    cases = []

    def region(case_id, lang, question, code, selection):
        chosen = {"voivodeship": code, **what(selection)}
        sure, maybe = ref.in_region(code, selection)
        cases.append(two_sided(case_id, "region", lang, question, sure, maybe, chosen))

    region(
        "plc-pl-001",
        "pl",
        "Które gminy z województwa lubelskiego mają partnerów na Białorusi?",
        "75",
        by_country(gminas, "Białoruś"),
    )
    region(
        "plc-en-001",
        "en",
        "Which gminas in Lublin Voivodeship have partners in Belarus?",
        "75",
        by_country(gminas, "Białoruś"),
    )
    region("plc-en-002", "en", "partners of towns in Lower Silesia", "72", gminas)
    region("plc-pl-002", "pl", "partnerzy miast z Dolnego Śląska", "72", gminas)
    region(
        "plc-pl-003",
        "pl",
        "ile partnerstw z Niemcami mają powiaty z Wielkopolski?",
        "86",
        by_country(powiats, "Niemcy"),
    )
    region(
        "plc-en-003",
        "en",
        "How many partnerships with Germany do powiats in Greater Poland have?",
        "86",
        by_country(powiats, "Niemcy"),
    )
    region(
        "plc-pl-004",
        "pl",
        "gminy z Małopolski współpracujące ze Słowacją",
        "77",
        by_country(gminas, "Słowacja"),
    )
    region(
        "plc-en-004",
        "en",
        "gminas in Lesser Poland with partners in Slovakia",
        "77",
        by_country(gminas, "Słowacja"),
    )
    region(
        "plc-pl-005",
        "pl",
        "Które gminy z Warmii i Mazur mają partnerów w Rosji?",
        "85",
        by_country(gminas, "Rosja"),
    )
    region(
        "plc-en-005",
        "en",
        "Which towns in Warmia-Masuria have partners in Russia?",
        "85",
        by_country(gminas, "Rosja"),
    )
    region(
        "plc-pl-006",
        "pl",
        "podkarpackie gminy z partnerami na Ukrainie",
        "80",
        by_country(gminas, "Ukraina"),
    )
    region(
        "plc-en-006",
        "en",
        "Subcarpathian gminas with Ukrainian partners",
        "80",
        by_country(gminas, "Ukraina"),
    )
    region(
        "plc-pl-007",
        "pl",
        "gminy ze Śląska współpracujące z Czechami",
        "83",
        by_country(gminas, "Czechy"),
    )
    region(
        "plc-en-007",
        "en",
        "towns in Silesian Voivodeship partnered with Czech towns",
        "83",
        by_country(gminas, "Czechy"),
    )
    region(
        "plc-pl-008",
        "pl",
        "partnerzy litewscy gmin z województwa podlaskiego",
        "81",
        by_country(gminas, "Litwa"),
    )
    region(
        "plc-en-008",
        "en",
        "Lithuanian partners of gminas in Podlaskie",
        "81",
        by_country(gminas, "Litwa"),
    )

    def near(case_id, lang, question, centre, country_code, km, selection):
        (city,) = [c for c in ref.lookup(centre, country_code) if c.population > 10_000][:1]
        sure, maybe = ref.near(city.lat, city.lon, km, selection)
        chosen = {"centre": centre, "centre_country": country_code, "km": km, **what(selection)}
        case = two_sided(case_id, "distance", lang, question, sure, maybe, chosen)
        if "seeks a Polish partner" in question or "szuka partnera" in question:
            # A partner search answers with a ranking of units (their rows in a list column):
            # the surely placed units must be named; the rows stay for the lookup test.
            case["selection"]["rows"] = case.pop("expect")
            case["expect"] = {"route": "table", "answer_contains": sorted({r.unit for r in sure})}
        cases.append(case)

    near(
        "plc-en-009",
        "en",
        "gminas within 30 km of Nowy Sącz with partners in Slovakia",
        "Nowy Sącz",
        "PL",
        30,
        by_country(gminas, "Słowacja"),
    )
    near(
        "plc-pl-009",
        "pl",
        "gminy w promieniu 30 km od Nowego Sącza z partnerami na Słowacji",
        "Nowy Sącz",
        "PL",
        30,
        by_country(gminas, "Słowacja"),
    )
    near(
        "plc-en-010",
        "en",
        "A town in Slovakia near Žilina seeks a Polish partner: which Polish gminas within 60 km of Žilina have Slovak partners?",
        "Žilina",
        "SK",
        60,
        by_country(gminas, "Słowacja"),
    )
    near(
        "plc-pl-010",
        "pl",
        "Miasto ze Słowacji koło Żyliny szuka partnera: które polskie gminy do 60 km od Żyliny mają partnerów na Słowacji?",
        "Žilina",
        "SK",
        60,
        by_country(gminas, "Słowacja"),
    )
    near("plc-pl-011", "pl", "partnerzy gmin do 20 km od Krakowa", "Kraków", "PL", 20, gminas)
    near(
        "plc-en-011", "en", "partners of gminas within 20 km of Kraków", "Kraków", "PL", 20, gminas
    )

    lviv = ref.lookup("Lviv", "UA")[0]
    nearest = next(
        filter(None, (ref.nearest_units(lviv.lat, lviv.lon, n) for n in (3, 2, 1))), None
    )
    cases += ranked(
        "distance", nearest,
        ("plc-en-012", "en", "the Polish partners closest to Lviv"),
        ("plc-pl-012", "pl", "polskie gminy położone najbliżej Lwowa"),
    )  # fmt: skip

    def size(case_id, lang, question, selection, over=None, under=None):
        sure, maybe = (
            ref.larger_than(over, selection) if over else ref.smaller_than(under, selection)
        )
        chosen = {"over": over, "under": under, **what(selection)}
        cases.append(two_sided(case_id, "size", lang, question, sure, maybe, chosen))

    size(
        "plc-en-013",
        "en",
        "towns over 50,000 inhabitants with a partner in France",
        by_country(gminas, "Francja"),
        over=50_000,
    )
    size(
        "plc-pl-013",
        "pl",
        "miasta powyżej 50 000 mieszkańców mające partnera we Francji",
        by_country(gminas, "Francja"),
        over=50_000,
    )
    size(
        "plc-pl-014",
        "pl",
        "miasta powyżej 100 tys. mieszkańców współpracujące z Holandią",
        by_country(gminas, "Holandia"),
        over=100_000,
    )
    size(
        "plc-en-014",
        "en",
        "cities of more than 100,000 people with Dutch partners",
        by_country(gminas, "Holandia"),
        over=100_000,
    )
    size(
        "plc-en-015",
        "en",
        "gminas with fewer than 2,000 inhabitants that have partners in Germany",
        by_country(gminas, "Niemcy"),
        under=2_000,
    )
    size(
        "plc-pl-015",
        "pl",
        "gminy poniżej 2000 mieszkańców z partnerami w Niemczech",
        by_country(gminas, "Niemcy"),
        under=2_000,
    )

    cases += ranked(
        "size", ref.similar_to("Hrubieszów", 3),
        ("plc-en-016", "en", "a town of similar size to Hrubieszów"),
        ("plc-pl-016", "pl", "gminy podobnej wielkości do Hrubieszowa"),
    )  # fmt: skip

    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")
    print(f"{len(cases)} cases -> {OUT}")

    # Held-out region questions: phrasings written apart from the ones the plan was built on
    # (other voivodeships, word orders, no diacritics, English adjectives), not tuned against.
    held: list[dict] = []

    def heldout(case_id, lang, question, code, selection):
        chosen = {"voivodeship": code, **what(selection)}
        sure, maybe = ref.in_region(code, selection)
        held.append(two_sided(case_id, "region_heldout", lang, question, sure, maybe, chosen))

    heldout(
        "plh-pl-001",
        "pl",
        "Jakie gminy z Pomorza współpracują ze Szwecją?",
        "82",
        by_country(gminas, "Szwecja"),
    )
    heldout(
        "plh-en-001",
        "en",
        "Pomeranian gminas with Swedish partners",
        "82",
        by_country(gminas, "Szwecja"),
    )
    heldout(
        "plh-pl-002",
        "pl",
        "partnerzy we Francji gmin z lodzkiego",
        "74",
        by_country(gminas, "Francja"),
    )
    heldout(
        "plh-en-002",
        "en",
        "French partners of towns in the Łódź Voivodeship",
        "74",
        by_country(gminas, "Francja"),
    )
    heldout(
        "plh-pl-003",
        "pl",
        "gminy z Mazowsza mające partnerów na Ukrainie",
        "78",
        by_country(gminas, "Ukraina"),
    )
    heldout(
        "plh-en-003",
        "en",
        "Masovian towns twinned with Ukrainian towns",
        "78",
        by_country(gminas, "Ukraina"),
    )
    heldout(
        "plh-pl-004",
        "pl",
        "Z kim w Niemczech współpracują gminy województwa zachodniopomorskiego?",
        "87",
        by_country(gminas, "Niemcy"),
    )
    heldout(
        "plh-en-004",
        "en",
        "partners in Germany of gminas in West Pomerania",
        "87",
        by_country(gminas, "Niemcy"),
    )
    heldout("plh-pl-005", "pl", "świętokrzyskie gminy i ich partnerzy", "84", gminas)
    heldout("plh-en-005", "en", "partners of gminas in Swietokrzyskie", "84", gminas)
    heldout(
        "plh-pl-006",
        "pl",
        "gminy z Opolszczyzny współpracujące z Niemcami",
        "79",
        by_country(gminas, "Niemcy"),
    )
    heldout(
        "plh-en-006",
        "en",
        "Opole Voivodeship gminas with partners in Germany",
        "79",
        by_country(gminas, "Niemcy"),
    )
    heldout(
        "plh-pl-007",
        "pl",
        "partnerzy czescy gmin z Dolnego Slaska",
        "72",
        by_country(gminas, "Czechy"),
    )
    heldout(
        "plh-en-007",
        "en",
        "Czech partners of Lower Silesian gminas",
        "72",
        by_country(gminas, "Czechy"),
    )
    heldout(
        "plh-pl-008",
        "pl",
        "gminy lubuskie mające partnerów w Niemczech",
        "76",
        by_country(gminas, "Niemcy"),
    )
    heldout(
        "plh-en-008",
        "en",
        "gminas in Lubusz with German partners",
        "76",
        by_country(gminas, "Niemcy"),
    )
    HELD_OUT.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in held), "utf-8")
    print(f"{len(held)} cases -> {HELD_OUT}")


if __name__ == "__main__":
    main()
