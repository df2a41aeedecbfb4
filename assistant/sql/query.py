"""From an Intent to parameterised SQL over the read-only index. User text never enters the SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from assistant.intent import Intent
from assistant.topics import pattern as topic_pattern

# The contract's columns for a list of partnerships, in this order; more may follow.
LIST_COLUMNS = [
    "unit",
    "unit_type",
    "country",
    "partner",
    "agreement_year",
    "other_form",
    "source",
    "line",
]
_EXTRA = [
    "country_en",
    "other_year",
    "raw",
    "unit_name",
    "no_data",
    "letter_of_intent",
    "agreement",
]
_SELECT = (
    "unit_label AS unit, unit_type, country, partner, agreement_year, other_form, source, line, "
    "country_en, other_year, raw, unit_name, no_data, letter_of_intent, agreement"
)
# A list's order (unit_label, country, partner, source, line) as its rank written at ingestion.
_ORDER = "ORDER BY list_order"
# What a list's `data` carries (the contract's columns, then the English country and the other
# form's year), and the rank that finds the rest of a row again (`row_details`).
# The text columns come as their codes (load.py, `texts`): a long list is fetched as integers.
_DATA_SELECT = (
    "unit_code AS unit, unit_type_code AS unit_type, country_code AS country, "
    "partner_code AS partner, agreement_year, other_form_code AS other_form, "
    "source_code AS source, line, country_en_code AS country_en, other_year, list_order"
)
_DATA_CODED = ("unit", "unit_type", "country", "partner", "other_form", "source", "country_en")
DETAILS = ("raw", "unit_name", "no_data", "letter_of_intent", "agreement")


@dataclass
class Query:
    sql: str
    params: list[Any]
    # Result columns that hold codes of `texts` (list_rows), given back as their texts.
    coded: tuple[str, ...] = ()
    # A list's ranks alone, in its order (same parameters): with the data columns held in
    # memory (rows.ListColumns) only this narrow query runs (list_rows).
    ranks_sql: str | None = None

    def run(self, con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
        if self.coded:
            arrays = self.run_arrays(con)
            return list(arrays), [tuple(r) for r in row_lists(list(arrays.values()))]
        cursor = con.execute(self.sql, self.params)
        return [d[0] for d in cursor.description], cursor.fetchall()

    def run_arrays(self, con: duckdb.DuckDBPyConnection) -> dict[str, np.ndarray]:
        """The result column by column, as arrays; the coded columns as arrays of their texts.

        DuckDB hands integer columns over as arrays in bulk; a text column would be made into
        one new Python string per row instead, which on a 100k-row list is most of the cost.
        Each code becomes the one string of its text (equal values, shared objects)."""
        arrays = con.execute(self.sql, self.params).fetchnumpy()
        coded = {name: codes(arrays[name]) for name in self.coded}
        lookup = texts_lookup(con, list(coded.values()))
        return {name: lookup[coded[name]] if name in coded else a for name, a in arrays.items()}

    def shown(self) -> str:
        """The SQL with its parameters listed, for the answer's `sql` field."""
        if not self.params:
            return self.sql
        return f"{self.sql}\n-- parameters: {self.params!r}"


def row_lists(columns: list[np.ndarray]) -> list[list]:
    """The rows of these equally long columns, one list of Python values each (None where
    NULL), made in one pass from a 2-D array of objects (`tolist`), not by zipping lists."""
    size = len(columns[0]) if columns else 0
    table = np.empty((size, len(columns)), dtype=object)
    for j, column in enumerate(columns):
        _put(table, j, column)
    return table.tolist()


def _put(table: np.ndarray, j: int, column: np.ndarray) -> None:
    """A column into column j of an object array: Python values, None where NULL."""
    if isinstance(column, np.ma.MaskedArray):
        table[:, j] = column.data
        table[np.ma.getmaskarray(column), j] = None
    else:
        table[:, j] = column


def codes(array: np.ndarray) -> np.ndarray:
    """A code column as plain integers, -1 where it is NULL."""
    return array.filled(-1) if isinstance(array, np.ma.MaskedArray) else array


# A list of more rows than this uses most of the codes up to its largest: all their texts are
# read at once as arrays, cheaper than finding the codes used among 100k rows and asking for
# each of them.
_FEW_ROWS = 500


