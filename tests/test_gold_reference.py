"""Checks that the gold-set reference reader (tests/gold/reference.py) is right.

The facts below were checked by hand against the corpus (grep, reading lines),
so that the expected answers of tests/gold/tables.jsonl can be trusted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "gold"
sys.path.insert(0, str(GOLD))

import build_gold  # noqa: E402
import reference as R  # noqa: E402

GM = R.GMINA_TABLE
PW = R.POWIAT_TABLE


@pytest.fixture(scope="module")
def rows() -> list[R.Row]:
    return R.load_rows()


def lines_of(source: str) -> list[str]:
    return (R.PROJECT / source).read_text(encoding="utf-8").split("\n")


def row_at(rows, source: str, line: int) -> R.Row:
    (row,) = [r for r in rows if r.source == source and r.line == line]
    return row


def test_every_non_header_non_blank_line_is_a_row(rows):
    for source in (GM, PW):
        expected = set()
        for number, line in enumerate(lines_of(source), start=1):
            if not line.strip():
                continue
            first = line.split("\t")[0]
            is_header = (
                first in ("L.p.", "polskie miasto/gmina") or line.strip() == "umowa\tinna forma"
            )
            if not is_header:
                expected.add(number)
        assert {r.line for r in rows if r.source == source} == expected


def test_row_counts(rows):
    assert sum(r.source == GM for r in rows) == 3349
    assert sum(r.source == PW for r in rows) == 443
    # the powiat table numbers its rows 1..443 (L.p.), header lines repeat between pages
    numbers = [line.split("\t")[0] for line in lines_of(PW) if line[:1].isdigit()]
    assert numbers == [str(n) for n in range(1, 444)]


def test_header_and_blank_lines_are_not_rows(rows):
    lines = {r.line for r in rows if r.source == PW}
    assert not {1, 2, 3, 4, 36, 37, 480, 481} & lines
    assert 5 in lines and 38 in lines


@pytest.mark.parametrize(
    ("source", "prefixes", "name", "count"),
    [
        (GM, ["Kraków\t", "Krak\ufffdw\t"], "Kraków", 34),
        (GM, ["Muszyna\t"], "Muszyna", 24),
        (GM, ["Częstochowa\t"], "Częstochowa", 16),
        (GM, ["Sulejówek\t", "Sulej\ufffdwek\t"], "Sulejówek", 3),
        (GM, ["Grodzisk Mazowiecki\t"], "Grodzisk Mazowiecki", 6),
        (PW, ["Powiat żywiecki\t"], "Powiat żywiecki", 14),
        (PW, ["Powiat szamotulski\t"], "Powiat szamotulski", 6),
    ],
)
def test_unit_row_counts_match_grep(rows, source, prefixes, name, count):
    lead = 1 if source == PW else 0
    grepped = [
        n
        for n, line in enumerate(lines_of(source), start=1)
        if any("\t".join(line.split("\t")[lead:]).startswith(p) for p in prefixes)
    ]
    assert len(grepped) == count
    assert sorted(r.line for r in R.rows_of_unit(rows, name)) == grepped


def test_encoding_damaged_unit_names_resolve(rows):
    krakow = row_at(rows, GM, 536)
    assert krakow.unit_written == "Krak\ufffdw"
    assert krakow.unit == "Kraków"
    assert row_at(rows, GM, 531).unit == "Świeradów Zdrój"
    # no real `Ostrów Mazowiecka (gmina)` row exists: the base name is repaired
    assert row_at(rows, GM, 546).unit == "Ostrów Mazowiecka (gmina)"
    assert R.units_named(rows, "Ostrów Mazowiecka") == [
        "Ostrów Mazowiecka",
        "Ostrów Mazowiecka (gmina)",
    ]
    assert not [r for r in rows if "\ufffd" in r.unit]


def test_damaged_lines_are_thirteen():
    damaged = [line for s in (GM, PW) for line in lines_of(s) if "\ufffd" in line]
    assert len(damaged) == 13


def test_diacritic_spellings_of_one_unit_are_merged(rows):
    assert R.units_named(rows, "Łańcut") == ["Łańcut"]
    assert len(R.rows_of_unit(rows, "Łańcut")) == len(R.rows_of_unit(rows, "Łañcut"))
    # a differently disambiguated unit stays separate
    assert R.units_named(rows, "Malbork") == ["Malbork", "Małbork (gmina)"]


def test_ambiguous_base_names(rows):
    assert R.units_named(rows, "Brody") == ["Brody (pow. starachowicki)", "Brody (pow. żarski)"]
    assert R.units_named(rows, "Suwałki") == ["Suwałki", "Suwałki (gmina)"]
    assert R.units_named(rows, "Czernichów (pow. żywiecki)") == ["Czernichów (pow. żywiecki)"]
    with pytest.raises(KeyError):
        R.rows_of_unit(rows, "Powiat bielski")
    assert R.split_unit("Ujazd (pow. strzelecki))") == ("Ujazd", "pow. strzelecki")


def test_years_and_flags(rows):
    plock = row_at(rows, GM, 100)  # 1996 (2005 zawieszona)
    assert plock.agreement_year == 1996 and plock.loose_years == {1996, 2005}
    both = row_at(rows, GM, 2379)  # Czechowice - Dziedzice: 2009 | 2008
    assert both.years == {2008, 2009}
    assert both in R.in_year(rows, 2008) and both in R.in_year(rows, 2009)
    aachen = row_at(rows, PW, 129)  # przed 1989
    assert aachen.agreement_year is None and aachen.formal
    nodata = row_at(rows, GM, 25)  # Oleszyce  Austria  Güssing  b.d.  b.d.
    assert nodata.no_data and not nodata.formal and nodata.years == set()
    strumien = row_at(rows, GM, 2537)  # 2008 list Intencyjny
    assert strumien.letter_of_intent and strumien.only_letter_of_intent
    assert strumien.other_year == 2008
    from_year = [r for r in rows if r.other_form.startswith("od 1992")]
    assert from_year and all(r.other_year == 1992 for r in from_year)
    assert row_at(rows, GM, 138).years == set()  # Kraków  Bułgaria  Wielkie Tyrnowo, empty cells


def test_range_since_before_after_bounds(rows):
    krakow = R.rows_of_unit(rows, "Kraków")
    assert {r.line for r in R.in_range(krakow, 1985, 1985)} == {1185, 3347}
    assert row_at(rows, GM, 1038) in R.since(krakow, 1991)  # 1991 counts for since
    assert row_at(rows, GM, 1038) not in R.after(krakow, 1991)
    assert row_at(rows, GM, 1038) not in R.before(krakow, 1991)


def test_partner_variants_and_exonyms(rows):
    assert R.partner_variants("Brest (Brześć)") == ("Brest (Brześć)", "Brest", "Brześć")
    assert {r.line for r in R.by_partner(rows, "Vienna")} == {20, 37}  # not Wien-Donaustadt
    assert {r.line for r in R.by_partner(rows, "Wiedeń")} == {20, 37}
    brest = R.by_partner(rows, "Brest")
    assert {(r.source, r.line) for r in brest} == {(GM, 71), (GM, 88), (PW, 17)}
    assert {r.line for r in R.by_partner(rows, "Kowno")} == {1001, 1037, 1050, 1127}


def test_counts_groups_and_top(rows):
    assert R.group_by_country(R.rows_of_unit(rows, "Wrocław"))["Niemcy"] == 2
    assert R.count(R.by_country(rows, "Niemcy")) == 996
    assert R.top_n(R.group_by_country(rows), 3) == ["Niemcy", "Ukraina", "Czechy"]
    assert R.top_n({"a": 3, "b": 2, "c": 2}, 3) == ["a"]  # a tie has no defined order


def test_partner_search_ranking(rows):
    groups, top = R.partner_search(rows, "Słowacja", "gmina")
    assert groups["Muszyna"] == 23
    assert top[0] == "Muszyna"
    # Węgry: Krosno and Łańcut both have 3 rows and a formal agreement; Krosno's latest
    # year is more recent
    _, top = R.partner_search(rows, "Węgry", "gmina")
    assert top[:2] == ["Krosno", "Łańcut"]


def test_gold_file_is_current_and_well_formed(rows):
    path = GOLD / "tables.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert cases == build_gold.build(), "run tests/gold/build_gold.py"
    assert len(cases) >= 260
    assert sum(c["lang"] == "pl" for c in cases) * 2 >= len(cases)
    assert len({c["id"] for c in cases}) == len(cases)
    known = {(r.source, r.line) for r in rows}

    def check(expect: dict) -> None:
        for alt in expect.get("any_of", []):
            check(alt)
        for key in expect.get("rows", []):
            assert tuple(key) in known
        if "total" in expect and "rows" in expect:
            assert expect["total"] == len(expect["rows"])

    for case in cases:
        assert set(case) == {"id", "category", "lang", "turns", "expect"}
        assert case["lang"] in ("pl", "en") and case["turns"]
        assert "route" in case["expect"] or "any_of" in case["expect"]
        check(case["expect"])
