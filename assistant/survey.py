"""Answers from the survey tables: run the intent's SQL and write the cited answer."""

from __future__ import annotations

import duckdb

from assistant.compose import (
    SHOW_ALL,
    SHOWN,
    Draft,
    aggregate_data,
    country_name,
    data_of,
    describe,
    english_country,
    list_items,
    p,
    plural,
)
from assistant.intent import GROUP_OF_SHAPE, Intent
from assistant.sql import query
from assistant.sql.rows import ListColumns, Rows, fetch, group_dicts
from assistant.text import fold

_AGGREGATE_EXTRA = ("first_id",)


def answer(
    intent: Intent, con: duckdb.DuckDBPyConnection, lang: str, columns: ListColumns | None = None
) -> tuple[Draft, list[dict]]:
    """The cited answer, and the rows (or groups) it is about, for follow-ups. `columns`: the
    index's list columns held in memory, if its owner keeps them (a list then queries ranks)."""
    draft, found = _answer(intent, con, lang, columns)
    measured = (
        intent.within_km is not None
        or intent.shape in ("nearest", "similar")
        or (intent.population_over is not None or intent.population_under is not None)
    )
    if measured:
        unplaced = query.unplaced_for(intent).run(con)[1][0][0]
        if intent.population_of == "partner" and intent.within_km is None:
            note = p(lang, "partner_size_note").format(
                n=unplaced, partners=plural(lang, "partner", unplaced)
            )
        else:
            note = p(lang, "place_note").format(n=unplaced, units=plural(lang, "unit", unplaced))
        draft.lines.insert(1 if draft.lines else 0, note)
    if intent.regions:
        # Voivodeships are derived (GeoNames), not survey data: say so, and what could not be placed.
        unplaced = query.unplaced_units(intent).run(con)[1][0][0]
        note = p(lang, "region_note").format(region=intent.region, n=unplaced,
                                              units=plural(lang, "unit", unplaced))  # fmt: skip
        draft.lines.insert(1 if draft.lines else 0, note)
    return draft, found


def first_found(intent: Intent, con: duckdb.DuckDBPyConnection, lang: str, n: int) -> list[dict]:
    """The first `n` of the rows (or groups) `answer` finds, for a follow-up that picks one
    ("the second one"): of a list, only those rows are fetched, not the 100k a list of a large
    table can hold. A list in year order is read in full (its order has ties, which a LIMIT
    could break otherwise than the full sort), as is anything else."""
    if _lists_rows(intent) and intent.order not in ("year_asc", "year_desc"):
        q = query.list_rows(intent)
        first = query.Query(f"{q.sql} LIMIT ?", [*q.params, n], coded=q.coded)
        columns, rows, ranks = fetch(first, con)
        return [
            dict(zip(columns, (*row, rank), strict=True))
            for row, rank in zip(rows, ranks.tolist(), strict=True)
        ]
    return answer(intent, con, lang)[1][:n]


def _lists_rows(intent: Intent) -> bool:
    """Whether `_answer` finds the rows of `query.list_rows(intent)` (a list, a count of
    partnerships, a yes/no question, a share), not groups or ranked units."""
    if intent.shape == "share":
        return True
    return not (
        intent.shape in ("nearest", "similar", "compare", "extreme", "rank")
        or (intent.shape == "count" and intent.measure != "partnerships")
        or intent.shape in GROUP_OF_SHAPE
    )


def _answer(
    intent: Intent, con: duckdb.DuckDBPyConnection, lang: str, columns: ListColumns | None
) -> tuple[Draft, list[dict]]:
    draft = Draft(lang)
    if intent.shape in ("nearest", "similar"):
        return draft, _by_place(draft, intent, con)
    if intent.shape == "compare":
        return draft, _compare(draft, intent, con)
    if intent.shape == "share":
        return draft, _share(draft, intent, con, columns)
    if intent.shape == "extreme" and intent.extreme in ("most", "fewest"):
        return draft, _extreme_group(draft, intent, con)
    if intent.shape == "extreme":
        return draft, _extreme_rows(draft, intent, con)
    if intent.shape == "count" and intent.measure != "partnerships":
        return draft, _distinct(draft, intent, con)
    if intent.shape in GROUP_OF_SHAPE:
        return draft, _groups(draft, intent, con)
    if intent.shape == "rank":
        return draft, _ranking(draft, intent, con)
    q = query.list_rows(intent)
    draft.sql = q.shown()
    rows = _list(q, con, intent.show_all, columns)
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
        _nearest(draft, intent, con, columns)
    return draft, rows


def _aggregate(draft: Draft, q: query.Query, con) -> list[dict]:
    """Run an aggregate; its groups (as dicts) for the text, its data without the citation
    helper columns."""
    draft.sql = q.shown()
    columns, rows = q.run(con)
    found = group_dicts(con, columns, rows)
    keep = [c for c in columns if c not in _AGGREGATE_EXTRA]
    draft.data = aggregate_data(keep, [[g[c] for c in keep] for g in found])
    return found