def texts_lookup(con: duckdb.DuckDBPyConnection, columns: list[np.ndarray]) -> np.ndarray:
    """An array from code to text holding the texts of the codes used (read from `texts`);
    its last slot, where code -1 points, is None."""
    size = max((int(c.max()) + 1 for c in columns if len(c)), default=0)
    lookup = np.empty(size + 1, dtype=object)
    if not size:
        return lookup
    if len(columns[0]) > _FEW_ROWS:
        found = con.execute("SELECT code, text FROM texts WHERE code < ?", [size]).fetchnumpy()
        lookup[np.ma.getdata(found["code"])] = np.ma.getdata(found["text"])
        return lookup
    used = np.zeros(size + 1, dtype=bool)
    for c in columns:
        used[c] = True
    wanted = np.flatnonzero(used[:size]).tolist()
    found = con.execute(
        "SELECT code, text FROM texts WHERE code IN (SELECT unnest(?::INTEGER[]))", [wanted]
    ).fetchall()
    for code, text in found:
        lookup[code] = text
    return lookup


def where(intent: Intent, *, skip: frozenset[str] = frozenset()) -> tuple[str, list[Any]]:
    """The WHERE clause for an intent's filters; `skip` leaves some out (to find the nearest match)."""
    clauses: list[str] = []
    params: list[Any] = []
    if intent.units and "unit" not in skip:
        clauses.append(f"unit_label IN ({', '.join('?' * len(intent.units))})")
        params += intent.units
    if intent.unit_type and "unit_type" not in skip:
        clauses.append("unit_type = ?")
        params.append(intent.unit_type)
    if intent.countries and "country" not in skip:
        clauses.append(f"country IN ({', '.join('?' * len(intent.countries))})")
        params += intent.countries
    if (intent.min_partnerships is not None or intent.max_partnerships is not None) and (
        "bound" not in skip
    ):
        # "towns with more than 10 partners": units whose rows under the other filters pass
        unbound = intent.model_copy(update={"min_partnerships": None, "max_partnerships": None})
        inner, inner_params = where(unbound, skip=skip)
        table = _units_from(unbound)
        having, bounds = _having(intent, "sum(n)" if table == "cell_counts" else "count(*)")
        clauses.append(
            f"unit_label IN (SELECT unit_label FROM {table} WHERE {inner} "
            f"GROUP BY unit_label{having})"
        )
        params += [*inner_params, *bounds]
    # Which units have rows in which countries is read from the (unit, country) groups counted
    # at ingestion (load.py, COUNT_GRAINS): tens of thousands of rows, not a million.
    if intent.units_without_countries and "country" not in skip:
        clauses.append(
            "unit_label NOT IN (SELECT unit_label FROM cell_counts WHERE country IN "
            f"({', '.join('?' * len(intent.units_without_countries))}))"
        )
        params += intent.units_without_countries
    if intent.units_without_foreign and "country" not in skip:
        clauses.append(
            "unit_label NOT IN (SELECT unit_label FROM cell_counts WHERE country <> 'Polska')"
        )
    if intent.exclude_units and "unit" not in skip:
        clauses.append(f"unit_label NOT IN ({', '.join('?' * len(intent.exclude_units))})")
        params += intent.exclude_units
    if intent.exclude_countries and "country" not in skip:
        clauses.append(f"country NOT IN ({', '.join('?' * len(intent.exclude_countries))})")
        params += intent.exclude_countries
    if intent.foreign and "country" not in skip:
        clauses.append("country <> 'Polska'")
    if intent.partners and "partner" not in skip:
        # The partner cells with one of the names (a few thousand lists, not one per row).
        clauses.append(
            "partner IN (SELECT partner FROM partner_variants "
            "WHERE list_has_any(names, ?::VARCHAR[]))"
        )
        params.append(intent.partners)
    if "year" not in skip:
        if intent.year is not None:
            # "In 2008": the year stands in the agreement cell or in the other-form cell.
            clauses.append("(agreement_year = ? OR other_year = ?)")
            params += [intent.year, intent.year]
        else:
            low = intent.year_from if intent.year_from is not None else None
            high = intent.year_to if intent.year_to is not None else None
            if low is not None or high is not None:
                low, high = low or 0, high or 9999
                clauses.append("(agreement_year BETWEEN ? AND ? OR other_year BETWEEN ? AND ?)")
                params += [low, high, low, high]
    if intent.form and "form" not in skip:
        clauses.append(_FORMS[intent.form])
    for stem in intent.form_text if "form" not in skip else ():
        clauses.append("strip_accents(lower(agreement || ' ' || other_form)) LIKE ?")
        params.append(f"%{stem}%")
    if intent.regions and "region" not in skip:
        # Voivodeships come from GeoNames (the places table), not from the survey.
        clauses.append(
            "unit_label IN (SELECT key FROM places WHERE side = 'unit' AND voivodeship_code IN "
            f"({', '.join('?' * len(intent.regions))}))"
        )
        params += intent.regions
    if intent.within_km is not None and intent.centre_lat is not None and "place" not in skip:
        clauses.append(
            f"unit_label IN (SELECT key FROM places WHERE side = 'unit' AND lat IS NOT NULL AND "
            f"{HAVERSINE} <= ?)"
        )
        params += [intent.centre_lat, intent.centre_lat, intent.centre_lon, intent.within_km]
    for bound, op in ((intent.population_over, ">"), (intent.population_under, "<")):
        if bound is not None and "place" not in skip:
            column, side = (
                ("partner", "partner")
                if intent.population_of == "partner"
                else ("unit_label", "unit")
            )
            clauses.append(
                f"{column} IN (SELECT key FROM places WHERE side = '{side}' AND population {op} ?)"
            )
            params.append(bound)
    for forms in intent.topics if "topic" not in skip else ():
        # What the cooperation is about: a word of the other-form cell, folded (ł -> l). The
        # expression runs on each distinct cell once (load.py, other_forms), not on every row.
        clauses.append(
            "other_form IN (SELECT other_form FROM other_forms WHERE regexp_matches(folded, ?))"
        )
        params.append(topic_pattern(forms))
    if intent.shared_partners and len(intent.units) > 1 and "unit" not in skip:
        # "Wrocław and Poznań: partners in common": a partner place each of the units has
        clauses.append(
            f"coalesce((SELECT CAST(geonameid AS VARCHAR) FROM places WHERE side = 'partner' "
            f"AND key = partner), lower(partner)) IN (SELECT coalesce(CAST(pl.geonameid AS "
            f"VARCHAR), lower(p.partner)) FROM partnerships p LEFT JOIN places pl ON "
            f"pl.side = 'partner' AND pl.key = p.partner WHERE p.unit_label IN "
            f"({', '.join('?' * len(intent.units))}) GROUP BY 1 "
            f"HAVING count(DISTINCT p.unit_label) = ?)"
        )
        params += [*intent.units, len(intent.units)]
    for group in intent.partner_groups if "partner" not in skip else ():
        # "both Lviv and Lutsk": units with a row of each named partner
        clauses.append(
            "unit_label IN (SELECT unit_label FROM partnerships WHERE partner IN (SELECT partner "
            "FROM partner_variants WHERE list_has_any(names, ?::VARCHAR[])))"
        )
        params.append(group)
    if intent.every_country and len(intent.countries) > 1 and "country" not in skip:
        # "partners in both Germany and France": units with rows in each of the countries.
        clauses.append(
            "unit_label IN (SELECT unit_label FROM cell_counts WHERE country IN "
            f"({', '.join('?' * len(intent.countries))}) GROUP BY unit_label "
            "HAVING count(DISTINCT country) = ?)"
        )
        params += [*intent.countries, len(intent.countries)]
    return (" AND ".join(clauses) or "TRUE"), params


