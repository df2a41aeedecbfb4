"""Answers from the narrative pages: the fact first, in the question's language, then the evidence.

    question ──answer_types.classify──▶ date | number | list | name | yes_no | definition | pages
    hits (hybrid search) ──units──▶ sentences and list items, scored by the question's terms
    ──span of the asked type──▶ lead sentence (page_answers_<lang>.toml [lead]) + the smallest
    verbatim evidence, labelled with the page's language where it differs from the question's

A page fact (a partner line: who, whom, which form, which date) gives the lead of a partner
question; everything else is extracted from the retrieved sentences. When no passage is
relevant enough (a similarity threshold per embedding model, calibrated on the passage gold
set) or none holds a span of the asked type, the answer says so and names what the pages
cover; it never quotes passages in place of an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant import sources as source_names
from assistant.answer_types import classify
from assistant.compose import Draft
from assistant.dates import Date, find_dates, written
from assistant.models import Answer
from assistant.retrieval.search import Hit, stopwords, word_terms
from assistant.text import fold, lemmas, words
from assistant.vocabulary import load

MAX_UNITS_SCANNED = 6  # hits whose sentences are read for an answer
MAX_LIST_ITEMS = 20
RARE_IDF = 2.0
MIN_UNIT_SCORE = 1.0  # a sentence must share at least one real word with the question  # a term in at most about one passage in eight
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*\.\s*")
_URL = re.compile(r"(?:https?://|www\.)[^\s,;)]+[^\s,;).]")
_NUMBER = re.compile(
    r"(?P<q>ponad|blisko|ok\.|około|prawie|over|nearly|about|almost)?\s*\(?"
    r"(?P<n>(?<![\d.])\d{1,3}(?:[  ]\d{3})+|(?<![\d.])\d+)(?![\d.]\d)"
)
_ABBREVIATIONS = ("r.", "ok.", "m.in.", "np.", "tj.", "ul.", "nr.", "dr.", "ws.", "itd.")
_CAPITALISED = re.compile(
    r"(?:[A-ZŁŚŻŹĆÓ][\w’'-]+)(?:\s+(?:[A-ZŁŚŻŹĆÓ(][\w’'()-]+|i|and|of|dla|ds\.|the))*"
    r"(?:\s+\([A-Z]{2,}\))?"
)


@dataclass(frozen=True)
class Fact:
    """A partner line of a page, as stored in the page_facts table."""

    source: str
    line: int
    owner: str
    partner: str
    country: str | None
    date_text: str | None
    year: int | None
    form: str | None
    status: str | None
    quote: str


@dataclass(frozen=True)
class Unit:
    """A sentence or list item: the smallest verbatim evidence a lead can rest on."""

    source: str
    first: int
    last: int
    quote: str  # verbatim: a substring of lines first..last joined by "\n"
    section: str
    context: str
    rank: int  # rank of the hit it came from

    @property
    def text(self) -> str:
        return " ".join(re.sub(r"(\w)-\s*\n\s*(?=\w)", r"\1", self.quote).split())


# --- language data ------------------------------------------------------------------------


def ph(lang: str) -> dict:
    return load(f"page_answers_{lang}")


def _plural(lang: str, key: str, n: int) -> str:
    forms = ph(lang)["lead"][key]
    if n == 1:
        return forms[0]
    if lang == "pl" and len(forms) > 2:
        few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
        return forms[1] if few else forms[2]
    return forms[1]


@lru_cache(maxsize=1)
def _form_patterns() -> list[tuple[str, re.Pattern]]:
    forms = load("page_forms")["forms"]
    return [(key, re.compile("|".join(ps), re.IGNORECASE)) for key, ps in forms.items()]


def form_key(text: str) -> str | None:
    """The first form a text names ('list intencyjny' -> 'letter_of_intent'), renewals aside."""
    found = [
        (m.start(), -len(m.group(0)), key)
        for key, pattern in _form_patterns()
        if key != "renewed"
        for m in [pattern.search(text)]
        if m
    ]
    return min(found)[2] if found else None


def asked_form(question: str) -> str | None:
    """The form a question asks about: of several, the one named last ('first signed a letter
    of intent – in what year did the cooperation agreement follow?')."""
    found = [
        (m.start(), key)
        for key, pattern in _form_patterns()
        if key != "renewed"
        for m in pattern.finditer(question)
    ]
    return max(found)[1] if found else None


def _renewal(text: str) -> re.Match | None:
    return dict(_form_patterns())["renewed"].search(text)


def relevance_floor(embeddings: str) -> float:
    """The similarity a passage needs to count as relevant, per embedding model
    (assistant/lang/retrieval.toml [relevance], calibrated by bench/retrieval.py --calibrate)."""
    floors = load("retrieval").get("relevance", {})
    return float(floors.get(embeddings, floors.get("default", 0.0)))


# --- question terms and units -------------------------------------------------------------


@lru_cache(maxsize=1)
def _type_words() -> frozenset[str]:
    """The words that say what kind of answer is wanted ('od kiedy', 'which year'): every date
    matches them, so they do not tell one sentence from another."""
    found: set[str] = set()
    for lang in ("pl", "en"):
        data = ph(lang)["types"]
        for kind in ("pages", "date", "number", "yes_no", "list"):
            found.update(w for phrase in data[kind] for w in fold(phrase).split() if w != "*")
    return frozenset(found)


def question_terms(question: str) -> list[tuple[str, frozenset[str]]]:
    """(word, its search terms) for the content words of a question."""
    found = []
    for word in words(question.replace("’", "'")):
        if fold(word) in stopwords() or fold(word) in _type_words() or len(word) < 2:
            continue
        terms = frozenset(word_terms(word))
        if terms:
            found.append((word, terms))
    return found


def units_of(passage, rank: int) -> list[Unit]:
    """A list item stays whole; a paragraph is cut into its sentences (line ranges kept)."""
    text = passage.text
    if _NUMBERING.match(text) or "\n" not in text and len(text) < 200:
        return [Unit(passage.source, passage.start_line, passage.end_line, text.strip(),
                     passage.section, passage.context, rank)]  # fmt: skip
    units, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[A-ZŁŚŻŹĆÓ„\"“])", text):
        if text[: m.end()].endswith(_ABBREVIATIONS) and not text[: m.end()].endswith(" r."):
            continue
        if text[: m.end()].endswith(" r.") and not re.search(r"\d\s*r\.$", text[: m.end()]):
            continue
        units.append(_unit(passage, start, m.end(), rank))
        start = m.end()
    units.append(_unit(passage, start, len(text), rank))
    return [u for u in units if u.quote]


def _unit(passage, start: int, end: int, rank: int) -> Unit:
    text = passage.text
    while start < end and text[start].isspace():
        start += 1
    first = passage.start_line + text.count("\n", 0, start)
    last = passage.start_line + text.count("\n", 0, end)
    return Unit(passage.source, first, last, text[start:end].strip(), passage.section,
                passage.context, rank)  # fmt: skip


def _score(unit: Unit, wanted, idf: dict[str, float], around_weight: float = 0.3) -> float:
    own = {t for w in words(unit.text) for t in word_terms(w)}
    around = {t for w in words(unit.context) for t in word_terms(w)}
    score = 0.0
    for _word, terms in wanted:
        weights = [idf.get(t, 1.0) for t in terms & own]
        if weights:
            score += max(weights)
        elif terms & around:
            score += around_weight * max(idf.get(t, 1.0) for t in terms & around)
    return score - 0.05 * unit.rank


# --- spans ------------------------------------------------------------------------------


def _dates(unit: Unit, wanted) -> Date | None:
    """The date of the clause that shares most of the question's words."""
    dates = find_dates(unit.text)
    if not dates:
        return None
    text = unit.text
    best, best_score = dates[0], -1.0
    for d in dates:
        clause = text[max(0, d.start - 80) : d.end + 10]
        score = sum(bool(terms & set(_terms(clause))) for _w, terms in wanted)
        if score > best_score:
            best, best_score = d, score
    return best


def _terms(text: str) -> list[str]:
    return [t for w in words(text) for t in word_terms(w)]


def _numbers(unit: Unit, wanted, idf: dict[str, float] | None = None):
    """(score, qualifier, number, its clause) of the number whose words share most with the
    question, years aside. A number owns the words from the previous number to the next one
    ('ponad 20 000 partnerstw ... samorządu, z czego' / 'blisko 4 000 nawiązały polskie miasta');
    each question idea counts once, weighted by its rarity on the pages."""
    text = unit.text
    found = []
    for m in _NUMBER.finditer(text):
        value = m["n"].replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"1[89]\d\d|20\d\d", value) and " " not in m["n"]:
            continue
        found.append(m)
    if not found:
        return None
    candidates = []
    for n, m in enumerate(found):
        left = found[n - 1].end() if n else 0
        right = found[n + 1].start() if n + 1 < len(found) else len(text)
        segment = set(_terms(text[left:right]))
        matched = {(max(terms & segment, key=lambda t: (idf or {}).get(t, 1.0)), _is_verb(w))
                   for w, terms in wanted if terms & segment}  # fmt: skip
        # What the question's verb says is what is counted ('Ile samorządów odpowiedziało':
        # the number of those that answered, not of those asked); on a tie, the number with
        # fewer words around it is the more direct answer.
        score = sum((idf or {}).get(t, 1.0) * (2 if verb else 1) for t, verb in matched)
        score -= 0.01 * len(words(text[left:right]))
        clause_start = max(text.rfind(",", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
        end = text.find(". ", m.end())
        clause = _short(text[clause_start : end + 1 if end > 0 else len(text)].strip(), 200)
        candidates.append((score, (m["q"] or "").strip(), m["n"].strip(), clause))
    return max(candidates, key=lambda c: c[0])


_VERB_CLASSES = ("fin", "praet", "impt", "imps", "inf", "pact", "ppas", "ger", "pcon")


def _is_verb(word: str) -> bool:
    """A verb of the question: Polish by Morfeusz's class, English by its -ed ending."""
    from assistant.coverage import polish_analyses

    analyses = polish_analyses(word)
    if analyses:
        return all(tag.split(":", 1)[0] in _VERB_CLASSES for _l, tag, _q in analyses)
    return fold(word).endswith("ed") and len(word) > 4


def _asks(question: str, lang: str, kind: str) -> bool:
    """The question holds one of the words of a kind of name question ('who', 'where',
    'address' in page_answers_<lang>.toml [types])."""
    folded = f" {' '.join(fold(w) for w in words(question))} "
    return any(f" {fold(w)} " in folded for w in ph(lang)["types"][kind])


def _name(unit: Unit, question: str, lang: str = "en") -> str | None:
    """A URL, or for 'who' a proper name ('Rada Gmin i Regionów Europy (CEMR)'), not one the
    question itself names."""
    text = _NUMBERING.sub("", unit.text)
    urls = _URL.findall(text)
    asked = {fold(w) for w in words(question)}
    names = [
        m.group(0).strip()
        for m in _CAPITALISED.finditer(text)
        if len(m.group(0).strip()) > 3
        and fold(m.group(0).split()[0]) not in asked
        and m.start() > 0
        and not re.search(r"[.!?:]\s*$", text[: m.start()])  # not a sentence's first word
        and (
            " " in m.group(0).strip()
            or re.search(r"[A-Z]{2,}", m.group(0))  # CEMR
            or re.search(r"\w-[A-ZŁŚŻŹĆÓ]", m.group(0))  # Charleville-Mezieres
        )
    ]
    if _asks(question, lang, "where"):
        placed = [
            n for n in names if re.search(rf"\b(?:w|we|in|at|z siedzibą w)\s+{re.escape(n)}", text)
        ]
        names = placed + [n for n in names if n not in placed]
    if _asks(question, lang, "who"):
        return (names or urls or [None])[0]
    return (urls or names or [None])[0]


# --- the answer ---------------------------------------------------------------------------


def answer(
    question: str,
    lang: str,
    hits: list[Hit],
    facts: list[Fact],
    passages: list,
    known_sources: dict,
    floor: float,
    idf: dict[str, float] | None = None,
    kind: str | None = None,
) -> Draft:
    """A page answer: its lead states the fact in `lang`, the evidence follows it."""
    draft = Draft(lang)
    kind = kind or classify(question, lang)
    wanted = question_terms(question)
    if facts:
        _fact_answer(draft, facts, question, kind, passages, known_sources)
        return draft
    relevant = [h for h in hits if _relevant(h, floor)]
    if not relevant:
        _none(draft, known_sources)
        return draft
    units = [
        u
        for rank, h in enumerate(relevant[:MAX_UNITS_SCANNED])
        for u in units_of(h.passage, rank)
        if _score(u, wanted, idf or {}, 0.0) + 0.05 * rank >= MIN_UNIT_SCORE  # its own words
    ]
    # A definition stands under the heading that names the thing ('EUROPA DLA OBYWATELI').
    around = 0.6 if kind == "definition" else 0.3
    openers = ph(lang)["types"]["definition_openers"] if kind == "definition" else []

    def rank_of(u: Unit) -> float:
        start = fold(_NUMBERING.sub("", u.text)[:40])
        bonus = 2.0 if any(fold(o) in start for o in openers) else 0.0
        return _score(u, wanted, idf or {}, around) + bonus

    ranked = sorted(units, key=lambda u: -rank_of(u))
    if kind == "number":  # the unit whose number shares most with the question comes first
        number = {u: (_numbers(u, wanted, idf) or (-9.0,))[0] for u in ranked}
        ranked.sort(key=lambda u: -(number[u] + 0.5 * _score(u, wanted, idf or {}, around)))
    if kind in ("list", "yes_no"):
        # "Does Białystok belong to any city networks?": yes, and the list that says so.
        prefix = ph(lang)["lead"]["fact_yes"] if kind == "yes_no" else ""
        if _list_answer(draft, ranked, wanted, passages, known_sources, idf or {}, prefix):
            return draft
        kind = "other" if kind == "list" else kind
    if kind == "name" and _asks(question, lang, "who"):  # the best sentence naming someone
        ranked.sort(
            key=lambda u: (
                _name(u, question, lang) is None
                or _name(u, question, lang).startswith(("http", "www"))
            )
        )
    if kind == "name" and _asks(question, lang, "address") and not _asks(question, lang, "who"):
        # "Pod jakim adresem…": a URL first (not "Who created a website…")
        ranked.sort(key=lambda u: not _URL.search(u.text))
    if kind == "name" and ranked and _name(ranked[0], question, lang) is None:
        kind = "other"  # the best sentence is the answer ('Listy partnerstw dostępne są tutaj:')
    for unit in ranked:
        if _lead(draft, unit, kind, wanted, question, known_sources, idf):
            _evidence(draft, unit, known_sources)
            return draft
    _none(draft, known_sources)
    return draft


def _relevant(hit: Hit, floor: float) -> bool:
    """A keyword match (it passed the search's own floor) counts; a passage only the vector
    search found counts when its similarity reaches the model's calibrated floor."""
    return hit.matched != "vector" or (hit.similarity or 0.0) >= floor


def _page(known: dict, source: str, lang: str) -> str:
    return source_names.describe_source(known, source, lang)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lead(
    draft: Draft, unit: Unit, kind: str, wanted, question: str, known: dict, idf=None
) -> bool:
    lang, lead = draft.lang, ph(draft.lang)["lead"]
    values = {
        "page": _page(known, unit.source, lang),
        "Page": _cap(_page(known, unit.source, lang)),
    }
    if kind == "date":
        date = _dates(unit, wanted)
        if date is None:
            return False
        span = _clause_around(unit.text, date.start, date.end)
        values.update(date=written(date, lang), span=span)
    elif kind == "number":
        found = _numbers(unit, wanted, idf)
        if found is None:
            return False
        _score_, qualifier, number, span = found
        qualifier = lead["qualifiers"].get(qualifier, qualifier)
        values.update(number=f"{qualifier} {number}".strip(), span=span)
    elif kind == "name":
        name = _name(unit, question, lang)
        if name is None:
            return False
        values.update(name=name)
    else:
        values.update(span=_best_clause(unit.text, wanted, idf or {}))
        kind = kind if kind in ("definition", "yes_no") else "other"
    if "span" in values and not values["span"].endswith(" r."):
        values["span"] = values["span"].rstrip(".")  # the template ends the sentence
    marker = draft.cite(unit.source, unit.first, unit.last, unit.quote)
    draft.lines.append(lead[kind].format(marker=marker, **values))
    return True


def _best_clause(text: str, wanted, idf: dict[str, float], limit: int = 240) -> str:
    """A long sentence cut to the window of its clauses that holds most of the question's words
    ('…, organizacja obchodów 1050 rocznicy chrztu Polski na Malcie …' for 'jaka rocznica na
    Malcie?'); a short one whole."""
    text = _NUMBERING.sub("", text).strip()
    if len(text) <= limit:
        return text
    cuts = [0] + [
        m.end()
        for m in re.finditer(r"(?<=[.!?])\s+|[,;:]\s+|\s+(?:oraz|a także)\s+", text)
        if not _inside_quotes(text, m.start())  # „Rola samorządów w rozwoju małych i średnich…”
    ]
    clauses = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]

    def hits(piece: str) -> float:
        own = {t for w in words(piece) for t in word_terms(w)}
        return sum(max((idf.get(t, 1.0) for t in terms & own), default=0.0) for _w, terms in wanted)

    best = max(range(len(clauses)), key=lambda i: (hits(clauses[i]), -i))
    window = clauses[best]
    left, right = best, best
    while right + 1 < len(clauses) and len(window + clauses[right + 1]) <= limit:
        right += 1
        window += clauses[right]
    prefix = "… " if left > 0 else ""
    return prefix + _short(window.strip().rstrip(",;:"), limit)


def _inside_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("„") > before.count("”") or before.count("“") > before.count("”")


def _clause_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind(", ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find(", ", end)) if i > 0]
    right = min(right_candidates) if right_candidates else len(text)
    return _short(_NUMBERING.sub("", text[left + 1 if left >= 0 else 0 : right + 1].strip()))


def _short(text: str, limit: int = 240) -> str:
    text = _NUMBERING.sub("", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _evidence(draft: Draft, unit: Unit, known: dict) -> None:
    """The cited lines themselves, with the page's language where it is not the question's."""
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in unit.quote.split("\n"))
    label = _language_label(known, unit.source, draft.lang)
    draft.lines.append("")
    draft.lines.append(quoted + (f" {label}" if label else ""))


def _language_label(known: dict, source: str, lang: str) -> str:
    language = source_names.page_language(known, source)
    if not language or language == lang:
        return ""
    lead = ph(lang)["lead"]
    return lead["source_language"].format(language=lead["languages"].get(language, language))


def _none(draft: Draft, known: dict) -> None:
    pages = [s for s in known.values() if s.kind == "page"]
    if not pages:
        draft.lines.append(ph(draft.lang)["lead"]["none_plain"])
        return
    topics = "; ".join(s.title(draft.lang) for s in pages)
    draft.lines.append(ph(draft.lang)["lead"]["none"].format(topics=topics))


# --- lists --------------------------------------------------------------------------------


def _list_answer(draft, ranked: list[Unit], wanted, passages, known, idf, prefix="") -> bool:
    """The items of the list the best unit stands in; items matching more of the question's
    words than the rest ('German' in 'Which German cities') are the ones kept."""
    if not ranked:
        return False
    best = ranked[0]
    siblings = _section_items(best, passages)
    if len(siblings) < 2:
        return False
    # The question's capitalised words ('German', 'Moldovan') and its rare words ('festivals')
    # narrow a list down; the words every item shares ('cooperation') do not.
    shared = set(_terms(siblings[0].context))  # the list's own heading says what all items are
    # A name typed in lower case ('grodno', 'niemen') narrows too where an item writes it as a
    # name, and so does a year.
    names = _capitalised_terms(siblings)

    def distinguishes(terms) -> bool:  # in fewer than half of the items
        return 2 * sum(bool(terms & set(_terms(u.text))) for u in siblings) < len(siblings)

    narrowing = [
        (w, t) for n, (w, t) in enumerate(wanted)
        if not t & shared
        and ((w[:1].isupper() and n > 0) or max(idf.get(x, 0.0) for x in t) >= RARE_IDF
             or (t & names or re.fullmatch(r"(?:19|20)\d\d", w)) and distinguishes(t))
    ]  # fmt: skip
    scored = [(_score(u, narrowing, idf, 0.0) + 0.05 * u.rank, u) for u in siblings]
    top = max(s for s, _ in scored)
    floor = min(s for s, _ in scored)
    if prefix and narrowing and top <= floor + 0.5:
        return False  # "Is there a partner in Portugal?": no item says so, so no "yes"
    items = (
        [u for s, u in scored if s > floor + 0.5] if top > floor + 0.5 else [u for _, u in scored]
    )
    best_ones = [u for s, u in scored if s >= top - 0.5]
    if top > floor + 0.5 and len(best_ones) == 1:
        items = best_ones  # one item holds clearly more of what narrows ('Grodno', '2014')
    if len(items) == 1 and items[0].section[:1].isdigit():
        # One item asked about ('What does Białystok do in AVIAMA?'): its own points, if any.
        points = _section_items(
            Unit(best.source, 0, 0, "", items[0].section + ".1", "", 0), passages
        )
        if points:
            best, items = items[0], points
    items = items[:MAX_LIST_ITEMS]
    lang, lead = draft.lang, ph(draft.lang)["lead"]
    heading = best.section if best.section and not best.section[:1].isdigit() else ""
    if not heading and " · " in items[0].context:  # numbered points: their parent's words
        heading = items[0].context.rsplit(" · ", 1)[-1].rstrip(":")
    page = _page(known, best.source, lang)
    under = lead["list_under"].format(heading=heading) if heading else ""
    head = lead["list_head"].format(page=page, Page=_cap(page), n=len(items),
                                    items=_plural(lang, "items", len(items)), under=under)  # fmt: skip
    if len(items) == 1:  # one item: it is the answer, so it leads
        unit = items[0]
        marker = draft.cite(unit.source, unit.first, unit.last, unit.quote)
        # the words its heading holds ('mapa polsko-niemieckich…') say which item, not which part
        heading_terms = set(_terms(unit.context))
        focus = [(w, t) for w, t in wanted if not t & heading_terms] or wanted
        draft.lines.append(prefix + lead["list_one"].format(
            page=page, Page=_cap(page), under=under, marker=marker,
            item=_best_clause(unit.text, focus, idf, 200),
        ))  # fmt: skip
        label = _language_label(known, best.source, lang)
        if label:
            draft.lines.append(label)
        return True
    draft.lines.append(prefix + head)
    for unit in items:
        marker = draft.cite(unit.source, unit.first, unit.last, unit.quote)
        draft.lines.append(lead["list_item"].format(item=_short(unit.text, 200), marker=marker))
    label = _language_label(known, best.source, lang)
    if label:
        draft.lines.append(label)
    return True


def _capitalised_terms(units: list[Unit]) -> set[str]:
    """The search terms of the words the units write with a capital inside a sentence."""
    found: set[str] = set()
    for u in units:
        for m in re.finditer(r"(?<=[\w,)”] )[A-ZŁŚŻŹĆÓ][\w-]+", _NUMBERING.sub("", u.text)):
            found |= set(word_terms(m.group(0)))
    return found


def _section_items(best: Unit, passages: list) -> list[Unit]:
    """The items of the list `best` belongs to: numbered points under one parent, or the lines
    under one heading."""
    same = [p for p in passages if p.source == best.source and not p.boilerplate]
    section = best.section
    if section and section.replace(".", "").isdigit():
        parent = section.rsplit(".", 1)[0] if "." in section else section
        depth = parent.count(".") + 1
        if "." not in section:  # a heading point ('4.'): its own items
            depth, parent = 1, section
        items = [
            p for p in same
            if p.section.startswith(parent + ".") and p.section.count(".") == depth
        ]  # fmt: skip
    elif section:
        items = [p for p in same if p.section == section]
    else:
        items = []
    return [Unit(p.source, p.start_line, p.end_line, p.text.strip(), p.section, p.context, 9)
            for p in items]  # fmt: skip


# --- partner facts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    form: str | None  # a key of page_forms.toml
    date: Date
    renewed: bool


def events(fact: Fact) -> list[Event]:
    """What a partner line says happened, in order: 'list intencyjny (z 1994 r. wygasł),
    odnowiony 21.06.2014 r.' -> a letter of intent in 1994, renewed on 2014-06-21."""
    from assistant.retrieval.pagefacts import LIST_LINE

    match = LIST_LINE.match(fact.quote)
    if not match:  # a sentence naming several partners: only this partner's year is its own
        if fact.year is None:
            return []
        return [Event(form_key(fact.form or ""), Date(str(fact.year), 0, 0), False)]
    found: list[Event] = []
    form = None
    for clause in re.split(r"\.\s+(?=[A-ZŁŚŻ])|,\s+|\s+[–—-]\s+", match["rest"]):
        form = form_key(clause) or form
        renewal = _renewal(clause)
        for d in find_dates(clause):
            renewed = bool(renewal and renewal.start() < d.start)
            found.append(Event(form or form_key(fact.form or ""), d, renewed))
    return found


def _fact_answer(draft: Draft, facts: list[Fact], question: str, kind: str, passages, known):
    lang, lead = draft.lang, ph(draft.lang)["lead"]
    form = asked_form(question)
    facts = _in_the_years_asked(facts, question, form)
    for fact in facts:
        first, last, quote = _fact_lines(fact, passages)
        marker = draft.cite(fact.source, first, last, quote)
        said = events(fact)
        chosen = [e for e in said if form and e.form == form] or said
        sentence = _fact_sentence(lang, fact, chosen)
        if _asks(question, lang, "where"):
            sentence += _where_signed(fact.quote)
        status = fact.status
        if status == "odnowiony" and any(e.renewed for e in chosen):
            status = None  # the renewal is in the sentence already
        status_text = (", " + ph(lang)["status"][status]) if status else ""
        still = status in (None, "odnowiony")
        prefix = lead["fact_yes"] if kind == "yes_no" and still else ""
        draft.lines.append(prefix + sentence + status_text + f" {marker}.")
        unit = Unit(fact.source, 0, 0, quote, "", "", 0)
        _evidence(draft, unit, known)


def _in_the_years_asked(facts: list[Fact], question: str, form: str | None) -> list[Fact]:
    """'Z którym miastem Białystok podpisał umowę o współpracy w 2013 r.?': the partner lines
    with an event in a year the question names (of the form it names, where one has it); all
    of them when none has."""
    years = {d.iso[:4] for d in find_dates(question) if not d.iso.endswith("X")}
    if not years:
        return facts

    def dated(of_form: bool) -> list[Fact]:
        return [
            f for f in facts
            if any(e.date.iso[:4] in years and (not of_form or e.form == form) for e in events(f))
        ]  # fmt: skip

    return (form and dated(True)) or dated(False) or facts


def _where_signed(quote: str) -> str:
    """'… podpisany 20.06.2014 r. w Białymstoku.': the place, as the page writes it."""
    found = re.search(r"\b(?:w|we|in)\s+([A-ZŁŚŻŹĆÓ][\w-]+(?:\s+[A-ZŁŚŻŹĆÓ][\w-]+)?)", quote)
    return f" („{found.group(0)}”)" if found else ""


def _fact_sentence(lang: str, fact: Fact, chosen: list[Event]) -> str:
    lead, forms = ph(lang)["lead"], ph(lang)["forms"]
    if not chosen:
        return lead["fact_since"].format(owner=fact.owner, partner=fact.partner, date="").strip()
    first, *rest = chosen
    if first.date.since or first.form in (None, "partner_city"):
        text = lead["fact_since"].format(
            owner=fact.owner, partner=fact.partner, date=written(first.date, lang, since=True)
        )
    else:
        text = lead["fact_signed"].format(
            owner=fact.owner, partner=fact.partner, form=forms.get(first.form, first.form),
            date=written(first.date, lang),
        )  # fmt: skip
    for event in rest:
        if event.renewed:
            if "wygas" in fold(fact.quote):  # "list intencyjny (z 1994 r. wygasł), odnowiony …"
                text += lead["fact_expired"]
            text += ", " + lead["fact_renewed"].format(date=written(event.date, lang))
        else:
            text += lead["fact_and"] + lead["fact_later"].format(
                form=forms.get(event.form, event.form or ""), date=written(event.date, lang)
            )
    return text


def _fact_lines(fact: Fact, passages: list) -> tuple[int, int, str]:
    """The fact's line, and the lines it runs on over ('rozwi- / jania', '... trwają / prace'):
    the smallest verbatim range that holds the whole item."""
    passage = _passage_of(fact, passages)
    if passage is None:
        return fact.line, fact.line, fact.quote
    lines = passage.text.split("\n")
    start = fact.line - passage.start_line
    end = start
    while end + 1 < len(lines):
        nxt = lines[end + 1].strip()
        if nxt and not nxt[:1].islower():
            break
        if not nxt and (end + 2 >= len(lines) or not lines[end + 2].strip()[:1].islower()):
            break
        end += 1
    return fact.line, passage.start_line + end, "\n".join(lines[start : end + 1])


def _passage_of(fact: Fact, passages: list):
    """The passage holding a fact's line (None for a one-line item or an unknown page)."""
    for passage in passages:
        if passage.source == fact.source and passage.start_line <= fact.line <= passage.end_line:
            return None if passage.boilerplate else passage
    return None


def finished(draft: Draft, route: str) -> Answer:
    return Answer(language=draft.lang, route=route, answer=draft.text(), data=draft.data,
                  sql=draft.sql, citations=draft.citations)  # fmt: skip


# --- from a routed question to an answer (called by assistant.core) -------------------------


@lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str]]:
    """(folded name, the survey's Polish country) for every name of a country, longest first."""
    table = load("countries")
    names = []
    for key, data in table.items():
        if not isinstance(data, dict):
            continue
        for name in [
            key,
            data.get("en", ""),
            *data.get("en_aliases", []),
            *data.get("pl_aliases", []),
        ]:
            if name and len(name) > 2:
                names.append((fold(name), key))
    return sorted(names, key=lambda n: -len(n[0]))


