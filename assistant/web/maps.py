"""The map of partnerships: GET /map (a page), GET /api/map (its placed lines as JSON).

Lines run from each placed Polish unit to its placed partner; the partner's marker is coloured
by the form of cooperation (formal agreement, other form, no data). Every line carries its
survey row, citation and a link to the source lines. The page reads with no internet: Leaflet
and the Natural Earth country outlines are shipped under static/; map tiles only when
ASSISTANT_MAP_TILES is set. Place facts come from GeoNames (CC BY 4.0), matched at ingestion.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from assistant import places
from assistant.text import fold
from assistant.vocabulary import country_names
from assistant.web.current import Leased
from assistant.web.export import ERRORS, turn_rows

router = APIRouter(tags=["map"])

STATIC = Path(__file__).parent / "static"
_ASSETS = {
    "leaflet.js": ("leaflet/leaflet.js", "text/javascript"),
    "leaflet.css": ("leaflet/leaflet.css", "text/css"),
    "map.js": ("map.js", "text/javascript"),
    "map.css": ("map.css", "text/css"),
    "countries.geojson": ("basemap/countries-50m.geojson", "application/geo+json"),
    "layers.png": ("leaflet/images/layers.png", "image/png"),
    "layers-2x.png": ("leaflet/images/layers-2x.png", "image/png"),
    "marker-icon.png": ("leaflet/images/marker-icon.png", "image/png"),
    "marker-icon-2x.png": ("leaflet/images/marker-icon-2x.png", "image/png"),
    "marker-shadow.png": ("leaflet/images/marker-shadow.png", "image/png"),
}
FORMS = ("agreement", "other", "no_data")
_TEXT = {
    "pl": {
        "title": "Mapa partnerstw polskich samorządów",
        "country": "Kraj partnera",
        "voivodeship": "Województwo",
        "year_from": "Od roku",
        "year_to": "Do roku",
        "form": "Forma współpracy",
        "all": "wszystkie",
        "agreement": "umowa partnerska",
        "other": "inna forma",
        "no_data": "brak danych",
        "apply": "Pokaż",
        "table": "Partnerstwa na mapie (tabela)",
        "unit": "Polska jednostka",
        "partner": "Partner",
        "year": "Rok",
        "source": "Źródło",
        "show": "Pokaż na mapie",
        "credit": "Miejsca: GeoNames (CC BY 4.0), dopasowane przy wczytywaniu ankiety, nie dane "
        "ankiety. Granice państw: Natural Earth (domena publiczna). Mapa: Leaflet.",
    },
    "en": {
        "title": "Map of Polish local-government partnerships",
        "country": "Partner country",
        "voivodeship": "Voivodeship",
        "year_from": "From year",
        "year_to": "To year",
        "form": "Form of cooperation",
        "all": "all",
        "agreement": "formal agreement",
        "other": "other form",
        "no_data": "no data",
        "apply": "Show",
        "table": "Partnerships on the map (table)",
        "unit": "Polish unit",
        "partner": "Partner",
        "year": "Year",
        "source": "Source",
        "show": "Show on map",
        "credit": "Places: GeoNames (CC BY 4.0), matched when the survey was ingested, not "
        "survey data. Country outlines: Natural Earth (public domain). Map: Leaflet.",
    },
}


def _country(value: str | None) -> str | None:
    """A partner country as the survey writes it, from its Polish or English name."""
    if not value:
        return None
    wanted = fold(value)
    for polish, english in country_names().items():
        if wanted in (fold(polish), fold(english)):
            return polish
    raise HTTPException(400, f"Unknown partner country: {value!r}.")


def _voivodeship(value: str | None) -> str | None:
    """A voivodeship code from a code ('77'), a name ('małopolskie') or any phrase ('Małopolska')."""
    if not value:
        return None
    if value in places.voivodeships():
        return value
    codes = places.region_codes(value)
    if len(codes) != 1:
        raise HTTPException(400, f"Unknown voivodeship: {value!r}.")
    return codes[0]


def map_lines(
    con,
    country: str | None = None,
    voivodeship: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    form: str | None = None,
    refs: list[tuple[str, int]] | None = None,
) -> dict:
    """The partnerships that pass the filters (among the rows at `refs`, if given), those with
    both ends placed as lines."""
    rows = places.partnership_places(con, refs)
    kept, unplaced_units, unplaced_partners = [], set(), set()
    for r in rows:
        r["form"] = _form_of(r)
        r["year"] = r["agreement_year"] or r["other_year"]
        if country and r["country"] != country:
            continue
        if voivodeship and r["voivodeship_code"] != voivodeship:
            continue
        if (year_from or year_to) and not _in_years(r, year_from or 0, year_to or 9999):
            continue
        if form and r["form"] != form:
            continue
        if r["unit_lat"] is None:
            unplaced_units.add(r["unit"])
        if r["partner_lat"] is None:
            unplaced_partners.add((r["partner"], r["country"]))
        kept.append(r)
    lines = [
        {
            "id": f"{r['source']}:{r['line']}",
            "unit": r["unit"],
            "unit_type": r["unit_type"],
            "unit_place": r["unit_place"],
            "unit_lat": r["unit_lat"],
            "unit_lon": r["unit_lon"],
            "voivodeship": r["voivodeship"],
            "partner": r["partner"],
            "country": r["country"],
            "country_en": r["country_en"],
            "partner_place": r["partner_place"],
            "partner_lat": r["partner_lat"],
            "partner_lon": r["partner_lon"],
            "form": r["form"],
            "year": r["year"],
            "raw": r["raw"],
            "source": r["source"],
            "line": r["line"],
            "citation": f"{r['source']}, line {r['line']}",
            "source_url": f"/api/sources/{quote(r['source'])}?lines={r['line']}-{r['line']}",
        }
        for r in kept
        if r["unit_lat"] is not None and r["partner_lat"] is not None
    ]
    return {
        "lines": lines,
        "rows": len(kept),
        "placed": len(lines),
        "unplaced_units": len(unplaced_units),
        "unplaced_partners": len(unplaced_partners),
        "credit": places.GEONAMES_CREDIT,
    }


def _form_of(r: dict) -> str:
    if r["agreement_year"] is not None:
        return "agreement"
    if r["other_form"] and not r["no_data"]:
        return "other"
    return "no_data"


def _in_years(r: dict, low: int, high: int) -> bool:
    return any(y is not None and low <= y <= high for y in (r["agreement_year"], r["other_year"]))


Year = Annotated[int | None, Query(ge=1900, le=2100)]


@router.get("/api/map", responses=ERRORS)
def api_map(
    assistant: Leased,
    country: str | None = None,
    voivodeship: str | None = None,
    year_from: Year = None,
    year_to: Year = None,
    form: Annotated[str | None, Query(description="agreement, other or no_data")] = None,
    conversation_id: Annotated[str | None, Query(description="only one answer's rows")] = None,
    turn: Annotated[int | None, Query(ge=1, le=1_000_000, description="that answer's turn")] = None,
) -> dict:
    """Placed partnership lines for the map, filtered by partner country (Polish or English
    name), voivodeship (code, name or phrase), year range and form of cooperation; with
    conversation_id and turn, only the rows of that answer (the widget's Map view)."""
    if form and form not in FORMS:
        raise HTTPException(400, f"Unknown form {form!r}: use one of {', '.join(FORMS)}.")
    if year_from and year_to and year_from > year_to:
        raise HTTPException(400, "year_from is after year_to.")
    cursor = assistant.runtime.con.cursor()
    try:
        refs = None
        if conversation_id:
            columns, rows = turn_rows(assistant, conversation_id, turn or 1, cursor)
            if not {"source", "line"} <= set(columns):
                raise HTTPException(404, f"Turn {turn or 1} of this conversation lists no rows.")
            s, n = columns.index("source"), columns.index("line")
            refs = [(r[s], int(r[n])) for r in rows]
        return map_lines(
            cursor, _country(country), _voivodeship(voivodeship), year_from, year_to, form, refs
        )
    finally:
        cursor.close()


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(
    request: Request,
    country: str | None = None,
    voivodeship: str | None = None,
    year_from: Year = None,
    year_to: Year = None,
    form: str | None = None,
    lang: str = "pl",
    conversation_id: str | None = None,
    turn: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> HTMLResponse:
    """The map page; its filters are query parameters (/map?country=Niemcy)."""
    settings = request.app.state.settings
    text = _TEXT.get(lang, _TEXT["pl"])
    lang = lang if lang in _TEXT else "pl"
    chosen = {
        "country": _country(country) or "",
        "voivodeship": _voivodeship(voivodeship) or "",
        "year_from": year_from or "",
        "year_to": year_to or "",
        "form": form if form in FORMS else "",
        "conversation_id": conversation_id or "",
        "turn": turn or "",
    }
    config = {"tiles": settings.map_tiles, "lang": lang, "text": text, "filters": chosen}
    return HTMLResponse(_page(text, lang, chosen, config))


@router.get("/map/assets/{name}", include_in_schema=False)
def map_asset(name: str) -> FileResponse:
    if name not in _ASSETS:
        raise HTTPException(404, f"No map asset {name!r}.")
    path, media = _ASSETS[name]
    charset = "; charset=utf-8" if media.startswith(("text/", "application/")) else ""
    return FileResponse(
        STATIC / path, media_type=media + charset, headers={"Cache-Control": "public, max-age=300"}
    )


def _options(values: list[tuple[str, str]], chosen: str, everything: str) -> str:
    items = [f'<option value="">{html.escape(everything)}</option>']
    for value, label in values:
        selected = " selected" if str(value) == str(chosen) else ""
        items.append(
            f'<option value="{html.escape(value)}"{selected}>{html.escape(label)}</option>'
        )
    return "".join(items)


def _page(text: dict, lang: str, chosen: dict, config: dict) -> str:
    en = lang == "en"
    countries = sorted(
        ((pl, en_name if en else pl) for pl, en_name in country_names().items() if pl != "Polska"),
        key=lambda item: fold(item[1]),
    )
    regions = [(code, e["en"] if en else e["name"]) for code, e in places.voivodeships().items()]
    forms = [(f, text[f]) for f in FORMS]
    field = '<label>{label}<select name="{name}">{options}</select></label>'
    year = '<label>{label}<input type="number" name="{name}" min="1900" max="2100" value="{value}"></label>'
    esc = html.escape
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(text["title"])}</title>
<link rel="stylesheet" href="/map/assets/leaflet.css">
<link rel="stylesheet" href="/map/assets/map.css">
</head>
<body data-config="{esc(json.dumps(config))}"{' class="embedded"' if chosen["conversation_id"] else ""}>
<header><h1>{esc(text["title"])}</h1>
<form id="filters" method="get" action="/map">
<input type="hidden" name="lang" value="{lang}">
<input type="hidden" name="conversation_id" value="{esc(str(chosen["conversation_id"]))}">
<input type="hidden" name="turn" value="{chosen["turn"]}">
{field.format(label=esc(text["country"]), name="country", options=_options(countries, chosen["country"], text["all"]))}
{field.format(label=esc(text["voivodeship"]), name="voivodeship", options=_options(regions, chosen["voivodeship"], text["all"]))}
{year.format(label=esc(text["year_from"]), name="year_from", value=chosen["year_from"])}
{year.format(label=esc(text["year_to"]), name="year_to", value=chosen["year_to"])}
{field.format(label=esc(text["form"]), name="form", options=_options(forms, chosen["form"], text["all"]))}
<button type="submit">{esc(text["apply"])}</button>
</form>
<p id="summary" role="status" aria-live="polite"></p>
</header>
<main>
<div id="map" role="region" aria-label="{esc(text["title"])}"></div>
<section aria-labelledby="table-title">
<h2 id="table-title">{esc(text["table"])}</h2>
<table id="lines"><thead><tr><th scope="col">{esc(text["unit"])}</th><th scope="col">{esc(text["partner"])}</th>
<th scope="col">{esc(text["form"])}</th><th scope="col">{esc(text["year"])}</th><th scope="col">{esc(text["source"])}</th><th scope="col"></th></tr></thead>
<tbody></tbody></table>
</section>
</main>
<footer><p id="credit">{esc(text["credit"])} <a href="https://www.geonames.org/">GeoNames</a>,
<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p></footer>
<script src="/map/assets/leaflet.js"></script>
<script src="/map/assets/map.js"></script>
</body>
</html>"""
