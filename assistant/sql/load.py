"""Bulk-load parsed survey rows into DuckDB, repairing encoding damage where one real unit fits."""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterable
from dataclasses import astuple, fields
from importlib import resources
from pathlib import Path

import duckdb

from assistant.sql.tables import DAMAGE, ParsedTable, Row
from assistant.text import fold

ROW_COLUMNS = [f.name for f in fields(Row)]
# The order of a list of partnerships (query.py sorts by its rank, list_order; _copy_rows).
LIST_ORDER = "unit_label, country, partner, source, line"
_LIST_SEPARATOR = "\x1f"  # unit separator: never in the corpus, safe inside a CSV cell


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(resources.files("assistant.sql").joinpath("schema.sql").read_text("utf-8"))


def repair_names(written: Iterable[str], known: set[str]) -> dict[str, str | None]:
    """Map each damaged name to the one known name it can be, or None.

    The replacement character stands for one lost letter (sometimes two, for a
    multi-byte letter read twice), so it becomes a wildcard of one or two characters.
    """
    by_length: dict[int, list[str]] = {}
    for name in known:
        by_length.setdefault(len(name), []).append(name)
    repairs: dict[str, str | None] = {}
    for name in written:
        pattern = re.compile(
            "".join(".{1,2}" if ch == DAMAGE else re.escape(ch) for ch in name), re.IGNORECASE
        )
        fits = {
            candidate
            for length in range(len(name), len(name) + name.count(DAMAGE) + 1)
            for candidate in by_length.get(length, ())
            if pattern.fullmatch(candidate)
        }
        repairs[name] = fits.pop() if len(fits) == 1 else None
    return repairs


def known_to_morfeusz(name: str) -> bool:
    """True when every word of the name is in the Polish dictionary (a real spelling)."""
    from assistant.text import _morfeusz

    return all(all(a[2][2] != "ign" for a in _morfeusz().analyse(word)) for word in name.split())


def merge_spellings(rows: list[Row], damaged: dict[str, str | None]) -> dict[str, str]:
    """Spellings of one name that differ only in diacritics ('Łañcut', 'Łańcut') name one unit.

    The survey was typed by hand and passed through several encodings, so the same
    unit appears with a wrong accent now and then; the most frequent spelling wins.
    """
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        name = damaged.get(r.unit_name) or r.unit_name
        if DAMAGE not in name:
            spellings = counts.setdefault(fold(name), {})
            spellings[name] = spellings.get(name, 0) + 1
    merged: dict[str, str] = {}
    for spellings in counts.values():
        if len(spellings) > 1:
            best = max(spellings, key=lambda s: (spellings[s], known_to_morfeusz(s), s))
            merged.update({s: best for s in spellings if s != best})
    return merged


def load_tables(
    con: duckdb.DuckDBPyConnection, tables: list[ParsedTable], country_en: dict[str, str]
) -> list[tuple[str, int, str, str, str | None]]:
    """Load every row and report line; return the repairs made (source, line, field, written, resolved)."""
    rows = [row for table in tables for row in table.rows]
    clean_units = {r.unit_name for r in rows if DAMAGE not in r.unit_name}
    clean_partners = {n for r in rows for n in r.partner_names if DAMAGE not in n}
    unit_fix = repair_names({r.unit_name for r in rows if DAMAGE in r.unit_name}, clean_units)
    partner_fix = repair_names(
        {n for r in rows for n in r.partner_names if DAMAGE in n}, clean_partners
    )
    unit_fix.update(merge_spellings(rows, unit_fix))
    repairs = []
    for r in rows:
        if DAMAGE in r.unit_name:
            repairs.append((r.source, r.line, "unit", r.unit_name, unit_fix[r.unit_name]))
        elif r.unit_name in unit_fix:
            repairs.append((r.source, r.line, "unit spelling", r.unit_name, unit_fix[r.unit_name]))
        for name in r.partner_names:
            if DAMAGE in name:
                repairs.append((r.source, r.line, "partner", name, partner_fix[name]))
    _copy_rows(con, rows, unit_fix, partner_fix, country_en)
    reports = [astuple(rep) for t in tables for rep in t.reports]
    if reports:
        con.executemany("INSERT INTO ingest_report VALUES (?, ?, ?, ?)", reports)
    if repairs:
        con.executemany("INSERT INTO repairs VALUES (?, ?, ?, ?, ?)", repairs)
    return repairs