def _country_of(written: str | None) -> str | None:
    """A page's own words for a country ('the United States of America', 'Virginia, the United
    States of America') as the survey's country ('USA')."""
    text = f" {fold(written or '')} "
    return next((key for name, key in _country_names() if f" {name} " in text), None)


def facts_about(facts: list[Fact], intent) -> list[Fact]:
    """Page facts of the asked city with the asked partner (names matched across languages)."""
    from assistant.compare import place_names

    if not intent or not intent.units:
        return []
    owners = {fold(u) for u in intent.units}
    if not intent.partners:
        # "Jakie miasta partnerskie ma Białystok według strony miasta?" (and "… w Rosji?"):
        # every partner line of the city's page, in the asked countries if any

        countries = set(intent.countries)
        return [
            f for f in facts
            if fold(f.owner) in owners and (not countries or _country_of(f.country) in countries)
        ]  # fmt: skip
    wanted = frozenset().union(*(place_names(n) for n in intent.partners))
    return [f for f in facts if fold(f.owner) in owners and place_names(f.partner) & wanted]


def respond(u, rt, text: str, state: dict) -> tuple[Answer, dict]:
    """The documents route: a page answer, or a plain 'the pages do not hold it'."""
    lang = u.language
    known = source_names.read_sources(rt.con)
    retriever = rt.retriever()
    kind = classify(text, lang)
    owners = named_owners(text, rt.facts)
    if len(owners) >= 2:
        draft = shared_partners(lang, owners, rt.facts, retriever.passages, known)
    elif kind == "pages":
        draft = pages_mentioning(text, lang, retriever, rt.facts, known)
    else:
        # A partner line answers what was signed and when; a question about what a city does
        # with that partner (words only the pages hold: 'exhibitions') is read from the pages.
        asks_content = _content_words(text, rt)
        facts = facts_about(rt.facts, u.intent) if kind != "definition" and not asks_content else []
        hits = retriever.search(text, k=MAX_UNITS_SCANNED)
        floor = relevance_floor(rt.settings.embeddings)
        draft = answer(text, lang, hits, facts, retriever.passages, known, floor,
                       retriever.keywords.idf, kind)  # fmt: skip
    if not draft.citations:
        return Answer(language=lang, route="out_of_scope", answer=draft.text()), state
    state["intent"] = u.intent.model_dump() if u.intent else None
    return finished(draft, "documents"), state


