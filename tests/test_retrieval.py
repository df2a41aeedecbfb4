"""Pages become cited passages and partner facts, and hybrid search finds the passage that answers."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval.embeddings import CachedEmbeddings, make_embeddings
from assistant.retrieval.extract import extract_text
from assistant.retrieval.pagefacts import extract_page_facts
from assistant.retrieval.passages import Passage, count_boilerplate, split_page
from assistant.retrieval.search import Retriever, terms
from assistant.retrieval.store import (
    build_collection,
    collection_names,
    drop_collection,
    open_collection,
    stored_passages,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "corpus" / "pages"
OLSZTYN = "corpus/pages/olsztyn-partner-cities.txt"
BIALYSTOK = "corpus/pages/bialystok-relacje-partnerskie.txt"
ZMP = "corpus/pages/zmp-wspolpraca-miast-partnerskich.txt"
GOLD = ROOT / "tests" / "gold" / "passages.jsonl"


def page(source: str) -> str:
    return (ROOT / source).read_text("utf-8")


def passages_of(source: str) -> list[Passage]:
    return split_page(source, page(source))


def covering(passages: list[Passage], line: int) -> Passage:
    return next(p for p in passages if p.start_line <= line <= p.end_line)


@pytest.fixture(scope="module")
def all_passages() -> list[Passage]:
    return [p for source in (OLSZTYN, BIALYSTOK, ZMP) for p in passages_of(source)]


@pytest.fixture(scope="module")
def use_embeddings(tmp_path_factory):
    return make_embeddings("use", cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def retriever(all_passages, use_embeddings, tmp_path_factory) -> Retriever:
    chroma = tmp_path_factory.mktemp("chroma")
    build_collection(all_passages, use_embeddings, persist_dir=chroma, name="pages-test")
    store = open_collection(use_embeddings, persist_dir=chroma, name="pages-test")
    return Retriever(all_passages, store)


# --- passages -----------------------------------------------------------------------------


def test_passage_text_is_exactly_its_lines():
    lines = page(BIALYSTOK).splitlines()
    for p in passages_of(BIALYSTOK):
        assert p.text == "\n".join(lines[p.start_line - 1 : p.end_line])


def test_bialystok_point_runs_on_over_its_continuation_lines():
    passages = passages_of(BIALYSTOK)
    kaliningrad = covering(passages, 11)
    assert (kaliningrad.section, kaliningrad.start_line, kaliningrad.end_line) == ("1.5", 11, 13)
    esperanto = covering(passages, 15)
    assert (esperanto.section, esperanto.end_line) == ("1.7", 17)
    assert "rozwijania" in esperanto.search_text
    assert (
        covering(passages, 70).section == "4.1.4"
    )  # 'Eurocities skorelowanych ...' after a blank line
    assert covering(passages, 6).section == "1.1"  # Kowno stays with Bornova under 1.1


def test_bialystok_subpoints_know_their_parent_section():
    eurocities = covering(passages_of(BIALYSTOK), 64)
    assert eurocities.section == "4.1.2"
    assert "stowarzyszeń międzynarodowych" in eurocities.context
    assert "Eurocities" in eurocities.context


def test_page_footer_and_site_furniture_are_boilerplate():
    bialystok = passages_of(BIALYSTOK)
    assert covering(bialystok, 88).boilerplate and covering(bialystok, 91).boilerplate
    olsztyn = passages_of(OLSZTYN)
    assert [p.start_line for p in olsztyn if p.boilerplate] == [1, 5, 24, 26]


def test_zmp_page_boilerplate_is_recognised_by_content():
    passages = passages_of(ZMP)
    boilerplate = [p for p in passages if p.boilerplate]
    assert count_boilerplate(passages) == len(boilerplate) >= 10
    flagged = {line for p in boilerplate for line in range(p.start_line, p.end_line + 1)}
    for line in (39, 56, 58, 60, 62, 67, 85, 97):  # download links, newsletter, RODO, Więcej, Mniej
        assert line in flagged
    content = {p.start_line for p in passages if not p.boilerplate}
    assert {3, 9, 15, 21, 29} <= content
    assert max(content) < 37


def test_olsztyn_list_items_are_passages_under_their_heading():
    passages = passages_of(OLSZTYN)
    items = [p for p in passages if p.section == "Partner cities of Olsztyn" and p.start_line <= 20]
    assert [(p.start_line, p.end_line) for p in items] == [(n, n) for n in range(14, 21)]
    assert covering(passages, 14).text == "Rovaniemi (Finland) – since 1976"
    assert "Olsztyn" in covering(passages, 14).search_text


def test_boilerplate_rules_apply_to_a_new_page():
    text = "Miasta partnerskie Gdańska\n\nIdź do treści\n\nGdańsk współpracuje z Bremą od 1976 r.\n\nMniej\n"
    passages = split_page("corpus/pages/gdansk.txt", text)
    assert [(p.start_line, p.boilerplate) for p in passages] == [(3, True), (5, False), (7, True)]


# --- extraction ---------------------------------------------------------------------------


def test_html_block_elements_become_lines_and_scripts_disappear(tmp_path):
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<h1>Sopot</h1><script>alert(1)</script><p>Partner <b>cities</b> of Sopot:</p>"
        "<ul><li>Kristianstad (Sweden) – since 1990</li><li>Sylt (Germany) – since 2002</li></ul>"
        "</body></html>"
    )
    path = tmp_path / "sopot.html"
    path.write_text(html, "utf-8")
    text = extract_text(path)
    lines = text.splitlines()
    assert "Sopot" in lines and "Partner cities of Sopot:" in lines
    assert "Kristianstad (Sweden) – since 1990" in lines
    assert "alert" not in text and "color" not in text
    facts = extract_page_facts("corpus/pages/sopot.html", text)
    assert [(f.owner, f.partner, f.year) for f in facts] == [
        ("Sopot", "Kristianstad", 1990),
        ("Sopot", "Sylt", 2002),
    ]


def test_pdf_text_lines_are_extracted(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in (
        "Elblag partner cities",
        "",
        "Leer (Germany) - since 1991",
        "Baranowicze (Belarus) - since 1996",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "elblag.pdf"
    pdf.output(str(path))
    text = extract_text(path)
    assert "Leer (Germany) - since 1991" in text.splitlines()
    facts = extract_page_facts("corpus/pages/elblag.pdf", text)
    assert [(f.owner, f.partner, f.country, f.year) for f in facts] == [
        ("Elblag", "Leer", "Germany", 1991),
        ("Elblag", "Baranowicze", "Belarus", 1996),
    ]


def test_plain_text_pages_are_read_as_they_are():
    assert extract_text(PAGES / "olsztyn-partner-cities.txt") == page(OLSZTYN)


def test_unknown_page_types_are_refused(tmp_path):
    path = tmp_path / "page.docx"
    path.write_bytes(b"x")
    with pytest.raises(ValueError, match="docx"):
        extract_text(path)


# --- page facts ---------------------------------------------------------------------------


def test_olsztyn_partner_list_and_agreements_become_facts():
    facts = extract_page_facts(OLSZTYN, page(OLSZTYN))
    by_partner = {f.partner: f for f in facts}
    assert list(by_partner) == [
        "Rovaniemi", "Châteauroux", "Gelsenkirchen", "Kaliningrad", "Richmond", "Lutsk",
        "Offenburg", "Halmstadt", "Perugia",
    ]  # fmt: skip
    rovaniemi = by_partner["Rovaniemi"]
    assert (rovaniemi.owner, rovaniemi.line, rovaniemi.country) == ("Olsztyn", 14, "Finland")
    assert (rovaniemi.date_text, rovaniemi.year) == ("since 1976", 1976)
    assert rovaniemi.quote == "Rovaniemi (Finland) – since 1976"
    halmstadt, perugia = by_partner["Halmstadt"], by_partner["Perugia"]
    assert (halmstadt.line, halmstadt.country, halmstadt.year) == (22, "Sweden", 2003)
    assert (perugia.line, perugia.year, perugia.form) == (22, 2004, "cooperation agreements")


def test_bialystok_sections_one_and_two_become_facts():
    facts = extract_page_facts(BIALYSTOK, page(BIALYSTOK))
    assert len(facts) == 21 and all(f.owner == "Białystok" for f in facts)
    by_partner = {f.partner: f for f in facts}
    assert (by_partner["Bornova"].line, by_partner["Kowno"].line) == (5, 6)
    assert (by_partner["Kowno"].country, by_partner["Kowno"].year) == ("Litwa", 1994)
    assert by_partner["Bornova"].date_text == "30.06.2012 r."
    assert (by_partner["Kaliningrad"].year, by_partner["Kaliningrad"].status) == (2002, "wygasła")
    assert by_partner["Jełgawa"].status == "odnowiony"
    assert by_partner["Psków"].status == "nieaktualne"
    assert by_partner["Milwaukee"].form == "memorandum"
    assert by_partner["Łuck"].form == "list intencyjny"
    lines = page(BIALYSTOK).splitlines()
    assert all(lines[f.line - 1] == f.quote for f in facts)


def test_a_page_without_partner_lists_gives_no_facts():
    assert extract_page_facts(ZMP, page(ZMP)) == []


# --- search -------------------------------------------------------------------------------


def test_polish_and_english_words_meet_in_the_bridge():
    assert set(terms("umowa")) & set(terms("agreements"))
    assert set(terms("Niemczech")) & set(terms("Germany"))
    assert set(terms("Łuckiem")) & set(terms("Lutsk"))


def test_hybrid_search_finds_the_gold_passages(retriever):
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    assert len(gold) >= 40
    found: dict[str, list[bool]] = {"pl": [], "en": []}
    for case in gold:
        hits = retriever.search(case["question"], k=3)
        found[case["lang"]].append(
            any(
                h.passage.source == case["source"]
                and any(h.passage.start_line <= n <= h.passage.end_line for n in case["lines"])
                for h in hits
            )
        )
    for lang, results in found.items():
        assert sum(results) / len(results) >= 0.9, lang


def test_polish_question_finds_the_english_olsztyn_passage(retriever):
    hits = retriever.search("Od kiedy Olsztyn współpracuje z Rovaniemi?")
    assert (hits[0].passage.source, hits[0].passage.start_line) == (OLSZTYN, 14)
    assert hits[0].matched in ("both", "keyword", "vector")


def test_search_never_returns_boilerplate(retriever):
    for question in ("newsletter dane osobowe", "cookie files", "Pobierz Download", "Mniej Więcej"):
        assert not any(h.passage.boilerplate for h in retriever.search(question, k=10))


# --- stores and backends ------------------------------------------------------------------


def test_embedded_chroma_keeps_provenance_and_skips_boilerplate(
    all_passages, use_embeddings, tmp_path
):
    stored = build_collection(all_passages, use_embeddings, persist_dir=tmp_path, name="pages.v1")
    assert stored == len([p for p in all_passages if not p.boilerplate])
    store = open_collection(use_embeddings, persist_dir=tmp_path, name="pages.v1")
    back = stored_passages(store)
    assert len(back) == stored and not any(p.boilerplate for p in back)
    rovaniemi = next(p for p in back if p.source == OLSZTYN and p.start_line == 14)
    assert rovaniemi.text == "Rovaniemi (Finland) – since 1976"
    assert drop_collection(persist_dir=tmp_path, name="pages.v1")
    assert "pages.v1" not in collection_names(persist_dir=tmp_path)


def test_collection_names_are_checked(use_embeddings, tmp_path):
    with pytest.raises(ValueError, match="3-512"):
        build_collection([], use_embeddings, persist_dir=tmp_path, name="a/b")


def test_unchanged_passages_are_not_embedded_again(all_passages, tmp_path):
    texts = [p.search_text for p in all_passages[:5]]
    first = make_embeddings("use", cache_dir=tmp_path)
    vectors = first.embed_documents(texts)
    again = make_embeddings("use", cache_dir=tmp_path)
    assert isinstance(again, CachedEmbeddings)
    assert np.allclose(again.embed_documents(texts), vectors, atol=1e-6)
    assert (first.computed, again.computed) == (5, 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    executable = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(executable).exists():
        pytest.skip("the chroma executable is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [
            executable,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"chroma did not listen on port {port}")


def test_chroma_server_mode_serves_the_same_search(chroma_server, all_passages, use_embeddings):
    build_collection(all_passages, use_embeddings, chroma_url=chroma_server, name="pages-server")
    store = open_collection(use_embeddings, chroma_url=chroma_server, name="pages-server")
    hits = Retriever(stored_passages(store), store).search(
        "Since when is Olsztyn partnered with Rovaniemi?"
    )
    assert (hits[0].passage.source, hits[0].passage.start_line) == (OLSZTYN, 14)
    assert drop_collection(chroma_url=chroma_server, name="pages-server")


@pytest.mark.slow
def test_sentence_transformers_backend_with_packaged_minilm(all_passages, tmp_path):
    embeddings = make_embeddings(
        "sentence-transformers:all-MiniLM-L6-v2", cache_dir=tmp_path / "cache"
    )
    vector = embeddings.embed_query("partner cities")
    assert len(vector) == 384 and sum(v * v for v in vector) == pytest.approx(1.0, abs=1e-3)
    build_collection(all_passages, embeddings, persist_dir=tmp_path / "chroma", name="minilm")
    store = open_collection(embeddings, persist_dir=tmp_path / "chroma", name="minilm")
    hits = Retriever(all_passages, store).search(
        "Since when is Olsztyn partnered with Rovaniemi?", mode="vector"
    )
    assert any(h.passage.start_line == 14 and h.passage.source == OLSZTYN for h in hits)


def test_unknown_embedding_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="sentence-transformers:<name or path>"):
        make_embeddings("word2vec")
