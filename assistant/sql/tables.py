"""Read a survey table file into partnership rows, accounting for every line.

Every line ends up in exactly one bucket: header, blank, row, or report (with a reason).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from assistant.text import fold, strip_html

# Header cells we recognise, folded. A table needs at least the unit, the country and the partner.
_HEADER_WORDS = {
    "lp": ("l.p.", "lp", "lp."),
    "unit": ("polskie miasto", "polska gmina", "polski powiat", "jednostka"),
    "country": ("kraj partnera", "kraj"),
    "partner": ("partnersk", "partner"),
    "agreement": ("umowa",),
    "other": ("inna forma",),
}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A year or a span of years as it stands in a cell: "1999-2000", "2007/2008", "1995 - 1998".
_YEAR_SPAN = re.compile(r"\b(?:1[89]|20)\d\d(?:\s*[-/–]\s*(?:(?:1[89]|20)\d\d|\d\d))?\b")
NO_DATA = "b.d."
DAMAGE = "\ufffd"
# Parenthesised words that describe a partner rather than name it: "Steirichen Vulkanland (region)".
_DESCRIPTORS = {
    "region",
    "landkreis",
    "gmina",
    "powiat",
    "miasto",
    "county",
    "kraj",
    "rejon",
    "obwod",
}


@dataclass
class Layout:
    """Where each field stands in a recognised table, and what kind of unit its rows hold."""

    delimiter: str
    columns: dict[str, int]
    unit_type: str  # 'gmina' (cities and gminas) or 'powiat'

    @property
    def width(self) -> int:
        return max(self.columns.values()) + 1


@dataclass(slots=True)
class Row:
    source: str
    line: int
    raw: str
    lp: int | None
    unit: str
    unit_name: str
    unit_qualifier: str | None
    unit_type: str
    country: str
    partner: str
    partner_names: list[str]
    agreement: str
    agreement_year: int | None
    agreement_note: str
    other_form: str
    other_year: int | None
    other_text: str
    no_data: bool
    letter_of_intent: bool
    damaged: bool


@dataclass
class Report:
    source: str
    line: int
    raw: str
    reason: str


@dataclass
class ParsedTable:
    source: str
    layout: Layout | None
    total_lines: int = 0
    headers: int = 0
    blanks: int = 0
    rows: list[Row] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    problem: str | None = None  # set when the file as a whole is not a table we know


def split_lines(text: str) -> list[str]:
    """Lines as numbered in citations: split on \\n only, no trailing empty line after a final \\n."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def detect_delimiter(lines: list[str]) -> str:
    sample = [line for line in lines[:50] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in ("\t", ";", ",")}
    return max(counts, key=counts.get) if any(counts.values()) else "\t"