# Great-circle distance in km from (?, ?, ?) = (lat, lat, lon) of a centre to a place's lat/lon.
HAVERSINE = (
    "2 * 6371.0 * asin(least(1, sqrt(pow(sin(radians(lat - ?) / 2), 2) + "
    "cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2))))"
)
# An other-form cell as a topic filter reads it: lower case, no accents, ł as l (written per
# distinct cell at ingestion, load.py).
FOLDED_OTHER = "strip_accents(lower(replace(replace(other_form, 'ł', 'l'), 'Ł', 'L')))"
# A row's year for "the oldest" / "sort by year": the earlier of its two cells' years.
ROW_YEAR = "least(coalesce(agreement_year, 9999), coalesce(other_year, 9999))"
# A row's year for "the most recent": the later of the two (0: none).
LATEST_YEAR = "greatest(coalesce(agreement_year, 0), coalesce(other_year, 0))"


_FORMS = {
    "agreement": "agreement_year IS NOT NULL",
    "no_agreement": "agreement_year IS NULL",
    "letter_of_intent": "letter_of_intent",
    "only_letter_of_intent": "letter_of_intent AND agreement_year IS NULL",
    "other": "other_form <> '' AND NOT no_data",
    # "only in another form": an other-form cell with content (not b.d.) and no agreement year.
    "other_only": "other_form <> '' AND NOT no_data AND agreement_year IS NULL",
    "no_data": "no_data",
    "with_data": "NOT no_data",
}