def _content_words(text: str, rt) -> list[str]:
    """Words of the question that only the pages explain, names of owners and partners aside."""
    from assistant.compare import place_names
    from assistant.retrieval.vocabulary import page_words

    names = {n for f in rt.facts for n in place_names(f.partner) | {fold(f.owner)}}
    free = [w for w in words(text) if not ({fold(w)} | {fold(x) for x in lemmas(w)}) & names]
    return page_words(free, rt.units.page_terms)


def named_owners(text: str, facts: list[Fact]) -> list[str]:
    """The page owners (cities with a partner list on a page) a question names, in order."""
    from assistant.intent import tokenize

    owners = {fold(f.owner): f.owner for f in facts}
    found: list[str] = []
    for token in tokenize(text):
        for key in token.keys:
            if key in owners and owners[key] not in found:
                found.append(owners[key])
    return found


def shared_partners(lang: str, owners: list[str], facts: list[Fact], passages, known) -> Draft:
    """'Which cities are partners of both Olsztyn and Białystok?': every page, each fact cited."""
    from assistant.compare import place_names

    draft = Draft(lang)
    lead = ph(lang)["lead"]
    by_owner = {o: [f for f in facts if f.owner == o] for o in owners}
    first, *others = owners
    common = []
    for fact in by_owner[first]:
        names = place_names(fact.partner)
        matches = [[g for g in by_owner[o] if place_names(g.partner) & names] for o in others]
        if all(matches):
            common.append([fact] + [m[0] for m in matches])
    joined = (
        ph(lang)["sources"]["list_sep"].join(owners[:-1])
        + ph(lang)["sources"]["list_and"]
        + owners[-1]
    )
    draft.lines.append(lead["both_owners"].format(n=len(common), owners=joined,
                                                  partners=_plural(lang, "partners", len(common))))  # fmt: skip
    for group in common:
        cites = []
        for fact in group:
            a, b, quote = _fact_lines(fact, passages)
            cites.append(
                f"{_page(known, fact.source, lang)} {draft.cite(fact.source, a, b, quote)}"
            )
        names = " / ".join(dict.fromkeys(f.partner for f in group))
        draft.lines.append(lead["both_owner_item"].format(names=names, cites="; ".join(cites)))
    if not common:
        draft.citations.clear()
    return draft


