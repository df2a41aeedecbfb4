"""Answers from the survey tables: run the intent's SQL and write the cited answer."""

from __future__ import annotations

import duckdb

from assistant.compose import (
    SHOW_ALL,
    SHOWN,
    Draft,
    aggregate_data,
    data_of,
    describe,
    english_country,
    list_items,
    p,
    plural,
)
from assistant.intent import Intent
from assistant.sql import query

_AGGREGATE_EXTRA = ("first_source", "first_line", "first_raw")


def answer(intent: Intent, con: duckdb.DuckDBPyConnection, lang: str) -> tuple[Draft, list[dict]]:
    """The cited answer, and the rows (or groups) it is about, for follow-ups."""
    draft = Draft(lang)
    if intent.shape in ("group_country", "group_unit"):
        return draft, _groups(draft, intent, con)
    if intent.shape == "rank":
        return draft, _ranking(draft, intent, con)
    q = query.partnerships(intent)
    draft.sql = q.shown()
    rows = _dicts(*q.run(con))
    draft.data = data_of(rows)
    if intent.shape == "yes_no":
        _yes_no(draft, intent, rows, con)
    elif rows:
        key = "found_count" if intent.shape == "count" else "found"
        draft.say(
            key,
            n=len(rows),
            partnerships=plural(lang, "partnership", len(rows)),
            filters=describe(intent, lang),
        )
        list_items(draft, rows, intent.show_all, intent.year)
    else:
        draft.say("none", filters=describe(intent, lang))
        _nearest(draft, intent, con)
    return draft, rows


def _dicts(columns: list[str], rows: list[tuple]) -> list[dict]:
    return [dict(zip(columns, r, strict=True)) for r in rows]


def _yes_no(draft: Draft, intent: Intent, rows: list[dict], con) -> None:
    lang = draft.lang
    if rows:
        lead = p(lang, "found").format(
            n=len(rows),
            partnerships=plural(lang, "partnership", len(rows)),
            filters=describe(intent, lang),
        )
        draft.say("yes", lead=lead)
        list_items(draft, rows, intent.show_all, intent.year)
    else:
        draft.say("no", filters=describe(intent, lang))
        _nearest(draft, intent, con)


def _nearest(draft: Draft, intent: Intent, con) -> None:
    """Nothing matched: offer the nearest real thing (other years, or the unit's actual partners)."""
    lang = draft.lang
    if intent.year is not None or intent.year_from is not None or intent.year_to is not None:
        years = query.nearest_years(intent, con)[:3]
        if years:
            draft.say("nearest_years", years=", ".join(str(y) for y in sorted(years)))
            nearest = intent.model_copy(
                update={"year": years[0], "year_from": None, "year_to": None}
            )
            rows = _dicts(*query.partnerships(nearest).run(con))
            draft.lines.append(
                p(lang, "found").format(
                    n=len(rows),
                    partnerships=plural(lang, "partnership", len(rows)),
                    filters=describe(nearest, lang),
                )
            )
            list_items(draft, rows, False, nearest.year)
            return
    for dropped in ("form", "country", "partner", "unit_type"):
        if not _has(intent, dropped) or not intent.units:
            continue
        rows = _dicts(*query.partnerships(intent, skip=frozenset({dropped, "year"})).run(con))
        if rows:
            what = {
                "form": "form",
                "country": p(lang, "country_word"),
                "partner": "partner",
                "unit_type": "unit type",
            }[dropped]
            draft.say(
                "nearest_filters", what=what, n=len(rows), partnerships=plural(lang, "partnership", len(rows)),
                filters=describe(intent, lang, skip=frozenset({dropped, "year"})),
            )  # fmt: skip
            list_items(draft, rows, False)
            return


def _has(intent: Intent, name: str) -> bool:
    return bool({"form": intent.form, "country": intent.countries, "partner": intent.partners,
                 "unit_type": intent.unit_type}[name])  # fmt: skip


def _groups(draft: Draft, intent: Intent, con) -> list[dict]:
    lang = draft.lang
    by_country = intent.shape == "group_country"
    q = query.grouped(intent, "country" if by_country else "unit")
    draft.sql = q.shown()
    columns, rows = q.run(con)
    groups = _dicts(columns, rows)
    keep = [c for c in columns if c not in _AGGREGATE_EXTRA]
    draft.data = aggregate_data(keep, [[g[c] for c in keep] for g in groups])
    if not groups:
        draft.say("none", filters=describe(intent, lang))
        _nearest(draft, intent, con)
        return groups
    limited = p(lang, "group_limited").format(limit=intent.limit) if intent.limit else ""
    draft.say(
        "group_head", filters=describe(intent, lang), by=p(lang, "by_country" if by_country else "by_unit"),
        n=len(groups), groups=plural(lang, "group", len(groups)), limited=limited,
    )  # fmt: skip
    shown = groups[:SHOW_ALL] if intent.show_all or intent.limit else groups[:SHOWN]
    for g in shown:
        name = g["country"] if by_country else g["unit"]
        if by_country and lang == "en":
            name = g.get("country_en") or english_country(name)
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        count = g["partnerships"]
        line = p(lang, "group_item").format(
            name=name, count=count, partnerships=plural(lang, "partnership", count)
        )
        draft.lines.append(f"- {line} {marker}")
    if len(groups) > len(shown):
        draft.say("more", n=len(groups) - len(shown), total=len(groups))
    draft.say("group_rows_note")
    return groups


def _ranking(draft: Draft, intent: Intent, con) -> list[dict]:
    lang = draft.lang
    q = query.ranking(intent)
    draft.sql = q.shown()
    columns, rows = q.run(con)
    ranked = _dicts(columns, rows)
    keep = [c for c in columns if c not in _AGGREGATE_EXTRA]
    draft.data = aggregate_data(keep, [[g[c] for c in keep] for g in ranked])
    if intent.near:
        draft.say("near_note", place=intent.near)
    if not ranked:
        draft.say("none", filters=describe(intent, lang))
        return ranked
    draft.say(
        "rank_head",
        filters=describe(intent, lang),
        n=len(ranked),
        units=plural(lang, "unit", len(ranked)),
    )
    shown = ranked[:SHOW_ALL] if intent.show_all else ranked[:SHOWN]
    for i, g in enumerate(shown, 1):
        latest = p(lang, "rank_latest").format(year=g["latest_year"]) if g["latest_year"] else ""
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        line = p(lang, "rank_item").format(
            unit=g["unit"], count=g["partnerships"], partnerships=plural(lang, "partnership", g["partnerships"]),
            agreements=g["formal_agreements"], latest=latest,
        )  # fmt: skip
        draft.lines.append(f"{i}. {line} {marker}")
    if len(ranked) > len(shown):
        draft.say("more", n=len(ranked) - len(shown), total=len(ranked))
    draft.say("group_rows_note")
    return ranked