def partnerships(intent: Intent, skip: frozenset[str] = frozenset()) -> Query:
    """Every column of the rows (the row API and the exports read them)."""
    clause, params = where(intent, skip=skip)
    return Query(f"SELECT {_SELECT} FROM partnerships WHERE {clause} {_list_order(intent)}", params)


def list_rows(intent: Intent, skip: frozenset[str] = frozenset()) -> Query:
    """The rows of a list answer, with only the columns its `data` carries (and the rank):
    a list can hold 100k rows of a large table, and only the few written out need the rest
    (`row_details`)."""
    clause, params = where(intent, skip=skip)
    sql = f"SELECT {_DATA_SELECT} FROM partnerships WHERE {clause} {_list_order(intent)}"
    ranks = f"SELECT list_order FROM partnerships WHERE {clause} {_list_order(intent)}"
    return Query(sql, params, coded=_DATA_CODED, ranks_sql=ranks)


def every_list_row() -> Query:
    """The data columns of every row, in rank order (what rows.ListColumns holds)."""
    return Query(f"SELECT {_DATA_SELECT} FROM partnerships {_ORDER}", [], coded=_DATA_CODED)


def _list_order(intent: Intent) -> str:
    if intent.order in ("year_asc", "year_desc"):
        direction = "ASC" if intent.order == "year_asc" else "DESC"
        # the table's columns, not the list's coded ones of the same name (partner_code AS partner)
        return (
            f"ORDER BY {ROW_YEAR} = 9999, {ROW_YEAR} {direction}, "
            "partnerships.unit_label, partnerships.partner, partnerships.line"
        )
    return _ORDER


def row_details(ranks: list[int]) -> Query:
    """The columns `list_rows` leaves out, of the rows with these ranks (list_order). The
    table is stored in rank order, so the range lets DuckDB read only the row groups that hold
    them."""
    sql = (
        f"SELECT list_order, {', '.join(DETAILS)} FROM partnerships "
        "WHERE list_order BETWEEN ? AND ? AND list_order IN (SELECT unnest(?::INTEGER[]))"
    )
    return Query(sql, [min(ranks), max(ranks), ranks])


def extreme_rows(intent: Intent) -> Query:
    """'The oldest / the most recent': the rows whose year is the extreme one (ties kept)."""
    clause, params = where(intent)
    pick = "min" if intent.extreme == "oldest" else "max"
    best = (
        f"{ROW_YEAR}"
        if pick == "min"
        else "greatest(coalesce(agreement_year, 0), coalesce(other_year, 0))"
    )
    # The rows are picked by id first: only those few are read in full, not every row passing
    # the filters (their `raw` and other long cells) before the year is compared.
    sql = (
        f"SELECT {_SELECT}, {best} AS year FROM partnerships WHERE id IN (SELECT id FROM "
        f"partnerships WHERE {clause} AND {best} = (SELECT {pick}({best}) FROM partnerships "
        f"WHERE {clause} AND (agreement_year IS NOT NULL OR other_year IS NOT NULL))) {_ORDER}"
    )
    return Query(sql, [*params, *params])


# What a distinct count counts, as a grouping key.
MEASURE_KEYS = {"units": "unit", "countries": "country", "partners": "partner"}


