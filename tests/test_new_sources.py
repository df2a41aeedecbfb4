"""New HTML and PDF pages dropped into corpus/pages are ingested, cited by their extracted lines, and only changes are embedded."""

from __future__ import annotations

from fpdf import FPDF

from assistant.config import Settings
from assistant.core import Assistant, source_lines
from assistant.ingest import ingest

HTML = """<!doctype html><html><head><title>Gdańsk</title><style>p {color: red}</style>
<script>var tracking = 1;</script></head><body>
<h1>Miasta partnerskie Gdańska</h1>
<ul>
<li>Brema (Niemcy) – umowa o współpracy z 1976 r.</li>
<li>Turku (Finlandia) – list intencyjny z 1958 r.</li>
</ul>
<p>Gdańsk należy do stowarzyszenia Union of the Baltic Cities od 1991 r.</p>
</body></html>
"""


def make_pdf(path, lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_html_and_pdf_pages_are_ingested_and_cited_by_extracted_lines(corpus_copy, tmp_path):
    (corpus_copy / "pages" / "gdansk.html").write_text(HTML, "utf-8")
    make_pdf(
        corpus_copy / "pages" / "sopot.pdf",
        [
            "Sopot partner cities",
            "Frankenthal (Germany) - since 1991",
            "Sopot belongs to the Baltic Sail association since 1996.",
        ],
    )
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    result = ingest(settings)
    by_source = {f.source: f for f in result.files}
    assert by_source["corpus/pages/gdansk.html"].passages >= 2
    assert by_source["corpus/pages/sopot.pdf"].passages >= 1

    html_lines = source_lines("corpus/pages/gdansk.html", settings)
    assert "var tracking" not in "\n".join(html_lines)
    assert any("Union of the Baltic Cities" in line for line in html_lines)

    with Assistant.open(settings) as assistant:
        reply = assistant.answer("Do jakiego stowarzyszenia należy Gdańsk?")
    assert reply.route == "documents"
    cited = [c for c in reply.citations if c.source == "corpus/pages/gdansk.html"]
    assert cited, reply.answer
    for c in cited:
        assert c.quote in "\n".join(html_lines[c.lines[0] - 1 : c.lines[1]])

    pdf_lines = source_lines("corpus/pages/sopot.pdf", settings)
    assert any("Baltic Sail" in line for line in pdf_lines)


def test_only_changed_pages_are_embedded_again(corpus_copy, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    first = ingest(settings)
    assert first.embedded == sum(f.passages for f in first.files)
    page = corpus_copy / "pages" / "olsztyn-partner-cities.txt"
    text = page.read_text("utf-8")
    anchor = "Offenburg (Germany) – since 1999\n"
    assert anchor in text
    page.write_text(text.replace(anchor, anchor + "Kortrijk (Belgium) – since 2019\n"), "utf-8")
    second = ingest(settings)
    assert not second.skipped
    assert 1 <= second.embedded <= 3  # the new line's passage (and a neighbour whose context moved)


def test_a_corpus_of_tables_only_answers_page_questions_politely(corpus_copy, tmp_path):
    for page in (corpus_copy / "pages").iterdir():
        page.unlink()
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    ingest(settings)
    with Assistant.open(settings) as assistant:
        reply = assistant.answer("Do jakich stowarzyszeń należy Białystok?")
        partners = assistant.answer("partnerzy Krakowa")
    # No page holds the word any more: the question is no page question, and nothing is
    # quoted from a page.
    assert reply.route != "documents"
    assert not any(c.source.startswith("corpus/pages/") for c in reply.citations)
    assert partners.data.total == 34