def pages_mentioning(text: str, lang: str, retriever, facts: list[Fact], known) -> Draft:
    """'Which pages mention Russian cities?': the units of every page holding the question's
    most specific word, grouped by page, each cited."""
    draft = Draft(lang)
    ignore = {t for w in ph(lang)["types"]["pages_ignore"] for t in word_terms(w)}
    wanted = [(w, t - ignore) for w, t in question_terms(text) if t - ignore]
    idf = retriever.keywords.idf
    present = [
        (max(idf.get(x, 0.0) for x in t), w, t) for w, t in wanted if any(x in idf for x in t)
    ]
    if not present:
        _none(draft, known)
        return draft
    _rarity, _word, terms = max(present, key=lambda p: p[0])
    by_source: dict[str, list[Unit]] = {}
    for passage in retriever.passages:
        held = [u for u in units_of(passage, 0) if set(_terms(u.text)) & terms]
        if len({(u.first, u.last) for u in held}) < len(held):  # sentences of one line: the line
            held = [Unit(passage.source, passage.start_line, passage.end_line, passage.text,
                         passage.section, passage.context, 0)]  # fmt: skip
        if held:
            by_source.setdefault(passage.source, []).extend(held)
    lead = ph(lang)["lead"]
    one = len(by_source) == 1  # one page: it is the answer, so the first line names it
    if not one:
        draft.lines.append(
            lead["pages_head"].format(
                n=len(by_source), pages=_plural(lang, "pages", len(by_source))
            )
        )
    named = {(f.source, f.line): f.partner for f in facts}
    for source, units in by_source.items():
        items = []
        for unit in units[:MAX_LIST_ITEMS]:
            marker = draft.cite(unit.source, unit.first, unit.last, unit.quote)
            items.append(
                f"{named.get((unit.source, unit.first)) or _short(unit.text, 80)} {marker}"
            )
        label = _language_label(known, source, lang)
        page = _page(known, source, lang) + (f" {label}" if label else "")
        key = "pages_one" if one else "pages_item"
        draft.lines.append(lead[key].format(page=page, Page=_cap(page), items="; ".join(items)))
    return draft