def _copy_rows(con, rows: list[Row], unit_fix, partner_fix, country_en) -> None:
    """Write rows to a temporary CSV and COPY it: one bulk load, not one INSERT per row.

    The id numbers the rows in (source, line) order, what aggregates cite by. The file is
    written in a list's order (`LIST_ORDER`) with each row's rank in it (list_order): on a
    million rows a list then sorts by one integer instead of five strings, and the rows of one
    unit sit together (DuckDB's zone maps skip the rest). Python orders str by code point,
    as DuckDB orders UTF-8 VARCHAR, so the rank is the one `ORDER BY LIST_ORDER` gives
    (tests/test_ingest.py checks it).
    """
    labels = [_label(unit_fix.get(r.unit_name) or r.unit_name, r.unit_qualifier) for r in rows]
    codes: dict[str | None, int | None] = {None: None}  # text -> its code (`texts`)

    def code(text: str | None) -> int | None:
        return codes.setdefault(text, len(codes) - 1)

    ranked = sorted(
        range(len(rows)),
        key=lambda i: (labels[i], rows[i].country, rows[i].partner, rows[i].source, rows[i].line),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for rank, i in enumerate(ranked, 1):
                r, label = rows[i], labels[i]
                lookup = unit_fix.get(r.unit_name) or r.unit_name
                names = [partner_fix.get(n) or n for n in r.partner_names]
                names += [n for n in r.partner_names if n not in names]
                writer.writerow(
                    [
                        i + 1, r.source, r.line, r.raw, r.lp, r.unit, r.unit_name,
                        r.unit_qualifier, lookup, label, r.unit_type, r.country,
                        country_en.get(r.country), r.partner, _LIST_SEPARATOR.join(names),
                        r.agreement, r.agreement_year, r.agreement_note, r.other_form,
                        r.other_year, r.other_text, r.no_data, r.letter_of_intent, r.damaged,
                        f"{r.source}:{r.line}", rank,
                        code(label), code(r.unit_type), code(r.country), code(r.partner),
                        code(r.other_form or ""), code(r.source), code(country_en.get(r.country)),
                    ]
                )  # fmt: skip
        con.execute(
            f"""
            INSERT INTO partnerships
            SELECT column00, column01, column02, column03, column04, column05, column06,
                   column07, column08, column09, column10, column11, column12, column13,
                   string_split(column14, '{_LIST_SEPARATOR}'),
                   coalesce(column15, ''), column16, column17, coalesce(column18, ''),
                   column19, column20, column21, column22, column23, column24, column25,
                   column26, column27, column28, column29, column30, column31, column32
            FROM read_csv(?, header = false, all_varchar = true, quote = '"', escape = '"',
                          delim = ',', strict_mode = true)
            """,
            [str(path)],
        )
    _store_partner_variants(con)
    _store_other_forms(con)
    _store_texts(con)
    _store_cells(con)


def _label(lookup: str, qualifier: str | None) -> str:
    """A unit's identity: its name to search by, and its disambiguator if it has one."""
    return f"{lookup} ({qualifier})" if qualifier else lookup


def _store_partner_variants(con: duckdb.DuckDBPyConnection) -> None:
    """Each partner cell's name variants once: a partner filter tests a few thousand lists
    here instead of one per row (assistant/sql/query.py). A cell's variants follow from its
    text alone (`tables.partner_names`, then the repairs), so a cell has one list."""
    con.execute(
        "CREATE TABLE partner_variants AS "
        "SELECT DISTINCT partner, partner_names AS names FROM partnerships"
    )


def _store_other_forms(con: duckdb.DuckDBPyConnection) -> None:
    """Each other-form cell once, with the folded text a topic filter matches (query.py,
    `FOLDED_OTHER`): a million rows repeat a few hundred cells, so the regular expression runs
    on those and the rows are picked by cell (`other_form IN (...)`)."""
    from assistant.sql.query import FOLDED_OTHER

    con.execute(
        "CREATE TABLE other_forms AS "
        f"SELECT other_form, {FOLDED_OTHER} AS folded FROM (SELECT DISTINCT other_form FROM partnerships)"
    )


# The text columns a list's data carries and the integer column that codes each (`texts`).
CODED = {
    "unit_label": "unit_code",
    "unit_type": "unit_type_code",
    "country": "country_code",
    "partner": "partner_code",
    "other_form": "other_form_code",
    "source": "source_code",
    "country_en": "country_en_code",
}


def _store_texts(con: duckdb.DuckDBPyConnection) -> None:
    """The texts the code columns stand for, read back from the stored rows (so a code and
    its text agree by construction: '' stays '', a missing English name stays NULL).

    A list of 100k rows is then fetched as integers, which DuckDB hands to Python in bulk,
    and each code becomes the one Python string of its text (assistant/sql/rows.py):
    making 700k Python strings one by one is most of what fetching such a list costs."""
    pairs = " UNION ".join(
        f"SELECT {c} AS code, {t} AS text FROM partnerships" for t, c in CODED.items()
    )
    # texts.code is the primary key: a code that stood for two texts would fail here.
    con.execute(f"INSERT INTO texts SELECT code, text FROM ({pairs}) WHERE code IS NOT NULL")


# The grains the rows are counted at (query.py, `counts_table`), each by its key columns.
COUNT_GRAINS = {
    "cell_counts": "unit_label, unit_type, country, country_en",
    "unit_counts": "unit_label, unit_type",
    "country_counts": "country, country_en",
    "type_country_counts": "unit_type, country, country_en",
}


def _store_cells(con: duckdb.DuckDBPyConnection) -> None:
    """The rows counted per unit, per country, per (unit type, country) and per (unit, country),
    each group with its first rows in id order, for the aggregates whose filters are about
    units and countries only (query.py, `counts_table`).

    A count per unit or country over a million rows is cheap; citing each group's first 20
    rows (`min_by(ref, id, 20)`) and quoting its first row are not. Here each group of a grain
    keeps its first 20 refs in id order and its first row, so an aggregate whose groups are the
    grain's rows reads them as they are. The tables are small (at most one row per unit and
    country), the rows are 1M. The refs are one string, a ref a line (first_refs): a list
    column is read whole for every row of the table a filter looks at, a string only where
    the filter holds."""
    from assistant.sql.query import LATEST_YEAR, REF_SEPARATOR, ROWS_PER_GROUP

    for table, keys in COUNT_GRAINS.items():
        columns = ", ".join(f"{k} VARCHAR" for k in keys.split(", "))
        con.execute(
            f"CREATE TABLE {table} ({columns}, n BIGINT, formal BIGINT, latest INTEGER, "
            "first_id INTEGER, first_source VARCHAR, first_line INTEGER, first_raw VARCHAR, "
            "first_refs VARCHAR)"
        )
        con.execute(
            f"""
            INSERT INTO {table}
            SELECT {keys}, count(*), count(agreement_year), max({LATEST_YEAR}), min(id),
                   arg_min(source, id), arg_min(line, id), arg_min(raw, id),
                   array_to_string(min_by(ref, id, {ROWS_PER_GROUP}), {REF_SEPARATOR})
            FROM partnerships GROUP BY {keys} ORDER BY {keys}
            """
        )


def bulk_insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], rows
) -> int:
    """Insert many rows through one COPY-style read of a temporary CSV (lists joined, then split)."""
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for row in rows:
                writer.writerow(
                    [_LIST_SEPARATOR.join(v) if isinstance(v, list | tuple) else v for v in row]
                )
                count += 1
        if not count:
            return 0
        select = ", ".join(
            f"string_split(column{i:0{_digits(columns)}d}, '{_LIST_SEPARATOR}')"
            if kind.endswith("[]")
            else f"column{i:0{_digits(columns)}d}"
            for i, (_name, kind) in enumerate(columns)
        )
        con.execute(
            f"INSERT INTO {table} SELECT {select} FROM read_csv(?, header = false, "
            "all_varchar = true, quote = '\"', escape = '\"', delim = ',', strict_mode = true)",
            [str(path)],
        )
    return count


def _digits(columns: list) -> int:
    return len(str(len(columns) - 1))