# Every aggregate cites a bounded number of its rows: the first ROWS_PER_GROUP (source:line)
# in the data, with the group's total beside them; the query without GROUP BY gives them all.
ROWS_PER_GROUP = 20
# The id ascends with (source, line) and `ref` is source:line, both written at ingestion:
# ordering by one integer, not building a string per row, is what keeps 1M rows cheap. Of the
# group's first row only its id is taken (first_id): where it stands and what it says are read
# by id for the groups the answer writes out (`first_rows`), not the long `raw` of every row.
_COUNTED = f"min_by(ref, id, {ROWS_PER_GROUP}) AS rows, min(id) AS first_id "
# The same measures read from a counted grain (load.py, COUNT_GRAINS): per group its rows (n),
# rows with an agreement (formal), latest year, first row and first ROWS_PER_GROUP refs, stored
# one a line. An aggregate reads a grain only where each of its groups is one row of the grain
# (`counts_table`), so a group's refs are that row's.
REF_SEPARATOR = "chr(10)"
_CELL_COUNTED = (
    f"string_split(any_value(first_refs), {REF_SEPARATOR}) AS rows, min(first_id) AS first_id "
)


def first_rows(ids: list[int]) -> Query:
    """Where the rows with these ids stand and what they say (an aggregate's groups' first
    rows, `first_id`): a lookup in the primary key for a few ids."""
    sql = "SELECT id, source, line, raw FROM partnerships WHERE id IN (SELECT unnest(?::INTEGER[]))"
    return Query(sql, [ids])


@dataclass(frozen=True)
class _Source:
    """Where an aggregate counts: the rows, or their groups counted at ingestion."""

    table: str
    rows: str  # count(*)
    formal: str  # count(agreement_year)
    latest: str  # max(LATEST_YEAR)
    counted: str  # the cited rows (_COUNTED)


_ROWS = _Source(
    "partnerships", "count(*)", "count(agreement_year)", f"max({LATEST_YEAR})", _COUNTED
)


def _counted(table: str) -> _Source:
    return _Source(table, "sum(n)", "sum(formal)", "max(latest)", _CELL_COUNTED)


def cells_cover(intent: Intent) -> bool:
    """Whether every filter of the intent reads only a row's unit and country (unit_label,
    unit_type, country), so that counts per unit or country can be read from the counted
    groups (load.py, COUNT_GRAINS). Filters that are subqueries over `partnerships` itself
    (bounds on a unit's partnerships, units without rows in a country, intersections) stay
    exact there; the shared partners' clause reads a row's partner, as a partner filter does."""
    by_partner_size = intent.population_of == "partner" and (
        intent.population_over is not None or intent.population_under is not None
    )
    return not (
        intent.partners
        or intent.shared_partners
        or intent.year is not None
        or intent.year_from is not None
        or intent.year_to is not None
        or intent.form
        or intent.form_text
        or intent.topics
        or by_partner_size
    )


def counts_table(intent: Intent, by: str) -> str | None:
    """The counted grain whose rows are the groups of a count per unit (country) under the
    intent's filters, one row a group: its figures and first rows are then the group's own.
    None when there is none (then the rows are counted): merging many counted groups' first
    rows costs more than counting the rows."""
    if by not in ("unit", "country") or not cells_cover(intent):
        return None
    by_country = bool(intent.countries or intent.exclude_countries or intent.foreign)
    by_unit = bool(
        intent.units
        or intent.exclude_units
        or intent.regions
        or intent.within_km is not None
        or intent.population_over is not None
        or intent.population_under is not None
        or intent.min_partnerships is not None
        or intent.max_partnerships is not None
        or intent.units_without_countries
        or intent.units_without_foreign
        or intent.every_country
    )
    if by == "unit":
        if not by_country:
            return "unit_counts"
        one_country = len(intent.countries) == 1
        return "cell_counts" if one_country and not intent.exclude_countries else None
    if not by_unit:
        return "type_country_counts" if intent.unit_type else "country_counts"
    return None


def _source(intent: Intent, by: str) -> _Source:
    table = counts_table(intent, by)
    return _counted(table) if table else _ROWS


