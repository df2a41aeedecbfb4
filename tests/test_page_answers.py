"""Page answers lead with the fact in the question's language, cite only the evidence, and name their sources truthfully."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from assistant.answer_types import classify
from assistant.config import Settings
from assistant.core import Assistant
from assistant.dates import find_dates, written
from assistant.ingest import ingest
from assistant.sources import describe_source, describe_sources, read_sources, source_year

KALISZ = """<!doctype html><html><head><title>Kalisz</title></head><body>
<h1>Miasta partnerskie Kalisza</h1>
<ol>
<li>Ostrawa (Czechy) – list intencyjny podpisany 14.03.2011 r., umowa o współpracy z 2013 r.</li>
<li>Lucerna (Szwajcaria) – porozumienie podpisane w maju 2015 r.</li>
<li>Warna (Bułgaria) – umowa partnerska (2004)</li>
</ol>
<p>Wspólne działania z miastami partnerskimi obejmują wymiany młodzieży szkolnej, festiwale
teatralne i wystawy fotografii.</p>
</body></html>
"""
LESZNO = [
    "Leszno partner cities",
    "Tartu (Estonia) - since 1998",
    "Mikkeli (Finland) - letter of intent signed on 19 June 2010",
]


def make_pdf(path, lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


@pytest.fixture(scope="module")
def new_pages(tmp_path_factory) -> Assistant:
    """The shipped corpus plus a generated HTML page (Polish) and a generated PDF (English)."""
    import shutil

    from tests.conftest import CORPUS

    root = tmp_path_factory.mktemp("pages")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "pages" / "kalisz-miasta-partnerskie.html").write_text(KALISZ, "utf-8")
    make_pdf(corpus / "pages" / "leszno-partners.pdf", LESZNO)
    settings = Settings(data_dir=root / "data", corpus_dir=corpus)
    ingest(settings)
    with Assistant.open(settings) as assistant:
        yield assistant


def _first_sentence(text: str) -> str:
    return text.split("\n", 1)[0]


def _quotes_are_verbatim(reply, assistant) -> None:
    for c in reply.citations:
        lines = assistant.source_lines(c.source)
        assert c.quote in "\n".join(lines[c.lines[0] - 1 : c.lines[1]]), c


def test_page_dates_in_every_written_form_become_iso():
    text = (
        "30.06.2012 r., z 1994 r., w styczniu 2014 r., since 1976, Eurocities (2013), 19 June 2010"
    )
    assert [d.iso for d in find_dates(text)] == [
        "2012-06-30", "1994", "2014-01", "1976", "2013", "2010-06-19"
    ]  # fmt: skip
    assert find_dates("since 1976")[0].since


def test_decades_are_read_with_early_and_late():
    found = find_dates("Europy od wczesnych lat pięćdziesiątych, jednocząc")[0]
    assert (found.iso, found.part, found.since) == ("195X", "early", True)
    assert written(found, "en") == "since the early 1950s"
    assert written(found, "pl") == "od wczesnych lat 50."
    assert find_dates("in the nineties")[0].iso == "199X"


def test_iso_dates_are_written_in_the_question_language():
    assert written("2013-01-04", "pl") == "4 stycznia 2013 r."
    assert written("2013-01-04", "en") == "on 4 January 2013"
    assert written("2014-01", "pl") == "w styczniu 2014 r."
    assert written("1976", "en", since=True) == "since 1976"


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("Since when is Olsztyn partnered with Rovaniemi?", "en", "date"),
        ("Od kiedy Białystok należy do AVIAMA?", "pl", "date"),
        ("How many twinning partnerships do Polish local governments have?", "en", "number"),
        ("Ile jednostek odpowiedziało na ankietę?", "pl", "number"),
        ("Do jakich stowarzyszeń należy Białystok?", "pl", "list"),
        ("Czym jest program Europa dla Obywateli?", "pl", "definition"),
        ("Where is the contact point of the programme?", "en", "name"),
        ("Is Kaliningrad a partner city of Olsztyn?", "en", "yes_no"),
        ("Which pages mention Russian cities?", "en", "pages"),
    ],
)
def test_question_answer_types_are_read_from_the_words(question, lang, kind):
    assert classify(question, lang) == kind


def test_english_question_on_a_polish_page_gets_an_english_lead_with_the_date(assistant):
    reply = assistant.answer("When did Białystok sign a letter of intent with Yehud?")
    assert reply.route == "documents"
    lead = _first_sentence(reply.answer)
    assert lead.startswith("Białystok signed a letter of intent with Yehud on 19 June 2010 [1]")
    assert "(source in Polish)" in reply.answer
    assert len(reply.citations) == 1 and reply.citations[0].lines == (19, 19)
    _quotes_are_verbatim(reply, assistant)


def test_polish_question_gets_a_polish_lead_and_no_language_label(assistant):
    reply = assistant.answer("Kiedy Białystok podpisał list intencyjny z Gori?")
    assert _first_sentence(reply.answer).startswith(
        "Białystok podpisał list intencyjny z miastem Gori 4 stycznia 2013 r. [1]"
    )
    assert "(źródło po" not in reply.answer
    assert len(reply.citations) == 1


def test_the_asked_form_picks_its_own_date_from_a_line_with_two(assistant):
    reply = assistant.answer(
        "Kiedy Białystok podpisał umowę o współpracy z tureckim miastem Bornova?"
    )
    lead = _first_sentence(reply.answer)
    assert "2 lipca 2015 r." in lead and "30 czerwca" not in lead


def test_an_expired_agreement_is_not_answered_yes(assistant):
    reply = assistant.answer(
        "Is the cooperation agreement between Białystok and Kaliningrad still valid?"
    )
    lead = _first_sentence(reply.answer)
    assert not lead.startswith("Yes")
    assert "expired" in lead and "2002" in lead


def test_partners_of_two_page_owners_are_found_on_both_pages(assistant):
    reply = assistant.answer("Which cities are partners of both Olsztyn and Białystok?")
    assert reply.route == "documents"
    assert "Kaliningrad" in reply.answer and "Łuck" in reply.answer
    sources = {c.source for c in reply.citations}
    assert sources == {
        "corpus/pages/olsztyn-partner-cities.txt",
        "corpus/pages/bialystok-relacje-partnerskie.txt",
    }
    _quotes_are_verbatim(reply, assistant)


def test_pages_mentioning_russian_cities_are_listed_each_fact_cited(assistant):
    reply = assistant.answer("Which pages mention Russian cities?")
    assert reply.route == "documents"
    cited_lines = {(c.source.rsplit("/", 1)[-1], c.lines[0]) for c in reply.citations}
    assert ("olsztyn-partner-cities.txt", 17) in cited_lines
    assert ("bialystok-relacje-partnerskie.txt", 9) in cited_lines  # Tomsk (Rosja)
    _quotes_are_verbatim(reply, assistant)


def test_since_when_about_a_survey_pair_goes_to_the_survey(assistant):
    reply = assistant.answer("Od kiedy Białystok współpracuje z Kownem?")
    assert reply.route == "table"


def test_page_content_words_route_to_the_pages_from_the_indexed_vocabulary(assistant):
    from assistant.retrieval.vocabulary import page_words

    vocabulary = assistant.runtime.units.page_terms
    assert page_words(["exhibitions", "Esperanto", "partners", "Germany"], vocabulary) == [
        "exhibitions", "Esperanto"
    ]  # fmt: skip
    reply = assistant.answer("What exhibitions did Białystok organise with Jelgava?")
    assert reply.route == "documents"


def test_shipped_files_are_named_by_their_sidecar_descriptions(assistant):
    known = read_sources(assistant.runtime.con)
    survey = "corpus/tables/miasta-i-gminy-2009.tsv"
    assert describe_source(known, survey, "en") == "the 2009 ZMP survey"
    assert describe_source(known, survey, "pl") == "ankieta ZMP z 2009 r."
    assert source_year(known, survey) == 2009
    assert known["corpus/pages/olsztyn-partner-cities.txt"].language == "en"


def test_a_dropped_in_table_is_named_from_its_file_name_with_its_own_year(corpus_copy, tmp_path):
    header = "polskie miasto/gmina\tkraj partnera\tmiasto/gmina/powiat partnerski(a)\tforma\n"
    row = "Kalisz\tCzechy\tOstrawa\tumowa 2015\n"
    (corpus_copy / "tables" / "ankieta-2015.tsv").write_text(header + row, "utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    result = ingest(settings)
    assert "corpus/tables/ankieta-2015.tsv" in {f.source for f in result.files}
    opened = Assistant.open(settings)
    known = read_sources(opened.runtime.con)
    new = "corpus/tables/ankieta-2015.tsv"
    assert describe_source(known, new, "en") == "the table “ankieta 2015”"
    assert describe_source(known, new, "pl") == "tabela „ankieta 2015”"
    assert source_year(known, new) == 2015
    mixed = describe_sources(known, ["corpus/tables/miasta-i-gminy-2009.tsv", new], "en")
    assert mixed == "the 2009 ZMP survey and the table “ankieta 2015”"
    # A table answer resting on that row names both files, not "the ZMP 2009 survey" alone.
    reply = opened.answer("Partners of Kalisz in the Czech Republic")
    assert any(c.source == new for c in reply.citations)
    lead = reply.answer.split("\n")[0]
    assert "ankieta 2015" in lead and "The ZMP 2009 survey" not in reply.answer
    only_2009 = opened.answer("Partners of Kraków in Germany")
    opened.close()
    assert only_2009.answer.startswith("The ZMP 2009 survey lists")


def test_a_sidecar_is_no_source_but_its_change_rebuilds_the_index(corpus_copy, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    first = ingest(settings)
    assert (corpus_copy / "tables" / "powiaty-2009.tsv.toml").is_file()
    assert not any(f.source.endswith(".toml") for f in first.files)  # no source of its own
    side = corpus_copy / "pages" / "olsztyn-partner-cities.txt.toml"
    side.write_text(side.read_text("utf-8").replace("Olsztyn's page", "Olsztyn's site"), "utf-8")
    assert not ingest(settings).skipped
    assert ingest(settings).skipped and first.version


def test_generated_polish_html_page_answers_an_english_question(new_pages):
    reply = new_pages.answer("When did Kalisz sign a letter of intent with Ostrawa?")
    assert reply.route == "documents", reply.answer
    lead = _first_sentence(reply.answer)
    assert lead.startswith("Kalisz signed a letter of intent with Ostrawa on 14 March 2011")
    assert "(source in Polish)" in reply.answer
    assert reply.citations[0].source == "corpus/pages/kalisz-miasta-partnerskie.html"
    _quotes_are_verbatim(reply, new_pages)


def test_generated_polish_html_page_answers_a_polish_question_with_a_month(new_pages):
    reply = new_pages.answer("Kiedy Kalisz podpisał porozumienie z Lucerną?")
    assert reply.route == "documents", reply.answer
    assert "w maju 2015 r." in _first_sentence(reply.answer)
    _quotes_are_verbatim(reply, new_pages)


def test_generated_english_pdf_answers_both_languages(new_pages):
    en = new_pages.answer("Since when has Leszno been partnered with Tartu?")
    assert en.route == "documents", en.answer
    assert "since 1998" in _first_sentence(en.answer)
    assert "(source in" not in en.answer
    pl = new_pages.answer("Od kiedy Leszno współpracuje z Tartu?")
    assert "od 1998 r." in _first_sentence(pl.answer)
    assert "(źródło po angielsku)" in pl.answer
    for reply in (en, pl):
        assert reply.citations[0].source == "corpus/pages/leszno-partners.pdf"
        _quotes_are_verbatim(reply, new_pages)


def test_generated_page_activities_paragraph_is_found_and_cited(new_pages):
    reply = new_pages.answer("Jakie wspólne działania Kalisz prowadzi z miastami partnerskimi?")  # fmt: skip
    assert reply.route == "documents", reply.answer
    assert any(c.source.endswith("kalisz-miasta-partnerskie.html") and "wystawy" in c.quote
               for c in reply.citations)  # fmt: skip
    _quotes_are_verbatim(reply, new_pages)


def test_a_passage_below_the_calibrated_floor_gives_no_answer_but_what_the_pages_cover(
    assistant,
):
    from assistant import documents
    from assistant.retrieval.search import Hit

    rt = assistant.runtime
    passages = rt.retriever().passages
    known = read_sources(rt.con)
    floor = documents.relevance_floor(assistant.settings.embeddings)
    assert floor > 0  # calibrated for the default model
    weak = [Hit(p, 0.1, "vector", floor / 2, None) for p in passages[:3]]
    draft = documents.answer("Ile kosztował bilet na wystawę?", "pl", weak, [], passages, known,
                             floor)  # fmt: skip
    assert not draft.citations and ">" not in draft.text()
    assert draft.text().startswith("Strony nie zawierają odpowiedzi")
    assert "Białystok: relacje partnerskie" in draft.text()  # what the pages cover, by title


def test_a_date_question_with_no_date_in_the_passages_is_not_answered(assistant):
    from assistant import documents
    from assistant.retrieval.search import Hit

    rt = assistant.runtime
    passages = rt.retriever().passages
    dateless = [p for p in passages if "Wędrując" in p.text]
    hits = [Hit(p, 1.0, "both", 0.9, 5.0) for p in dateless]
    draft = documents.answer("When can one wander the interactive map?", "en", hits, [],
                             passages, read_sources(rt.con), 0.2)  # fmt: skip
    assert not draft.citations
    assert draft.text().startswith("The pages do not hold the answer")


def test_a_where_question_leads_with_the_place_after_its_preposition(assistant):
    result = assistant.answer(
        "Gdzie ma siedzibę stowarzyszenie AVIAMA, do którego należy Białystok?"
    )
    assert "Charleville-Mezieres" in result.answer.splitlines()[0]


def test_a_long_sentence_leads_with_the_clause_that_holds_the_question_words(assistant):
    result = assistant.answer("jaka rocznice bialystok obchodzil na malcie?")
    lead = result.answer.splitlines()[0]
    assert "1050 rocznicy" in lead and "Malcie" in lead


def test_a_list_of_one_item_leads_with_the_item_quoted(assistant):
    result = assistant.answer("Białystok and Esperanto: which partner city is that about?")
    lead = result.answer.splitlines()[0]
    assert "Mazara del Vallo" in lead and "“" in lead


@pytest.mark.parametrize(
    ("question", "in_lead"),
    [
        ("gdzie bialystok podpisal list intencyjny z irkuckiem", "w Białymstoku"),
        ("Z którym miastem Białystok podpisał umowę o współpracy w 2013 r.?", "Łuck"),
        ("bornova and bialystok first signed a letter of intent - in what year did the actual "
         "cooperation agreement follow?", "2015"),
        ("what festival in grodno did bialystok take part in in 2014", "Kultur Narodowych"),
        ("w ktorych latach odbyl sie wyscig kolarski juniorow niemen", "2016 i 2017"),
        ("Jak nazywało się forum w Gori w 2016 roku, w którym brał udział Białystok?",
         "Rola samorządów"),
    ],
)  # fmt: skip
def test_a_partner_line_or_list_item_asked_about_leads_with_what_was_asked(
    assistant, question, in_lead
):
    result = assistant.answer(question)
    assert result.route == "documents" and in_lead in result.answer.splitlines()[0]


def test_a_topic_word_after_a_question_word_asks_for_a_name_the_pages_give(assistant):
    result = assistant.answer(
        "w ramach jakiego programu komisji europejskiej opracowano w 2009 bazy partnerstw"
    )
    assert result.route == "documents" and "Europa dla Obywateli" in result.answer.splitlines()[0]


def test_according_to_zmp_asks_the_zmp_page(assistant):
    result = assistant.answer(
        "ile mniej wiecej par miast blizniaczych maja polskie samorzady wedlug zmp"
    )
    assert result.route == "documents"


@pytest.mark.parametrize(
    ("question", "in_lead"),
    [("Pod jakim adresem znajdę interaktywną mapę polsko-niemieckich partnerstw?", "miasto.lh.pl"),
     ("Which foundation co-funded the interactive Polish-German partnership map?",
      "Współpracy Polsko"),
     ("na ktorej stronie jest mowa o miescie w holandii", "Białegostoku")],
)  # fmt: skip
def test_an_address_a_foundation_or_the_one_page_leads(assistant, question, in_lead):
    result = assistant.answer(question)
    assert in_lead in result.answer.splitlines()[0]


def test_a_page_owners_year_only_its_page_names_goes_to_the_page(assistant):
    result = assistant.answer("which city did bialystok sign a letter of intent with in 2010")
    assert result.route == "documents" and "Yehud" in result.answer.splitlines()[0]
    survey = assistant.answer("partnerzy białegostoku z 1995")  # a year the survey holds
    assert survey.route == "table" and survey.data.rows