def _list(
    q: query.Query, con, show_all: bool = False, in_memory: ListColumns | None = None
) -> Rows:
    """A list query's rows; the ones the text writes out are read in full at once."""
    columns, rows, ranks = fetch(q, con, in_memory)
    return Rows(con, columns, rows, ranks, prefetch=SHOW_ALL if show_all else SHOWN)


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


def _nearest(draft: Draft, intent: Intent, con, columns: ListColumns | None = None) -> None:
    """Nothing matched: offer the nearest real thing (other years, or the unit's actual partners)."""
    lang = draft.lang
    if intent.year is not None or intent.year_from is not None or intent.year_to is not None:
        years = query.nearest_years(intent, con)[:3]
        if years:
            draft.say("nearest_years", years=", ".join(str(y) for y in sorted(years)))
            nearest = intent.model_copy(
                update={"year": years[0], "year_from": None, "year_to": None}
            )
            rows = _list(query.list_rows(nearest), con, in_memory=columns)
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
        skipped = query.list_rows(intent, skip=frozenset({dropped, "year"}))
        rows = _list(skipped, con, in_memory=columns)
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
    by = GROUP_OF_SHAPE[intent.shape]
    if by not in ("country", "unit"):
        return _breakdown(draft, intent, con, by)
    by_country = by == "country"
    groups = _aggregate(draft, query.grouped(intent, by), con)
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
    draft.say("group_rows_note", k=query.ROWS_PER_GROUP)
    return groups


def _ranking(draft: Draft, intent: Intent, con) -> list[dict]:
    lang = draft.lang
    ranked = _aggregate(draft, query.ranking(intent), con)
    if intent.near and intent.centre_lat is None:
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
    if intent.centre_lat is not None:
        draft.say("near_distance_note", place=intent.centre)
    shown = ranked[:SHOW_ALL] if intent.show_all else ranked[:SHOWN]
    for i, g in enumerate(shown, 1):
        latest = p(lang, "rank_latest").format(year=g["latest_year"]) if g["latest_year"] else ""
        if g.get("km") is not None:
            latest += p(lang, "rank_km").format(km=g["km"], place=intent.centre)
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        line = p(lang, "rank_item").format(
            unit=g["unit"], count=g["partnerships"], partnerships=plural(lang, "partnership", g["partnerships"]),
            agreements=g["formal_agreements"], latest=latest,
        )  # fmt: skip
        draft.lines.append(f"{i}. {line} {marker}")
    if len(ranked) > len(shown):
        draft.say("more", n=len(ranked) - len(shown), total=len(ranked))
    draft.say("group_rows_note", k=query.ROWS_PER_GROUP)
    return ranked


def _group_name(g: dict, by: str, lang: str) -> str:
    if by == "country":
        return (
            (g.get("country_en") or english_country(g["country"])) if lang == "en" else g["country"]
        )
    if by == "form":
        return p(lang, "group_forms")[g["form"]]
    if by == "unit_type":
        return p(lang, "kinds_plural")[g["unit_type"]]
    if by == "decade":
        return p(lang, "decade").format(decade=g["decade"]) if g["decade"] else p(lang, "no_year")
    if by == "year":
        return str(g["year"]) if g["year"] else p(lang, "no_year")
    if by == "region":
        return g["voivodeship"] or p(lang, "not_placed")
    return str(g[by])


def _cited_groups(draft: Draft, groups: list[dict], by: str, count_key: str, noun: str) -> None:
    for g in groups:
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        count = g[count_key]
        line = p(draft.lang, "group_item").format(
            name=_group_name(g, by, draft.lang),
            count=count,
            partnerships=plural(draft.lang, noun, count),
        )
        draft.lines.append(f"- {line} {marker}")


def _breakdown(draft: Draft, intent: Intent, con, by: str) -> list[dict]:
    """Partnerships per year, decade, form or unit type (time in order, the others most first)."""
    lang = draft.lang
    groups = _aggregate(draft, query.grouped(intent, by), con)
    if not groups:
        draft.say("none", filters=describe(intent, lang))
        return groups
    total = sum(g["partnerships"] for g in groups)
    draft.say(
        "breakdown_head", filters=describe(intent, lang), by=p(lang, "by_" + by), n=total,
        partnerships=plural(lang, "partnership", total),
    )  # fmt: skip
    shown = groups if intent.show_all or len(groups) <= 30 else groups[:SHOWN]
    _cited_groups(draft, shown, by, "partnerships", "partnership")
    if len(groups) > len(shown):
        draft.say("more", n=len(groups) - len(shown), total=len(groups))
    return groups


