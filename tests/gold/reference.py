"""Independent reference reader of the two 2009 survey tables.

This module is deliberately small and does NOT import the `assistant` package:
the gold answers in `tables.jsonl` are computed from it, so it must stay a
second, independent reading of the corpus. The semantics are those written in
`tests/gold/README.md` ("What the table questions mean").

Usage::

    from reference import load_rows, unit_rows, ...
    rows = load_rows()            # every partnership row of both tables
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

GMINA_TABLE = "corpus/tables/miasta-i-gminy-2009.tsv"
POWIAT_TABLE = "corpus/tables/powiaty-2009.tsv"
# source path -> (unit type, number of leading columns before the unit cell)
TABLES = {GMINA_TABLE: ("gmina", 0), POWIAT_TABLE: ("powiat", 1)}

DAMAGED = "\ufffd"  # U+FFFD REPLACEMENT CHARACTER left by an encoding accident
YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
TAG_RE = re.compile(r"<[^>]*>")

# Exonyms / other-language names of partner places. Each group is one place.
EXONYMS: list[set[str]] = [
    {"Wiedeń", "Vienna", "Wien"},
    {"Lwów", "Lviv", "L'viv", "Lwiw", "Lvov", "Lemberg"},
    {"Kaunas", "Kowno"},
    {"Vilnius", "Wilno"},
    {"Brest", "Brześć", "Brześć nad Bugiem"},
    {"Hrodna", "Grodno"},
    {"Minsk", "Mińsk"},
    {"Kijów", "Kyiv", "Kiev", "Kijiw"},
    {"Moskwa", "Moscow"},
    {"Budapest", "Budapeszt"},
    {"Bratislava", "Bratysława"},
    {"Košice", "Koszyce", "Kosice"},
    {"Prešov", "Preszów"},
    {"Žilina", "Żylina"},
    {"Bardejov", "Bardiów"},
    {"Tarnopol", "Ternopil"},
    {"Łuck", "Lutsk"},
    {"Równe", "Rivne"},
    {"Odessa", "Odesa"},
    {"Drohobycz", "Drohobych"},
    {"Truskawiec", "Truskavets"},
    {"Czerniowce", "Chernivtsi"},
    {"Klaipėda", "Kłajpeda"},
    {"Šiauliai", "Szawle"},
    {"Trakai", "Troki"},
    {"Druskininkai", "Druskienniki"},
    {"Roma", "Rzym", "Rome"},
    {"Firenze", "Florencja", "Florence"},
    {"Milano", "Mediolan", "Milan"},
    {"Praha", "Praga", "Prague"},
    {"Ostrava", "Ostrawa"},
    {"Göteborg", "Gothenburg", "Goeteborg"},
    {"Leipzig", "Lipsk"},
    {"Nürnberg", "Norymberga", "Nuremberg"},
    {"Sankt Petersburg", "Saint Petersburg", "Petersburg"},
    {"Edinburgh", "Edynburg"},
    {"Sevilla", "Sewilla", "Seville"},
]


def fold(text: str) -> str:
    """Lower-case, strip diacritics and HTML, normalise spaces around hyphens."""
    text = TAG_RE.sub("", text)
    text = text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def clean(cell: str) -> str:
    """A cell without HTML tags and surrounding blanks."""
    return re.sub(r"\s+", " ", TAG_RE.sub("", cell)).strip()


def split_unit(unit: str) -> tuple[str, str | None]:
    """`Czernichów (pow. żywiecki)` -> (`Czernichów`, `pow. żywiecki`)."""
    m = re.match(r"^(.*?)\s*\((.*)\)+\s*$", unit)
    if m is None:
        return clean(unit), None
    return clean(m.group(1)), clean(m.group(2)).rstrip(")")


def partner_variants(partner: str) -> tuple[str, ...]:
    """Name variants of a partner cell.

    `Brest (Brześć)` gives `Brest (Brześć)`, `Brest`, `Brześć`;
    `Bardejov, powiat i miasto` gives the full text and `Bardejov`.
    """
    text = clean(partner)
    variants = [text]
    head = re.split(r"\s*\(", text, maxsplit=1)[0].strip()
    variants.append(head)
    variants.extend(clean(inner) for inner in re.findall(r"\(([^()]*)\)", text))
    variants.append(text.split(",", 1)[0].strip())
    out: list[str] = []
    for v in variants:
        if v and v not in out:
            out.append(v)
    return tuple(out)


def cell_year(cell: str) -> int | None:
    """The year a cell stands for: its first year, unless it is `przed <year>`."""
    text = clean(cell)
    m = YEAR_RE.search(text)
    if m is None or text[: m.start()].strip().lower().endswith("przed"):
        return None
    return int(m.group(1))


def cell_years(cell: str) -> set[int]:
    """Every year written in a cell (a looser reading, used to avoid fragile gold cases)."""
    return {int(y) for y in YEAR_RE.findall(clean(cell))}


@dataclass(frozen=True)
class Row:
    source: str
    line: int
    unit_written: str  # the unit cell exactly as written
    # the unit it counts as, with its disambiguator: encoding damage repaired, and
    # spellings that differ only in diacritics (`Łañcut`, `Łańcut`) merged under the
    # most frequent one
    unit: str
    base: str  # the unit name without its disambiguator
    disambiguator: str | None
    unit_type: str  # "gmina" (cities and gminas table) or "powiat"
    country: str  # Polish, as written
    partner: str  # as written
    variants: tuple[str, ...]
    agreement: str  # raw `umowa` cell
    other_form: str  # raw `inna forma` cell
    agreement_year: int | None
    other_year: int | None

    @property
    def key(self) -> list:
        return [self.source, self.line]

    @property
    def years(self) -> set[int]:
        return {y for y in (self.agreement_year, self.other_year) if y is not None}

    @property
    def loose_years(self) -> set[int]:
        return cell_years(self.agreement) | cell_years(self.other_form)

    @property
    def formal(self) -> bool:
        """Formal agreement: the agreement cell holds a year."""
        return bool(YEAR_RE.search(self.agreement))

    @property
    def letter_of_intent(self) -> bool:
        return "list intencyjny" in self.other_form.lower()

    @property
    def only_letter_of_intent(self) -> bool:
        return self.letter_of_intent and not self.formal

    @property
    def no_data(self) -> bool:
        return self.agreement.strip() == "b.d." or self.other_form.strip() == "b.d."


def is_header(cells: list[str], lead: int) -> bool:
    first = cells[0].strip()
    if first in ("L.p.", "polskie miasto/gmina"):
        return True
    # the second header line: blanks, then `umowa` and `inna forma`
    return not any(c.strip() for c in cells[: lead + 3]) and "umowa" in cells


def read_table(source: str, project: Path = PROJECT) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every data line; raises on a line of unexpected shape."""
    unit_type, lead = TABLES[source]
    text = (project / source).read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if is_header(cells, lead):
            continue
        if len(cells) != lead + 5:
            raise ValueError(f"{source}:{number}: {len(cells)} cells")
        out.append((number, cells[lead:]))
    return out


