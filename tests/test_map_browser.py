"""The partnership map in a real headless Chromium: /map?country=Niemcy draws its lines, a filter changes them, a click opens the cited row."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from live_server import live_server
from test_browser import CHROMIUM, browser  # noqa: F401  (the module-scoped Chromium fixture)

SHOTS = Path(os.environ.get("ASSISTANT_SCREENSHOTS", "/tmp/zmp-map-screenshots"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def server(built_settings):
    with live_server(built_settings.data_dir) as running:
        yield running


@pytest.fixture
def page(browser):  # noqa: F811  (the fixture imported from test_browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    yield page
    context.close()
    assert not errors, errors
    assert not outside, outside  # no tiles, no CDN: the map reads with no internet


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def lines_drawn(page, expected: int | None = None) -> int:
    """The number of lines the page says it drew (the page's CSP forbids evaluated strings)."""
    wanted = (
        f'[data-lines="{expected}"]'
        if expected is not None
        else "[data-lines]:not([data-lines=''])"
    )
    page.locator(f"body{wanted}").wait_for()
    return int(page.locator("body").get_attribute("data-lines"))


def test_the_polish_german_map_draws_its_lines_and_a_filter_changes_them(page, server):
    api = httpx.get(f"{server.url}/api/map", params={"country": "Niemcy"}, timeout=30).json()
    page.goto(f"{server.url}/map?country=Niemcy")
    assert lines_drawn(page) == api["placed"] > 100
    assert page.locator("path.form-line-agreement").count() > 0
    assert page.locator("#lines tbody tr").count() == api["placed"]
    assert "GeoNames" in page.locator("#credit").inner_text()
    page.wait_for_timeout(500)
    shot(page, "map-germany")

    filtered = httpx.get(
        f"{server.url}/api/map", params={"country": "Niemcy", "voivodeship": "86"}, timeout=30
    ).json()
    page.select_option("select[name=voivodeship]", "86")  # wielkopolskie
    assert lines_drawn(page, filtered["placed"]) == filtered["placed"] < api["placed"]
    assert "voivodeship=86" in page.url
    assert set(page.locator("#lines tbody tr td:first-child").all_inner_texts()) <= {
        line["unit"] for line in filtered["lines"]
    }
    page.wait_for_timeout(500)
    shot(page, "map-germany-wielkopolskie")


def test_a_click_opens_the_cited_row_and_its_source_link(page, server):
    page.goto(f"{server.url}/map?country=Niemcy&voivodeship=86")
    lines_drawn(page)
    first = page.locator("#lines tbody tr").first
    row_id = first.get_attribute("data-id")
    first.locator("button.show").click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert popup.get_attribute("data-id") == row_id
    source, line = row_id.rsplit(":", 1)
    quote = popup.locator(".popup-quote").inner_text()
    lines = httpx.get(
        f"{server.url}/api/sources/{source}", params={"lines": f"{line}-{line}"}
    ).json()
    assert lines["text"][0]["text"].strip() == quote.strip()
    link = popup.locator("a.popup-source")
    assert link.get_attribute("href") == f"/api/sources/{source}?lines={line}-{line}"
    page.wait_for_timeout(800)  # the popup fades in
    shot(page, "map-popup")
    marker = page.locator(".leaflet-marker-icon.partner-marker").first
    marker.click()
    page.locator(".leaflet-popup-content .popup").wait_for()


def test_markers_are_reachable_with_the_keyboard(page, server):
    page.goto(f"{server.url}/map?country=Niemcy&voivodeship=86")
    lines_drawn(page)
    marker = page.locator(".leaflet-marker-icon.partner-marker").first
    assert marker.get_attribute("tabindex") == "0"
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content .popup").wait_for()


def test_the_widget_shows_an_answers_partnerships_on_a_map_and_offers_its_csv(page, server):
    from test_browser import W, ask, open_widget

    open_widget(page, f"{server.url}/")
    answer = ask(page, "Z jakimi miastami współpracuje Kraków?", 1)
    csv_link = answer.locator(".views a")
    assert csv_link.get_attribute("href").endswith("/1.csv")
    answer.locator("button.view-map").click()
    assert answer.locator("button.view-map").get_attribute("aria-selected") == "true"
    assert answer.locator(".tablewrap").is_hidden()
    frame = page.frame_locator(f"{W} iframe.mapframe")
    frame.locator("body[data-lines]:not([data-lines=''])").wait_for()
    drawn = int(frame.locator("body").get_attribute("data-lines"))
    assert drawn > 0
    assert frame.locator("#lines tbody tr td:first-child").first.inner_text() == "Kraków"
    page.wait_for_timeout(800)
    shot(page, "widget-map")
    answer.locator("button.view-table").click()
    assert answer.locator(".tablewrap").is_visible()