def _distinct(draft: Draft, intent: Intent, con) -> list[dict]:
    """'How many powiats …': distinct units (or countries, partners), with the rows between them."""
    lang = draft.lang
    by = query.MEASURE_KEYS[intent.measure]
    groups = _aggregate(draft, query.grouped(intent.model_copy(update={"limit": None}), by), con)
    if not groups:
        draft.say("none", filters=describe(intent, lang))
        _nearest(draft, intent, con)
        return groups
    rows_total = sum(g["partnerships"] for g in groups)
    noun = _measure_noun(intent)
    draft.say(
        "distinct_head", n=len(groups), what=plural(lang, noun, len(groups)),
        rows=rows_total, partnerships=plural(lang, "partnership", rows_total),
        filters=describe(intent, lang),
    )  # fmt: skip
    shown = groups[:SHOW_ALL] if intent.show_all else groups[:SHOWN]
    _cited_groups(draft, shown, by, "partnerships", "partnership")
    if len(groups) > len(shown):
        draft.say("more", n=len(groups) - len(shown), total=len(groups))
    return groups


def _measure_noun(intent: Intent) -> str:
    if intent.measure == "units":
        return {"powiat": "powiat_noun", "gmina": "gmina_noun"}.get(intent.unit_type or "", "unit")
    return {"countries": "country_noun", "partners": "partner_noun"}.get(
        intent.measure, "partnership"
    )


def _extreme_rows(draft: Draft, intent: Intent, con) -> list[dict]:
    """'The oldest partnership of X': the row(s) with the earliest (latest) year, ties named."""
    lang = draft.lang
    q = query.extreme_rows(intent)
    draft.sql = q.shown()
    columns, rows = q.run(con)
    found = _dicts(columns, rows)
    draft.data = data_of(found)
    if not found:
        draft.say("none_dated", filters=describe(intent, lang))
        _nearest(draft, intent, con)
        return found
    year = found[0]["year"]
    names = [
        f"{r['unit']} – {r['partner']} ({country_name(r, lang)}) {draft.cite_row(r)}"
        for r in found[:SHOWN]
    ]
    draft.say(
        f"extreme_{intent.extreme}", year=year, items=_join(lang, names), filters=describe(intent, lang),
        n=len(found),
    )  # fmt: skip
    list_items(draft, found, intent.show_all)
    return found


def _extreme_group(draft: Draft, intent: Intent, con) -> list[dict]:
    """'Which powiat has the most partners in Ukraine?': the winner(s) and the figure first."""
    lang = draft.lang
    by = intent.group_by or "unit"
    groups = _aggregate(draft, query.grouped(intent.model_copy(update={"limit": None}), by), con)
    if not groups:
        draft.say("none", filters=describe(intent, lang))
        _nearest(draft, intent, con)
        return groups
    best = groups[0]["partnerships"]
    winners = [g for g in groups if g["partnerships"] == best]
    names = []
    for g in winners[:SHOWN]:
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        names.append(f"{_group_name(g, by, lang)} {marker}")
    draft.say(
        f"extreme_{intent.extreme}_group", items=_join(lang, names), count=best,
        partnerships=plural(lang, "partnership", best), filters=describe(intent, lang),
        what=p(lang, "by_" + by),
    )  # fmt: skip
    if len(winners) > 1:
        draft.say("tie", n=len(winners))
    if intent.claim_top:
        _checked_claim(draft, intent, groups, winners, by)
    runners = groups[len(winners) : len(winners) + 5]
    if runners:
        draft.say("runners_up")
        _cited_groups(draft, runners, by, "partnerships", "partnership")
    draft.say("group_rows_note", k=query.ROWS_PER_GROUP)
    return groups


def _checked_claim(draft: Draft, intent: Intent, groups, winners, by: str) -> None:
    """A superlative asked as yes/no: Yes or No first, and the claimed one's own figure."""
    lang, claimed = draft.lang, fold(intent.claim_top or "")
    holds = any(fold(g[by] or "") == claimed for g in winners)
    draft.lines[0] = p(lang, "yes" if holds else "no_lead").format(lead=draft.lines[0])
    if holds and len(winners) == 1:
        return  # the lead names it; a tie may not show it among the first names
    own = next((g for g in groups if fold(g[by] or "") == claimed), None)
    name = (
        english_country(intent.claim_top) if lang == "en" and by == "country" else intent.claim_top
    )
    count = own["partnerships"] if own else 0
    marker = (
        " "
        + draft.cite(own["first_source"], own["first_line"], own["first_line"], own["first_raw"])
        if own
        else ""
    )
    draft.say("claimed_figure", name=name, count=count,
              partnerships=plural(lang, "partnership", count), marker=marker)  # fmt: skip