_GROUPS = {
    "country": ("country", "any_value(country_en) AS country_en", "country"),
    "unit": ("unit_label AS unit", "any_value(unit_type) AS unit_type", "unit_label"),
    # A partner name can stand in two countries (Brody): the first row's, as any_value read
    # it on a small table, and the same on a large one scanned by several threads.
    "partner": ("partner", "arg_min(country, id) AS country", "partner"),
    "year": (
        f"nullif({ROW_YEAR}, 9999) AS year",
        "count(agreement_year) AS formal_agreements",
        f"nullif({ROW_YEAR}, 9999)",
    ),
    "decade": (
        f"(nullif({ROW_YEAR}, 9999) // 10 * 10) AS decade",
        "count(agreement_year) AS formal_agreements",
        f"(nullif({ROW_YEAR}, 9999) // 10 * 10)",
    ),
    "form": (
        "CASE WHEN agreement_year IS NOT NULL THEN 'agreement' WHEN no_data THEN 'no_data' "
        "WHEN letter_of_intent THEN 'letter_of_intent' WHEN other_form <> '' THEN 'other' "
        "ELSE 'none' END AS form",
        "count(DISTINCT unit_label) AS units",
        "form",
    ),
    "unit_type": ("unit_type", "count(DISTINCT unit_label) AS units", "unit_type"),
    # The voivodeship comes from GeoNames (the places table), joined in by grouped().
    "region": (
        "v.voivodeship AS voivodeship",
        "count(DISTINCT unit_label) AS units",
        "v.voivodeship",
    ),
}
_REGION_JOIN = (
    "LEFT JOIN (SELECT key, voivodeship FROM places WHERE side = 'unit') v "
    "ON v.key = partnerships.unit_label "
)
_SOURCES = {
    "region": f"partnerships {_REGION_JOIN}",
}
# Breakdowns by time read in time order; the others most first.
_CHRONOLOGICAL = {"year", "decade"}


def grouped(intent: Intent, by: str) -> Query:
    """Partnerships counted per country or per unit, most first (with a limit: the top N only)."""
    name, extra, key = _GROUPS[by]
    clause, params = where(intent)
    counts = _source(intent, by)
    source = _SOURCES.get(by, f"{counts.table} ")
    select = f"SELECT {name}, {counts.rows} AS partnerships, {extra}, {counts.counted}FROM {source}"
    order = f"ORDER BY partnerships DESC, {key}"
    if by in _CHRONOLOGICAL:
        order = f"ORDER BY {key} NULLS LAST"
    elif intent.extreme == "fewest" or intent.order == "count_asc":
        order = f"ORDER BY partnerships ASC, {key}"
    if not intent.limit:
        return Query(f"{select}WHERE {clause} GROUP BY {key} {order}", params)
    # Pick the top groups by count first, so row lists are built for those groups only.
    top = (
        f"SELECT {key} FROM {source}WHERE {clause} GROUP BY {key} "
        f"ORDER BY {counts.rows} DESC, {key} LIMIT ?"
    )
    sql = f"{select}WHERE {clause} AND {key} IN ({top}) GROUP BY {key} {order}"
    return Query(sql, [*params, *params, intent.limit])


def _having(intent: Intent, rows: str) -> tuple[str, list[int]]:
    """'more than 10 partners': a bound on each group's number of partnerships (`rows`)."""
    parts, bounds = [], []
    if intent.min_partnerships is not None:
        parts.append(f"{rows} >= ?")
        bounds.append(intent.min_partnerships)
    if intent.max_partnerships is not None:
        parts.append(f"{rows} <= ?")
        bounds.append(intent.max_partnerships)
    return (" HAVING " + " AND ".join(parts) if parts else ""), bounds


