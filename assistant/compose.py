"""Answer text from rows, in the question's language, with a citation marker on every fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.intent import Intent
from assistant.models import Citation, Data
from assistant.sql.query import LIST_COLUMNS
from assistant.sql.rows import Rows
from assistant.vocabulary import load

SHOWN = 10  # items written out in the text; `data` carries all of them
SHOW_ALL = 500  # "show all of them" writes out this many at most (the text is read by a person)
DATA_COLUMNS = [*LIST_COLUMNS, "country_en", "other_year"]


@lru_cache(maxsize=2)
def phrases(lang: str) -> dict[str, Any]:
    return load(f"answers_{lang}")["answer"]


def plural(lang: str, key: str, n: int) -> str:
    one, few, many = phrases(lang)[key]
    if n == 1:
        return one
    if lang == "pl":
        return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many
    return few


@dataclass
class Draft:
    """An answer being written: text lines, the citations they use, the data table."""

    lang: str
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    data: Data | None = None
    sql: str | None = None
    # (source, first, last) -> the citation of those lines: a page set against 2,000 rows
    # cites each once without searching the list for every row
    _cited: dict[tuple[str, int, int], Citation] = field(default_factory=dict, repr=False)

    def cite(self, source: str, first: int, last: int, quote: str) -> str:
        kept = self._cited.get((source, first, last))
        if kept is not None and self.citations[kept.id - 1 : kept.id] == [kept]:  # still kept
            return f"[{kept.id}]"
        citation = Citation(
            id=len(self.citations) + 1, source=source, lines=(first, last), quote=quote
        )
        self.citations.append(citation)
        self._cited[(source, first, last)] = citation
        return f"[{citation.id}]"

    def cite_row(self, row: dict) -> str:
        return self.cite(row["source"], row["line"], row["line"], row["raw"])

    def say(self, key: str, **values: Any) -> None:
        self.lines.append(phrases(self.lang)[key].format(**values))

    def text(self) -> str:
        return "\n".join(self.lines).strip()


def p(lang: str, key: str) -> Any:
    return phrases(lang)[key]


def country_name(row: dict, lang: str) -> str:
    return (row.get("country_en") or row["country"]) if lang == "en" else row["country"]


def describe(intent: Intent, lang: str, *, skip: frozenset[str] = frozenset()) -> str:
    """The filters of an intent as a short parenthesis: ' (Kraków, with Slovakia, in 2008)'."""
    ph = phrases(lang)
    parts: list[str] = []
    if intent.units and "unit" not in skip:
        parts.append(", ".join(intent.units))
    if intent.unit_type and "unit_type" not in skip and not intent.units:
        parts.append(ph["filters_unit_type"][intent.unit_type])
    if intent.countries and "country" not in skip:
        names = country_names_of(intent.countries, lang)
        parts.append(ph["filters_country"].format(country=", ".join(names)))
    if intent.foreign and "country" not in skip:
        parts.append(ph["filters_foreign"])
    if intent.partners and "partner" not in skip:
        parts.append(
            ph["filters_partner"].format(partner=intent.partner_query or intent.partners[0])
        )
    if "year" not in skip:
        if intent.year is not None:
            parts.append(ph["filters_year"].format(year=intent.year))
        elif intent.year_from is not None and intent.year_to is not None:
            parts.append(ph["filters_range"].format(a=intent.year_from, b=intent.year_to))
        elif intent.year_from is not None:
            parts.append(ph["filters_since"].format(a=intent.year_from))
        elif intent.year_to is not None:
            parts.append(ph["filters_until"].format(b=intent.year_to))
    if intent.form and "form" not in skip:
        parts.append(ph["filters_form"][intent.form])
    if intent.form_text and "form" not in skip:
        parts.append(ph["filters_form_text"].format(text=", ".join(intent.form_text)))
    if intent.exclude_countries and "country" not in skip:
        names = country_names_of(intent.exclude_countries, lang)
        parts.append(ph["filters_except_country"].format(country=", ".join(names)))
    if intent.exclude_units and "unit" not in skip:
        parts.append(ph["filters_except_unit"].format(units=", ".join(intent.exclude_units)))
    if intent.units_without_countries:
        names = [english_country(c) if lang == "en" else c for c in intent.units_without_countries]
        parts.append(ph["filters_units_without"].format(country=", ".join(names)))
    if intent.units_without_foreign:
        parts.append(ph["filters_units_without_foreign"])
    if intent.min_partnerships is not None:
        parts.append(ph["filters_min_partnerships"].format(n=intent.min_partnerships))
    if intent.max_partnerships is not None:
        parts.append(ph["filters_max_partnerships"].format(n=intent.max_partnerships))
    if intent.regions and "region" not in skip:
        from assistant.places import voivodeship_name

        names = ", ".join(voivodeship_name(code) or code for code in intent.regions)
        parts.append(ph["filters_region"].format(region=names))
    if intent.within_km is not None and "place" not in skip:
        km = (
            int(intent.within_km) if intent.within_km == int(intent.within_km) else intent.within_km
        )
        parts.append(ph["filters_within"].format(km=km, place=intent.centre))
    for bound in ("over", "under"):
        value = getattr(intent, f"population_{bound}")
        if value is not None and "place" not in skip:
            key = f"filters_{bound}" + ("_partners" if intent.population_of == "partner" else "")
            parts.append(ph[key].format(n=f"{value:,}".replace(",", " ")))
    if intent.topic_words and "topic" not in skip:
        parts.append(
            ph["filters_topic"].format(text=", ".join(f"“{w}”" for w in intent.topic_words))
        )
    if intent.shared_partners and "unit" not in skip:
        parts.append(ph["filters_shared"])
    if intent.partner_groups and "partner" not in skip:
        said = ph["filters_partner"].format(partner=intent.partner_query or "")
        parts[:] = [x for x in parts if x != said]
        parts.append(ph["filters_every_partner"].format(partners=intent.partner_query))
    if intent.every_country and "country" not in skip:
        parts[:] = [x for x in parts if not x.startswith(ph["filters_country"].split("{")[0])]
        names = [english_country(c) if lang == "en" else c for c in intent.countries]
        parts.append(ph["filters_every_country"].format(countries=f" {ph['and']} ".join(names)))
    return f" ({'; '.join(parts)})" if parts else ""


@lru_cache(maxsize=1)
def _country_en() -> dict[str, str]:
    from assistant.vocabulary import country_names

    return country_names()


def country_names_of(countries: list[str], lang: str) -> list[str]:
    """Countries as a filter says them: a whole continent by its name ('Afryka', 'Asia')."""
    from assistant.places import continent_countries

    left, names = set(countries), []
    words = load("continents")
    for code, members in sorted(continent_countries().items()):
        if len(members) > 1 and members <= left:
            names.append(words[code][lang][0])
            left -= members
    rest = [english_country(c) if lang == "en" else c for c in countries if c in left]
    return names + [c for c in rest if c not in names]  # the survey's own "Europa" row


def english_country(polish: str) -> str:
    return _country_en().get(polish, polish)


def form_of(row: dict, lang: str, year: int | None = None) -> str:
    """How the row documents the partnership; with a year filter, say which cell holds it."""
    ph = phrases(lang)
    bits = []
    if row["agreement_year"] is not None:
        bits.append(ph["form_agreement"].format(year=row["agreement"]))
    if row["other_form"] and not row["no_data"]:
        bits.append(ph["form_other"].format(text=row["other_form"]))
    if row["no_data"]:
        bits.append(ph["form_no_data"])
    if not bits:
        bits.append(ph["form_none"])
    if year is not None:
        in_agreement = row["agreement_year"] == year
        in_other = row["other_year"] == year
        where = "both" if in_agreement and in_other else "agreement" if in_agreement else "other"
        bits.append(ph[f"year_where_{where}"])
    return ": " + "; ".join(bits)


def item_line(draft: Draft, row: dict, year: int | None = None) -> str:
    text = p(draft.lang, "item").format(
        unit=row["unit"], partner=row["partner"], country=country_name(row, draft.lang),
        form=form_of(row, draft.lang, year),
    )  # fmt: skip
    return f"- {text} {draft.cite_row(row)}"


def data_of(rows: list[dict] | Rows) -> Data:
    """A list's data: every row, the contract's columns. The rows of `Rows` are DuckDB's own
    values in those columns already, so they are not validated again (100k rows on a large
    table)."""
    if isinstance(rows, Rows):
        assert rows.data_columns() == DATA_COLUMNS, rows.data_columns()
        return Data.model_construct(columns=DATA_COLUMNS, rows=rows.data_rows(), total=len(rows))
    return Data(
        columns=DATA_COLUMNS, rows=[[r[c] for c in DATA_COLUMNS] for r in rows], total=len(rows)
    )


def list_items(draft: Draft, rows: list[dict], show_all: bool, year: int | None = None) -> None:
    shown = rows[:SHOW_ALL] if show_all else rows[:SHOWN]
    draft.lines += [item_line(draft, r, year) for r in shown]
    if len(rows) > len(shown):
        draft.say("more", n=len(rows) - len(shown), total=len(rows))


def aggregate_data(columns: list[str], rows: list[tuple]) -> Data:
    clean = [[list(v) if isinstance(v, list | tuple) else v for v in r] for r in rows]
    return Data(columns=columns, rows=clean, total=len(clean))
