"""The chat widget works in a real headless Chromium: streaming, citations, tables, feedback, safety, phones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from live_server import SCRIPTED_APP, live_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]

W = "#zmp-twinning-assistant"  # the widget's host element; Playwright's CSS pierces its open shadow root


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def real_server(built_settings):
    with live_server(built_settings.data_dir) as server:
        yield server


@pytest.fixture(scope="module")
def scripted_server(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("scripted"), app=SCRIPTED_APP) as server:
        yield server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()
    assert not errors, errors


def shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def open_widget(page, url: str) -> None:
    page.goto(url)
    page.locator(f"{W} .launcher").click()
    page.locator(f"{W} textarea").wait_for()


def ask(page, question: str, turn: int):
    box = page.locator(f"{W} textarea")
    box.fill(question)
    box.press("Enter")
    answer = page.locator(f'{W} .msg.bot[data-turn="{turn}"]')
    errors = page.locator(f"{W} .msg.error")
    before = errors.count()
    answer.or_(errors.nth(before)).wait_for(timeout=120_000)
    if errors.count() > before:
        pytest.fail(
            f"the widget showed an error for {question!r}: {errors.nth(before).inner_text()}"
        )
    return answer


def record_renders(page) -> None:
    """Remember every text the streaming answer shows, to prove it grew piece by piece."""
    page.evaluate(
        """() => {
          window.__renders = [];
          const log = document.querySelector('#zmp-twinning-assistant').shadowRoot.querySelector('.log');
          new MutationObserver(() => {
            const live = log.querySelector('.msg.bot[aria-busy="true"]');
            if (live) window.__renders.push(live.textContent);
          }).observe(log, {childList: true, subtree: true, characterData: true});
        }"""
    )


# --- against the real core ------------------------------------------------------------------------


def test_polish_and_english_questions_get_streamed_answers(browser, real_server, tmp_path):
    for lang, question, launcher in (
        ("pl", "Z jakimi miastami współpracuje Kraków?", "Asystent miast partnerskich"),
        ("en", "Since when is Olsztyn partnered with Rovaniemi?", "Town twinning assistant"),
    ):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{real_server.url}/?lang={lang}")
        assert page.locator(f"{W} .launcher").inner_text() == launcher
        page.locator(f"{W} .launcher").click()
        answer = ask(page, question, 1)
        text = answer.locator(".md").inner_text()
        assert text.strip()
        stored = page.evaluate("JSON.parse(sessionStorage.getItem('zmp-twinning-assistant:v1'))")
        reply = stored["messages"][-1]["answer"]
        if reply["route"] != "out_of_scope":
            assert reply["language"] == lang
            assert reply["citations"], reply
            first = answer.locator("a.cite").first
            first.click()
            viewer = page.locator(f"{W} .viewer")
            cited = viewer.locator(".srcline.cited").first
            cited.wait_for()
            quote = reply["citations"][0]["quote"].split("\n")[0]
            assert quote.split("\t")[0] in cited.inner_text()
        shot(page, tmp_path, f"real-{lang}")
        context.close()


# --- against the scripted core: the widget's own behaviour --------------------------------------------


def test_answer_streams_and_a_citation_opens_its_source_lines(page, scripted_server, tmp_path):
    open_widget(page, scripted_server.url + "/?lang=en")
    record_renders(page)
    answer = ask(page, "Since when is Olsztyn partnered with Rovaniemi?", 1)
    renders = page.evaluate("window.__renders")
    partial = {r for r in renders if "Rovaniemi" in r or "Olsztyn" in r}
    assert len(partial) >= 2, renders  # the text grew in several steps before the final answer
    assert "Rovaniemi" in answer.locator("strong").inner_text()
    link = answer.locator("a[href^='https://example.org']")
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"

    cite = answer.locator("a.cite").first
    assert "/api/sources/corpus/pages/olsztyn-partner-cities.txt?lines=" in cite.get_attribute(
        "href"
    )
    cite.click()
    cited = page.locator(f"{W} .viewer .srcline.cited")
    cited.wait_for()
    assert "Rovaniemi (Finland)" in cited.inner_text()
    assert page.locator(f"{W} .viewer .srcline").count() > 1  # context lines around the quote
    shot(page, tmp_path, "source-viewer")

    page.keyboard.press("Escape")  # closes the viewer, focus goes back to the citation
    assert page.locator(f"{W} .viewer").is_hidden()
    assert (
        page.evaluate(
            "document.querySelector('#zmp-twinning-assistant').shadowRoot.activeElement.className"
        )
        == "cite"
    )
    page.keyboard.press("Escape")  # closes the panel, focus goes back to the launcher
    assert page.locator(f"{W} .panel").is_hidden()
    assert page.locator(f"{W} .launcher").get_attribute("aria-expanded") == "false"


def test_table_follow_up_feedback_and_reload(page, scripted_server, tmp_path):
    open_widget(page, scripted_server.url + "/?lang=pl")
    log = page.locator(f"{W} [role=log]")
    assert log.get_attribute("aria-live") == "polite"
    assert page.locator(f"{W} textarea").get_attribute("id") == "zmp-input"
    assert page.locator(f"{W} label[for=zmp-input]").inner_text() == "Twoje pytanie"

    first = ask(page, "Z jakimi gminami słowackimi współpracują polskie gminy?", 1)
    table = first.locator("table")
    assert table.locator("tbody tr").count() == 10
    assert table.locator("th").first.inner_text() == "Jednostka"
    first.get_by_role("button", name="Pokaż wszystkie wiersze (25)").click()
    assert table.locator("tbody tr").count() == 25
    shot(page, tmp_path, "table")

    second = ask(page, "A z Czechami?", 2)
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('zmp-twinning-assistant:v1'))")
    conversation = stored["conversationId"]
    answers = [m["answer"] for m in stored["messages"] if m["role"] == "assistant"]
    assert [a["conversation_id"] for a in answers] == [conversation, conversation]

    second.get_by_role("button", name="Dobra odpowiedź").click()
    page.locator(f'{W} .msg.bot[data-turn="2"] .feedback .note').filter(
        has_text="Dziękujemy"
    ).wait_for()
    with sqlite3.connect(scripted_server.data_dir / "conversations.sqlite") as db:
        rows = db.execute("SELECT conversation_id, turn, rating FROM feedback").fetchall()
    assert (conversation, 2, "up") in rows

    page.reload()
    page.locator(f'{W} .msg.bot[data-turn="2"]').wait_for()
    assert page.locator(f"{W} .panel").is_visible()  # it was open before the reload
    assert page.locator(f"{W} .msg.user").count() == 2
    assert page.locator(f'{W} .msg.bot[data-turn="2"] button[aria-pressed="true"]').count() == 1
    assert page.locator(f'{W} .msg.bot[data-turn="1"] table tbody tr').count() == 10
    shot(page, tmp_path, "after-reload")

    third = ask(page, "Pokaż wszystkie", 3)  # the reloaded page continues the same conversation
    assert third.is_visible()
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('zmp-twinning-assistant:v1'))")
    assert stored["messages"][-1]["answer"]["conversation_id"] == conversation


def test_html_in_an_answer_is_shown_as_text_and_never_runs(page, scripted_server, tmp_path):
    open_widget(page, scripted_server.url + "/")
    answer = ask(page, "xss please", 1)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    text = answer.locator(".md").inner_text()
    assert '<img src=x onerror="window.__xss=1">' in text
    assert "<script>window.__xss=2</script>" in text
    assert answer.locator("img, script").count() == 0
    assert answer.locator("a[href^='javascript']").count() == 0
    assert "kliknij" in text and answer.locator("strong").inner_text() == "pogrubione"
    page.reload()  # rendering from sessionStorage is just as safe
    page.locator(f'{W} .msg.bot[data-turn="1"]').wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    shot(page, tmp_path, "xss-as-text")


def test_bad_input_shows_the_servers_sentence(page, scripted_server):
    open_widget(page, scripted_server.url + "/?lang=en")
    page.evaluate("sessionStorage.clear()")
    page.evaluate(
        """() => { const s = {conversationId: 'forgotten', messages: [], open: true};
                   sessionStorage.setItem('zmp-twinning-assistant:v1', JSON.stringify(s)); }"""
    )
    page.reload()
    box = page.locator(f"{W} textarea")
    box.fill("Partners of Olsztyn?")
    box.press("Enter")
    error = page.locator(f"{W} .msg.error")
    error.wait_for()
    assert "conversation" in error.inner_text().lower()
    # the widget forgets the unknown conversation and the next question starts a new one
    assert ask(page, "Partners of Olsztyn?", 1).is_visible()


def test_keyboard_only_use(page, scripted_server):
    page.goto(scripted_server.url + "/?lang=en")
    page.locator(f"{W} .launcher").focus()
    page.keyboard.press("Enter")
    focused = "document.querySelector('#zmp-twinning-assistant').shadowRoot.activeElement?.id"
    assert page.evaluate(focused) == "zmp-input"
    page.keyboard.type("Since when is Olsztyn partnered with Rovaniemi?")
    page.keyboard.press("Enter")
    page.locator(f'{W} .msg.bot[data-turn="1"]').wait_for()
    assert page.evaluate(focused) == "zmp-input"  # ready for the next question


def test_phone_width_has_no_horizontal_overflow(browser, scripted_server, tmp_path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(scripted_server.url + "/?lang=pl")
    shot(page, tmp_path, "phone-closed")
    page.locator(f"{W} .launcher").click()
    ask(page, "Z jakimi gminami słowackimi współpracują polskie gminy?", 1)
    ask(page, "Since when is Olsztyn partnered with Rovaniemi?", 2)
    widths = page.evaluate(
        """() => {
          const root = document.querySelector('#zmp-twinning-assistant').shadowRoot;
          const panel = root.querySelector('.panel').getBoundingClientRect();
          const log = root.querySelector('.log');
          return {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
                  left: panel.left, right: panel.right, log: log.scrollWidth, logClient: log.clientWidth};
        }"""
    )
    assert widths["page"] <= widths["viewport"] == 360, widths
    assert widths["left"] >= 0 and widths["right"] <= 360, widths
    assert widths["log"] <= widths["logClient"], widths
    shot(page, tmp_path, "phone-open")
    context.close()


def test_host_page_styles_do_not_reach_the_widget(page, scripted_server):
    page.goto(scripted_server.url + "/")  # the demo page styles every button hot pink at 30px
    style = page.evaluate(
        """() => { const b = document.querySelector('#zmp-twinning-assistant').shadowRoot.querySelector('.launcher');
                   const s = getComputedStyle(b); return [s.backgroundColor, s.fontSize]; }"""
    )
    assert style == ["rgb(31, 78, 140)", "15px"], style


def test_widget_follows_the_page_language(page, scripted_server):
    page.goto(scripted_server.url + "/?lang=pl")
    launcher = page.locator(f"{W} .launcher")
    assert launcher.inner_text() == "Asystent miast partnerskich"
    page.evaluate("document.documentElement.lang = 'en'")
    page.wait_for_function(
        "document.querySelector('#zmp-twinning-assistant').shadowRoot"
        ".querySelector('.launcher').textContent.includes('Town')"
    )