def _compare(draft: Draft, intent: Intent, con) -> list[dict]:
    """Two or more units (countries) on one measure: every figure, and which is larger."""
    lang = draft.lang
    q = query.compared(intent)
    draft.sql = q.shown()
    columns, rows = q.run(con)
    by_name = {g["name"]: g for g in group_dicts(con, columns, rows)}
    names = (
        intent.compare_units or intent.compare_countries or [str(y) for y in intent.compare_years]
    )
    measure = intent.measure if intent.measure != "units" else "partnerships"
    groups = [by_name.get(n) or {"name": n, "partnerships": 0, "countries": 0, "partners": 0,
                                 "units": 0, "first_source": None} for n in names]  # fmt: skip
    groups.sort(key=lambda g: -g[measure])
    draft.data = aggregate_data(["name", measure], [[g["name"], g[measure]] for g in groups])
    noun = {"partnerships": "partnership", "countries": "country_noun", "partners": "partner_noun"}[
        measure
    ]
    shown = []
    for g in groups:
        name = (
            english_country(g["name"]) if lang == "en" and intent.compare_countries else g["name"]
        )
        marker = (
            " " + draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
            if g["first_source"]
            else ""
        )
        shown.append((name, g[measure], marker))
    top, second = shown[0], shown[1]
    if top[1] == second[1]:
        draft.say("compare_tie", items=_join(lang, [n for n, _c, _m in shown]), count=top[1],
                  what=plural(lang, noun, top[1]), filters=describe(intent, lang))  # fmt: skip
    else:
        key = "compare_lead" if len(shown) == 2 else "compare_lead_most"
        key = "compare_lead_year" if intent.compare_years else key
        draft.say(key, winner=top[0], count=top[1], what=plural(lang, noun, top[1]),
                  filters=describe(intent, lang))  # fmt: skip
    if intent.claim:  # asked as yes/no: does the first named have more (fewer)?
        first = next(g[measure] for g in groups if g["name"] == names[0])
        others = [g[measure] for g in groups if g["name"] != names[0]]
        holds = first > max(others) if intent.claim == "more" else first < min(others)
        draft.lines[-1] = p(lang, "yes" if holds else "no_lead").format(lead=draft.lines[-1])
    for name, count, marker in shown:
        draft.lines.append(f"- {name}: {count} {plural(lang, noun, count)}{marker}")
    return groups


def _join(lang: str, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {p(lang, 'and')} " + items[-1]


def _by_place(draft: Draft, intent: Intent, con) -> list[dict]:
    """Units nearest a place, or closest in population to one: ranked, the figure shown."""
    lang = draft.lang
    ranked = _aggregate(draft, query.by_place(intent), con)
    if not ranked:
        draft.say("none", filters=describe(intent, lang))
        return ranked
    nearest = intent.shape == "nearest"
    draft.say(
        "nearest_head" if nearest else "similar_head", place=intent.centre,
        population=intent.similar_population, filters=describe(intent, lang),
    )  # fmt: skip
    for i, g in enumerate(ranked[:SHOW_ALL] if intent.show_all else ranked[:SHOWN], 1):
        marker = draft.cite(g["first_source"], g["first_line"], g["first_line"], g["first_raw"])
        line = p(lang, "nearest_item" if nearest else "similar_item").format(
            unit=g["unit"], km=g.get("km"), population=g.get("population"), ratio=g.get("size_ratio"),
            count=g["partnerships"], partnerships=plural(lang, "partnership", g["partnerships"]),
        )  # fmt: skip
        draft.lines.append(f"{i}. {line} {marker}")
    return ranked


def _share(draft: Draft, intent: Intent, con, columns: ListColumns | None) -> list[dict]:
    """'What percentage of Kraków's partnerships are formal agreements?': the part, the whole,
    the percentage; the part's rows are the data."""
    lang = draft.lang
    q = query.list_rows(intent)
    draft.sql = q.shown()
    rows = _list(q, con, intent.show_all, columns)
    whole_q = query.list_rows(intent, skip=frozenset({intent.share_of}))
    (total,) = con.execute(f"SELECT count(*) FROM ({whole_q.sql})", whole_q.params).fetchone()
    draft.data = data_of(rows)
    if not total:
        draft.say("none", filters=describe(intent, lang, skip=frozenset({intent.share_of})))
        return rows
    part = {"form": {"form": intent.form}, "country": {"countries": intent.countries},
            "topic": {"topics": intent.topics, "topic_words": intent.topic_words},
            "unit_type": {"unit_type": intent.unit_type}}[intent.share_of]  # fmt: skip
    what = describe(Intent(**part), lang).strip(" ()")
    pct = round(100 * len(rows) / total)
    draft.say(
        "share_head", n=len(rows), total=total, pct=pct, what=what,
        partnerships=plural(lang, "partnership", total),
        base=describe(intent, lang, skip=frozenset({intent.share_of})),
    )  # fmt: skip
    list_items(draft, rows, intent.show_all)
    return rows