def repair_names(names: Iterable[str]) -> dict[str, str]:
    """Map each encoding-damaged unit name to the one real unit it can be.

    The damaged character is a one-character wildcard. A damaged name first
    matches whole real names; failing that, its base name is repaired against
    the real base names and the disambiguator is kept.
    """
    names = set(names)
    real = sorted(n for n in names if DAMAGED not in n)
    real_bases = sorted({split_unit(n)[0] for n in real})
    repaired = {}
    for name in sorted(n for n in names if DAMAGED in n):
        pattern = re.compile(re.escape(name).replace(re.escape(DAMAGED), ".") + r"\Z")
        hits = [n for n in real if pattern.match(n)]
        if len(hits) == 1:
            repaired[name] = hits[0]
            continue
        base, dis = split_unit(name)
        pattern = re.compile(re.escape(base).replace(re.escape(DAMAGED), ".") + r"\Z")
        hits = [b for b in real_bases if pattern.match(b)]
        if len(hits) != 1:
            raise ValueError(f"cannot repair {name!r}: {hits}")
        repaired[name] = hits[0] + (f" ({dis})" if dis else "")
    return repaired


def canonical_names(names: list[str]) -> dict[str, str]:
    """Folded name -> its most frequent spelling (the first one on a tie)."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        spellings[fold(name)][name] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}


def load_rows(project: Path = PROJECT) -> list[Row]:
    rows: list[Row] = []
    for source, (unit_type, _lead) in TABLES.items():
        lines = read_table(source, project)
        repaired = repair_names(c[0].strip() for _, c in lines)
        units = [repaired.get(c[0].strip(), clean(c[0])) for _, c in lines]
        canonical = canonical_names(units)
        for (number, cells), unit in zip(lines, units, strict=True):
            written = cells[0].strip()
            unit = canonical[fold(unit)]
            base, dis = split_unit(unit)
            rows.append(
                Row(
                    source=source,
                    line=number,
                    unit_written=written,
                    unit=unit,
                    base=base,
                    disambiguator=dis,
                    unit_type=unit_type,
                    country=cells[1].strip(),
                    partner=cells[2].strip(),
                    variants=partner_variants(cells[2]),
                    agreement=cells[3].strip(),
                    other_form=cells[4].strip(),
                    agreement_year=cell_year(cells[3]),
                    other_year=cell_year(cells[4]),
                )
            )
    return rows


# ---------------------------------------------------------------- selections


def of_type(rows: Iterable[Row], unit_type: str | None) -> list[Row]:
    return [r for r in rows if unit_type is None or r.unit_type == unit_type]


def units_named(rows: Iterable[Row], name: str) -> list[str]:
    """Units called `name`: by base name (all units sharing it) or by full name."""
    key = fold(name)
    return sorted({r.unit for r in rows if key in (fold(r.unit), fold(r.base))})


def rows_of_unit(rows: Iterable[Row], name: str, *, allow_ambiguous: bool = False) -> list[Row]:
    rows = list(rows)
    units = units_named(rows, name)
    if not units:
        raise KeyError(f"no unit {name!r}")
    if len(units) > 1 and not allow_ambiguous:
        raise KeyError(f"ambiguous unit {name!r}: {units}")
    return [r for r in rows if r.unit in units]


def by_country(rows: Iterable[Row], country: str) -> list[Row]:
    key = fold(country)
    return [r for r in rows if fold(r.country) == key]


def place_names(place: str) -> set[str]:
    """The folded names of a place: itself and its exonyms."""
    key = fold(place)
    for group in EXONYMS:
        if key in {fold(n) for n in group}:
            return {fold(n) for n in group}
    return {key}


def by_partner(rows: Iterable[Row], place: str) -> list[Row]:
    names = place_names(place)
    return [r for r in rows if names & {fold(v) for v in r.variants}]


def in_year(rows: Iterable[Row], year: int, *, loose: bool = False) -> list[Row]:
    return [r for r in rows if year in (r.loose_years if loose else r.years)]


def in_range(rows: Iterable[Row], start: int, end: int, *, loose: bool = False) -> list[Row]:
    return [
        r for r in rows if any(start <= y <= end for y in (r.loose_years if loose else r.years))
    ]


def since(rows: Iterable[Row], year: int, *, loose: bool = False) -> list[Row]:
    return [r for r in rows if any(y >= year for y in (r.loose_years if loose else r.years))]


def before(rows: Iterable[Row], year: int, *, loose: bool = False) -> list[Row]:
    return [r for r in rows if any(y < year for y in (r.loose_years if loose else r.years))]


def after(rows: Iterable[Row], year: int, *, loose: bool = False) -> list[Row]:
    return [r for r in rows if any(y > year for y in (r.loose_years if loose else r.years))]


def formal(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.formal]


def letter_of_intent(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.letter_of_intent]


def only_letter_of_intent(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.only_letter_of_intent]


def no_data(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.no_data]


# ---------------------------------------------------------------- aggregates


def count(rows: Iterable[Row]) -> int:
    return sum(1 for _ in rows)


def group_by_country(rows: Iterable[Row]) -> dict[str, int]:
    return dict(Counter(r.country for r in rows))


def group_by_unit(rows: Iterable[Row]) -> dict[str, int]:
    return dict(Counter(r.unit for r in rows))


def defined_prefix(ranked: list[str], value: dict, n: int) -> list[str]:
    """The first names of a ranking up to n, stopping at the first tie (no defined order)."""
    out: list[str] = []
    for i, name in enumerate(ranked[:n]):
        tied_before = i > 0 and value[ranked[i - 1]] == value[name]
        tied_after = i + 1 < len(ranked) and value[ranked[i + 1]] == value[name]
        if tied_before or tied_after:
            break
        out.append(name)
    return out


def top_n(groups: dict[str, int], n: int) -> list[str]:
    """The first n names by count (fewer if a tie makes the order undefined)."""
    ranked = sorted(groups, key=lambda name: (-groups[name], name))
    return defined_prefix(ranked, groups, n)


def search_key(rows: list[Row], *, loose: bool = False) -> tuple[int, bool, int]:
    """Ranking key of a unit for partner search: rows, formal agreement, latest year."""
    years = [y for r in rows for y in (r.loose_years if loose else r.years)]
    return (len(rows), any(r.formal for r in rows), max(years, default=0))


def partner_search(
    rows: Iterable[Row], country: str, unit_type: str | None, *, loose: bool = False
) -> tuple[dict[str, int], list[str]]:
    """Units with partnerships in `country`: their row counts and the first three by rank.

    The ranking stops at the first neighbours that the README criteria do not order
    (equal rows, formal agreement and latest year).
    """
    per_unit: dict[str, list[Row]] = defaultdict(list)
    for r in by_country(of_type(rows, unit_type), country):
        per_unit[r.unit].append(r)
    rank = {u: search_key(rs, loose=loose) for u, rs in per_unit.items()}
    ranked = sorted(rank, key=lambda u: (tuple(-k for k in rank[u]), u))
    return {u: len(rs) for u, rs in per_unit.items()}, defined_prefix(ranked, rank, 3)


def keys(rows: Iterable[Row]) -> list[list]:
    return sorted(r.key for r in rows)