def ranking(intent: Intent) -> Query:
    """Partner search: experience in a country = rows there, then formal agreements, then recency."""
    clause, params = where(intent)
    counts = _source(intent, "unit")
    if intent.centre_lat is not None:
        # With a place to be near: experience first, then the distance (GeoNames), then recency.
        distance = (
            f"LEFT JOIN (SELECT key, round({HAVERSINE}, 1) AS km FROM places WHERE side = 'unit' "
            f"AND lat IS NOT NULL) d ON d.key = {counts.table}.unit_label "
        )
        sql = (
            f"SELECT unit_label AS unit, {counts.rows} AS partnerships, "
            f"{counts.formal} AS formal_agreements, any_value(d.km) AS km, "
            f"{counts.latest} AS latest_year, "
            f"any_value(unit_type) AS unit_type, {counts.counted}"
            f"FROM {counts.table} {distance}WHERE {clause} GROUP BY unit_label ORDER BY "
            "partnerships DESC, formal_agreements > 0 DESC, km NULLS LAST, latest_year DESC, unit"
        )
        centre = [intent.centre_lat, intent.centre_lat, intent.centre_lon]
        return Query(sql, [*centre, *params])
    sql = (
        f"SELECT unit_label AS unit, {counts.rows} AS partnerships, "
        f"{counts.formal} AS formal_agreements, "
        f"{counts.latest} AS latest_year, "
        f"any_value(unit_type) AS unit_type, {counts.counted}"
        f"FROM {counts.table} WHERE {clause} GROUP BY unit_label "
        "ORDER BY partnerships DESC, formal_agreements > 0 DESC, latest_year DESC, unit"
    )
    return Query(sql, params)


def rows_at(refs: list[tuple[str, int]]) -> Query:
    """The partnership rows at these (source, line) places."""
    placeholders = ", ".join("(?, ?)" for _ in refs)
    params = [v for ref in refs for v in ref]
    return Query(
        f"SELECT {_SELECT} FROM partnerships WHERE (source, line) IN ({placeholders or '(NULL, NULL)'}) {_ORDER}",
        params,
    )