def cells_of(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    return next(csv.reader(io.StringIO(line), delimiter=delimiter))


def header_fields(cells: list[str]) -> dict[str, int]:
    """Which known header fields the cells name, by column; empty when the line is not a header."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        folded = fold(cell.strip())
        if not folded:
            continue
        for name, words in _HEADER_WORDS.items():
            exact = name == "lp"  # "lp" also hides inside "wspolpracy"
            if name not in found and any(
                folded == fold(w) if exact else fold(w) in folded for w in words
            ):
                if name == "partner" and "kraj" in folded:
                    continue
                found[name] = index
                break
    return found


def recognise_layout(lines: list[str]) -> Layout | None:
    delimiter = detect_delimiter(lines)
    for line in lines[:20]:
        cells = cells_of(line, delimiter)
        found = header_fields(cells)
        if {"unit", "country", "partner"} <= found.keys():
            # The form columns sit under a spanning header: "umowa" and "inna forma" on the next line.
            start = max(found.values()) + 1
            found.setdefault("agreement", start)
            found.setdefault("other", found["agreement"] + 1)
            unit_header = fold(cells[found["unit"]])
            unit_type = "powiat" if "lp" in found and "powiat" in unit_header else "gmina"
            return Layout(delimiter, found, unit_type)
    return None


_HEADER_HINTS = ("kraj", "partner", "umowa", "forma", "l.p", "lp", "miasto", "gmina")


def is_header(cells: list[str]) -> bool:
    # Cheap test first: most lines are data, and fold() on every cell of a million rows adds up.
    joined = fold("\t".join(cells))
    if not any(hint in joined for hint in _HEADER_HINTS):
        return False
    found = header_fields(cells)
    return len(found) >= 2 and not any(_YEAR.search(c) for c in cells)


def first_year(cell: str) -> int | None:
    match = _YEAR.search(cell)
    return int(match.group(1)) if match else None


def without_years(cell: str) -> str:
    """The text of a cell once its year (or span of years) and its HTML are gone."""
    if not cell:
        return ""
    text = strip_html(_YEAR_SPAN.sub(" ", cell, count=1))
    return text.strip(" ,;:-–").strip()


def split_unit(unit: str) -> tuple[str, str | None]:
    """'Czernichów (pow. żywiecki)' -> ('Czernichów', 'pow. żywiecki')."""
    if "(" not in unit and "<" not in unit:
        return unit.strip(), None
    clean = strip_html(unit)
    match = re.match(r"^(.*?)\s*\((.*)\)+\s*$", clean)
    if not match or not match.group(1):
        return clean, None
    return match.group(1).strip(), match.group(2).strip(" )") or None


def partner_names(partner: str) -> list[str]:
    """'Brest (Brześć)' -> ['Brest', 'Brześć']; a cell listing several partners gives each."""
    if not any(c in partner for c in "(,<;") and partner == " ".join(partner.split()).strip(
        " ,;.-"
    ):
        return [partner] if partner and fold(partner) not in _DESCRIPTORS else []
    clean = strip_html(partner)
    names: list[str] = []
    outer = re.sub(r"\(([^()]*)\)", " ", clean)
    inner = re.findall(r"\(([^()]*)\)", clean)
    for part in [*outer.split(","), *inner]:
        name = " ".join(part.split()).strip(" ,;.-")
        if name and fold(name) not in _DESCRIPTORS and name not in names:
            names.append(name)
    return names


def _row(source: str, number: int, raw: str, cells: list[str], layout: Layout) -> Row:
    col = layout.columns

    def cell(name: str) -> str:
        index = col.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    unit = cell("unit")
    name, qualifier = split_unit(unit)
    agreement, other = cell("agreement"), cell("other")
    agreement_year = first_year(agreement)
    other_year = first_year(other)
    lp = cell("lp")
    unit_type = "powiat" if fold(name).startswith("powiat") else layout.unit_type
    return Row(
        source=source,
        line=number,
        raw=raw,
        lp=int(lp) if lp.isdigit() else None,
        unit=unit,
        unit_name=name,
        unit_qualifier=qualifier,
        unit_type=unit_type,
        country=cell("country"),
        partner=cell("partner"),
        partner_names=partner_names(cell("partner")),
        agreement=agreement,
        agreement_year=agreement_year,
        agreement_note=without_years(agreement) if agreement != NO_DATA else "",
        other_form=other,
        other_year=other_year,
        other_text=without_years(other) if other != NO_DATA else "",
        # b.d. means "brak danych" (no data): not a year, and not an empty cell.
        no_data=NO_DATA in (agreement, other),
        letter_of_intent="list intencyjn" in fold(other) or "list intencyjn" in fold(agreement),
        damaged=DAMAGE in raw,
    )


def problem_with(cells: list[str], layout: Layout) -> str | None:
    """Why a line cannot be a row, or None when it can."""
    if len(cells) < layout.width - 1 or len(cells) > layout.width:
        return f"{len(cells)} cells where the table has {layout.width}"
    col = layout.columns

    def cell(name: str) -> str:
        index = col[name]
        return cells[index].strip() if index < len(cells) else ""

    if not cell("unit"):
        return "no Polish unit in the first column"
    if not cell("country"):
        return "no partner country"
    if not cell("partner"):
        return "no partner unit"
    agreement = cell("agreement")
    if agreement and agreement != NO_DATA and first_year(agreement) is None:
        return f"agreement cell holds no year: {agreement!r}"
    return None


def parse_table(source: str, text: str) -> ParsedTable:
    lines = split_lines(text)
    layout = recognise_layout(lines)
    parsed = ParsedTable(source=source, layout=layout, total_lines=len(lines))
    if layout is None:
        parsed.problem = "no header naming the Polish unit, the partner country and the partner"
        parsed.reports = [
            Report(source, n, line, "file layout not recognised")
            for n, line in enumerate(lines, 1)
            if line.strip()
        ]
        parsed.blanks = sum(1 for line in lines if not line.strip())
        return parsed
    for number, line in enumerate(lines, 1):
        for bucket, value in _classify(source, number, line, layout):
            if bucket == "blank":
                parsed.blanks += 1
            elif bucket == "header":
                parsed.headers += 1
            elif bucket == "row":
                parsed.rows.append(value)
            else:
                parsed.reports.append(value)
    return parsed


def _classify(source: str, number: int, line: str, layout: Layout) -> Iterator[tuple[str, object]]:
    if not line.strip():
        yield "blank", None
        return
    try:
        cells = cells_of(line, layout.delimiter)
    except csv.Error as error:
        yield "report", Report(source, number, line, f"unreadable line: {error}")
        return
    if is_header(cells) or _is_subheader(cells):
        yield "header", None
        return
    problem = problem_with(cells, layout)
    if problem:
        yield "report", Report(source, number, line, problem)
    else:
        yield "row", _row(source, number, line, cells, layout)


def _is_subheader(cells: list[str]) -> bool:
    """The second header line holds only 'umowa' and 'inna forma' under the spanning header."""
    filled = {fold(c.strip()) for c in cells if c.strip()}
    return bool(filled) and filled <= {"umowa", "inna forma", "forma wspolpracy i data rozpoczecia"}