def nearest_years(intent: Intent, con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years that do have rows under the other filters, nearest to the asked one first."""
    target = intent.year or intent.year_from or intent.year_to
    clause, params = where(intent, skip=frozenset({"year"}))
    sql = (
        "SELECT y FROM (SELECT agreement_year AS y FROM partnerships WHERE "
        f"{clause} UNION SELECT other_year FROM partnerships WHERE {clause}) WHERE y IS NOT NULL "
        "ORDER BY abs(y - ?), y"
    )
    return [r[0] for r in con.execute(sql, params + params + [target]).fetchall()]


def unit_labels(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, int]]:
    """Every unit as written -> (label, unit type, number of partnerships of that label)."""
    sql = (
        "SELECT unit, unit_label, any_value(unit_type), "
        "(SELECT count(*) FROM partnerships q WHERE q.unit_label = p.unit_label) "
        "FROM partnerships p GROUP BY unit, unit_label"
    )
    return {unit: (label, kind, n) for unit, label, kind, n in con.execute(sql).fetchall()}


def compared_years(intent: Intent) -> Query:
    """Years set side by side: the rows of each (either cell's year), countries and partners."""
    base = intent.model_copy(update={"compare_years": []})
    clause, params = where(base)
    each = (
        "SELECT CAST(? AS VARCHAR) AS name, count(*) AS partnerships, "
        "count(DISTINCT country) AS countries, count(DISTINCT partner) AS partners, "
        f"count(DISTINCT unit_label) AS units, {_COUNTED}FROM partnerships WHERE {clause} "
        "AND (agreement_year = ? OR other_year = ?)"
    )
    sql = " UNION ALL ".join([each] * len(intent.compare_years))
    values = [v for y in intent.compare_years for v in (y, *params, y, y)]
    return Query(f"SELECT * FROM ({sql}) ORDER BY partnerships DESC, name", values)


def compared(intent: Intent) -> Query:
    """Units (or countries) set side by side, each with its rows, countries and partners."""
    if intent.compare_years:
        return compared_years(intent)
    by_unit = bool(intent.compare_units)
    names = intent.compare_units if by_unit else intent.compare_countries
    base = intent.model_copy(
        update={"units": [], "compare_units": [], "compare_countries": []}
        if by_unit
        else {"countries": [], "compare_units": [], "compare_countries": []}
    )
    clause, params = where(base)
    key = "unit_label" if by_unit else "country"
    named = f"{key} IN ({', '.join('?' * len(names))})"
    figures = (
        f"SELECT {key} AS name, count(*) AS partnerships, count(DISTINCT country) AS countries, "
        f"count(DISTINCT partner) AS partners, count(DISTINCT unit_label) AS units"
    )
    groups = f"WHERE {clause} AND {named} GROUP BY {key}"
    table = counts_table(base, "unit" if by_unit else "country")
    if table is None:
        sql = f"{figures}, {_COUNTED}FROM partnerships {groups} ORDER BY partnerships DESC, {key}"
        return Query(sql, [*params, *names])
    # The distinct counts need the rows; the cited rows come from the counted groups (load.py,
    # COUNT_GRAINS), not from reading every row's `ref`.
    cited = f"SELECT {key} AS name, {_CELL_COUNTED}FROM {table} {groups}"
    sql = (
        f"SELECT name, partnerships, countries, partners, units, rows, first_id FROM "
        f"({figures} FROM partnerships {groups}) JOIN ({cited}) USING (name) "
        "ORDER BY partnerships DESC, name"
    )
    return Query(sql, [*params, *names, *params, *names])


def unplaced_units(intent: Intent) -> Query:
    """Units that pass the other filters but have no voivodeship (ambiguous or unplaced)."""
    clause, params = where(intent, skip=frozenset({"region"}))
    return Query(
        f"SELECT count(DISTINCT unit_label) FROM {_units_from(intent)} WHERE {clause} AND "
        "unit_label NOT IN (SELECT key FROM places WHERE side = 'unit' AND voivodeship_code IS "
        "NOT NULL)",
        params,
    )


def _units_from(intent: Intent) -> str:
    """Where the units passing the intent's filters are counted: the (unit, country) groups
    (load.py, COUNT_GRAINS; tens of thousands, not a million rows) when every filter reads
    only a row's unit and country, as for a count per unit (`cells_cover`)."""
    return "cell_counts" if cells_cover(intent) else "partnerships"


def by_place(intent: Intent) -> Query:
    """Units ranked by distance from the plan's centre (shape nearest) or by how close their
    population is to the plan's (shape similar), each with its partnerships (other filters kept)."""
    clause, params = where(intent)
    if intent.shape == "nearest":
        measure, measure_params = (
            f"round({HAVERSINE}, 1)",
            [intent.centre_lat, intent.centre_lat, intent.centre_lon],
        )
        name, extra = "km", "lat IS NOT NULL"
    else:
        measure = "round(greatest(population, ?) / greatest(1, least(population, ?)), 2)"
        measure_params = [intent.similar_population, intent.similar_population]
        name, extra = "size_ratio", "population > 0"
    exclude = " AND key <> ?" if intent.similar_to else ""
    place_params = [*measure_params, *([intent.similar_to] if intent.similar_to else [])]
    # The 50 nearest units that have rows are chosen first (places and one pass over the
    # rows), so only their rows are counted and cited, not every unit's.
    sql = (
        f"WITH d AS (SELECT key, population, {measure} AS {name} FROM places "
        f"WHERE side = 'unit' AND {extra}{exclude}), "
        f"top AS (SELECT key FROM d WHERE key IN (SELECT unit_label FROM partnerships "
        f"WHERE {clause}) ORDER BY {name}, key LIMIT 50) "
        f"SELECT p.unit_label AS unit, d.{name}, d.population, count(*) AS partnerships, "
        f"any_value(p.unit_type) AS unit_type, {_COUNTED}"
        f"FROM partnerships p JOIN d ON d.key = p.unit_label "
        f"WHERE {clause} AND p.unit_label IN (SELECT key FROM top) "
        f"GROUP BY p.unit_label, d.{name}, d.population ORDER BY d.{name}, unit LIMIT 50"
    )
    return Query(sql, [*place_params, *params, *params])


def unplaced_for(intent: Intent) -> Query:
    """Units passing the other filters that have no coordinates or population (not placed); for
    a bound on the partners' size, the partners."""
    clause, params = where(intent, skip=frozenset({"place"}))
    if intent.population_of == "partner" and intent.within_km is None:
        return Query(
            f"SELECT count(DISTINCT partner) FROM partnerships WHERE {clause} AND partner NOT IN "
            "(SELECT key FROM places WHERE side = 'partner' AND population IS NOT NULL)",
            params,
        )
    return Query(
        f"SELECT count(DISTINCT unit_label) FROM {_units_from(intent)} WHERE {clause} AND "
        "unit_label NOT IN (SELECT key FROM places WHERE side = 'unit' AND lat IS NOT NULL)",
        params,
    )
