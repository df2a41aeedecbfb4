"""From a message (and the conversation so far) to what to do: the route, the language, the Intent.

Names come from the gazetteer, the rest from assistant.intent; follow-ups
("And in 2009?", "A z Czechami?", "the powiat", "2") are resolved against the
previous turn's state.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from assistant import asks, clauses, coverage, scripts
from assistant.gazetteer import Gazetteer, Match, is_common_word
from assistant.intent import (
    NUMBER_WORDS,
    YEAR,
    Intent,
    Signals,
    find_cues,
    is_hostile,
    is_offtopic,
    other_subjects,
    read_form,
    read_form_text,
    read_limit,
    read_near,
    read_shape,
    read_years,
    sentence_starts,
    stem_missing_a_letter,
    tokenize,
)
from assistant.language import _mask, detect_language, vocabulary_vote
from assistant.periods import read_periods
from assistant.places import continent_countries, seat_adjectives
from assistant.state import TurnState
from assistant.text import fold, split_elisions
from assistant.topics import TopicIndex
from assistant.vocabulary import load


@dataclass
class Units:
    """What the index knows of Polish units: label -> (unit type, number of partnerships)."""

    labels: dict[str, tuple[str, int]]
    by_written: dict[str, str]  # unit as written -> label
    page_owners: frozenset[str] = frozenset()  # units with a page of their own (Olsztyn, Białystok)
    page_named: frozenset[str] = frozenset()  # units whose name some page's text holds
    last_year: int | None = None  # the latest year the tables record
    # owner -> for each partner its page lists: (its names in all languages, its country's names), folded
    page_partners: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = field(
        default_factory=dict
    )
    survey_countries: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # owner -> folded countries
    # set by core._open from the index (assistant/retrieval/vocabulary.py, issue 11):
    page_terms: frozenset[str] = frozenset()  # search terms only the pages explain
    survey_partners: dict[str, frozenset[str]] = field(default_factory=dict)  # owner -> folded
    # owner -> the years its survey rows / its page's partner lines name
    survey_years: dict[str, frozenset[int]] = field(default_factory=dict)
    page_years: dict[str, frozenset[int]] = field(default_factory=dict)
    topics: TopicIndex = field(default_factory=TopicIndex)  # words of the other-form cells
    placed: bool = False  # the index has GeoNames places (voivodeships) for the units
    classifier: object = None  # assistant.shapes.ShapeClassifier, or None when switched off
    locate: object = None  # (name, kind) -> assistant.places.Place | None, from the index
    sources: dict = field(default_factory=dict)  # corpus path -> assistant.sources.Source

    def label(self, written: str) -> str:
        return self.by_written.get(written, written)


@cache
def grammar(role: str) -> tuple:
    """The grammar words of a role (lang/grammar.toml): words and stems as a tuple (in the
    order written: endings are tried so), case pairs as (ending, nominative) tuples."""
    return tuple(tuple(x) if isinstance(x, list) else x for x in load("grammar")[role])


@lru_cache(maxsize=1)
def _powiat_area_pattern() -> re.Pattern:
    """'z powiatu kłodzkiego', 'of powiat prudnicki', 'in the prudnicki county' (folded)."""
    before = "|".join(grammar("area_prepositions"))
    powiat = "|".join(grammar("powiat_words"))
    return re.compile(
        rf"\b(?:{before})\s+(?:the\s+)?(?:{powiat})\s+([^\W\d_]+)"
        rf"|\b(?:{before})\s+(?:the\s+)?([^\W\d_]+)\s+(?:{powiat})\b"
    )


@lru_cache(maxsize=1)
def _in_poland_pattern() -> re.Pattern:
    return re.compile(
        r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in grammar("in_poland")) + r")\b"
    )


@dataclass
class Understanding:
    language: str
    route: str  # table | documents | both | clarify | out_of_scope
    intent: Intent | None = None
    reason: str = ""  # ambiguous | unknown_unit | hostile | no_previous | nothing
    options: list[str] = field(default_factory=list)
    name: str = ""
    followup: bool = False
    signals: Signals | None = None
    matches: list[Match] = field(default_factory=list)
    pick: int | None = None  # "the first one" / "a ten drugi?": 1-based item of the previous answer
    whole: bool = False  # "… what are all its partners?": the picked item's whole list
    foreign_language: str | None = None  # a visitor's language other than Polish or English


_ORDINALS = {"first": 1, "second": 2, "third": 3}
_BARE_NUMBER = re.compile(r"^\s*(?:nr\.?\s*|no\.?\s*|#)?(\d{1,2})\s*[.)]?\s*$", re.IGNORECASE)


def understand(
    message: str, previous: TurnState | None, units: Units, gazetteer: Gazetteer
) -> Understanding:
    text = scripts.latinise_names(
        split_elisions(coverage.strip_courtesy(message.strip())),
        lambda latin: any(m.exact and m.span == (0, len(latin)) for m in gazetteer.find(latin)),
    )
    tokens = tokenize(text)
    signals = Signals(tokens, find_cues(tokens, set()), sentence_starts(text, tokens))
    # A short follow-up in a conversation ("a slupska?") is about partnerships too.
    lenient = _lenient(signals, text) or previous is not None and len(tokens) <= 4
    if not lenient and len(tokens) <= 3:
        # "wałcz niemcy": a terse message naming a country asks about partners there
        lenient = any(m.kind in ("country", "continent") for m in gazetteer.find(text))
    blanked = _without_context(text, gazetteer, lenient)
    if blanked != text:
        text, tokens = blanked, tokenize(blanked)
        signals = Signals(tokens, find_cues(tokens, set()), sentence_starts(text, tokens))
    matches = gazetteer.find(text, lenient=lenient)
    matches += _foreign_inflections(text, tokens, matches, gazetteer)
    matches = _drop_names_inside_topics(tokens, signals, matches)
    subjects = other_subjects(text)  # "bezpośredni lot z Krakowa": no partner Kraków, no cue
    matches = [m for m in matches if not any(a <= m.span[0] < b for a, b in subjects)]
    if not _asks_about_partnerships(signals):
        # A near-miss on an ordinary word ("weather" ~ Werther, "broken" ~ Borken) is not a name;
        # one on a name of two words ("piotrkow trybunalki") is.
        matches = [m for m in matches if m.exact or m.text[:1].isupper() or " " in m.text]
    spans = [m.span for m in matches]
    # With no evidence at all ("🙂", "2"), keep the conversation's language, else the site's (Polish).
    language = (
        detect_language(text, spans)
        or _language_of_names(matches)  # "olkusz italy": the country is named in English
        or (previous.language if previous else "pl")
    )
    foreign = scripts.other_language(text, _mask(text, spans), vocabulary_vote(_mask(text, spans)))
    if foreign:
        language = "en"  # the contract: other languages are answered in English, saying so
    if is_hostile(text):
        return Understanding(language, "out_of_scope", reason="hostile")
    population_filter = any(
        _PLACE_PATTERNS[k].search(text)
        for k in ("over", "under", "similar", "over_people", "under_people")
    )
    named_place = any(m.kind in ("unit", "partner", "country") for m in matches)
    about = named_place and any(signals.has(c) for c in _PARTNERSHIP_NOUNS)
    if is_offtopic(text, about_partnerships=about) and not population_filter:
        # "Jaka jest pogoda w Krakowie?"; but "which of Ustka's partners can I reach by train?"
        # is a partnership question with a part the survey cannot answer (reported)
        return Understanding(language, "out_of_scope", reason="other_topic")

    named = {i for i, t in enumerate(tokens) if any(s <= t.start < e for s, e in spans)}
    in_subjects = {i for i, t in enumerate(tokens) if any(a <= t.start < b for a, b in subjects)}
    signals = Signals(tokens, find_cues(tokens, named | in_subjects), sentence_starts(text, tokens))
    signals.cues["top"] = [span for span in signals.cues.get("top", []) if _ranks(span, tokens)]

    choice = _clarify_choice(text, previous, units, matches)
    if choice:
        intent = previous.intent.model_copy() if previous.intent else Intent()
        intent.units = [choice]
        intent.unit_query = choice
        return Understanding(
            language, "table", intent, followup=True, signals=signals, matches=matches
        )

    intent, problem = _intent_from(text, signals, matches, units, foreign=bool(foreign))
    if problem:
        problem.foreign_language = foreign
        return _with_language(problem, language)
    if intent.unknown_names and not foreign:
        # "Partner towns of Opolanka Mała": an unknown name says nothing of the asker's language.
        unknown = [(text.find(n), text.find(n) + len(n)) for n in intent.unknown_names]
        language = detect_language(text, spans + unknown) or language
    understood = _understood(text, intent, signals, matches, units, language, previous, named)
    understood.foreign_language = foreign
    return understood


# Cues a statement of who asks may hold ("I'm visiting from Genk", "Pracuję w urzędzie gminy
# Kłodzko"); any other (a form, a bound, a partner search) makes it part of the question.
_CONTEXT_CUES = frozenset({"since", "yes_no", "gmina", "powiat"})


def _without_context(text: str, gazetteer: Gazetteer, lenient) -> str:
    """'Mieszkam w Krakowie. Jakie miasta partnerskie ma Gdańsk?', 'I'm visiting from Genk -
    which towns is Cieszyn twinned with?': a statement before the question says who asks. Its
    places are blanked (spaces: offsets stay) when it names one, tells something of its
    own (a word besides names, function words and the cues above, no number), and the question
    names its own unit and points back at nothing ('it', 'tam', 'z nami'). Otherwise the text as
    it is ('My grandmother was born in Lwów. Which towns are twinned with it?', 'Interesują mnie
    gminy z Mazowsza. Które mają partnerów we Francji?')."""
    context = clauses.context_spans(text)
    if not context:
        return text
    asking = "".join(" " if any(a <= i < b for a, b in context) else c for i, c in enumerate(text))
    if not any(m.kind == "unit" for m in gazetteer.find(asking, lenient=lenient)):
        return text
    pointers = set(grammar("context_pointers"))
    if any(fold(t.text) in pointers for t in tokenize(asking)):
        return text
    said = "".join(" " if c != " " and asking[i] != " " else c for i, c in enumerate(text))
    tokens = tokenize(said)
    places = gazetteer.find(said, lenient=lenient)
    cues = find_cues(tokens, set())
    if not places or re.search(r"\d", said) or set(cues) - _CONTEXT_CUES:
        return text
    named = {
        i
        for i, t in enumerate(tokens)
        if any(a <= t.start < b for a, b in (m.span for m in places))
    }
    own = [
        t for i, t in enumerate(tokens) if i not in named and not t.keys & _listed_function_words()
    ]
    if not own:
        return text
    # only the places go: the statement's own words are still said not applied, after the answer
    return "".join(
        " " if any(a <= i < b for a, b in (m.span for m in places)) else c
        for i, c in enumerate(text)
    )


@dataclass
class Asked:
    """What the routing rules look at: the question read so far and what came before."""

    text: str
    intent: Intent
    signals: Signals
    matches: list[Match]
    units: Units
    language: str
    previous: TurnState | None
    named: set[int]

    def to(self, route: str, reason: str = "", intent: Intent | None = None) -> Understanding:
        return Understanding(
            self.language, route, intent, reason=reason, signals=self.signals, matches=self.matches
        )


def _understood(text, intent, signals, matches, units, language, previous, named) -> Understanding:
    asked = Asked(text, intent, signals, matches, units, language, previous, named)
    _unknown_partner_is_a_no(asked)
    for _name, rule in ROUTES:
        routed = rule(asked)
        if routed is not None:
            return routed
    return asked.to("table", intent=intent)


# --------------------------------------------------------------------------- routing rules
# Each rule returns an Understanding when it decides the route, None to pass; the first
# that decides wins. Each has its own test (tests/test_routing.py).


def _unknown_partner_is_a_no(asked: Asked) -> None:
    """'Is Kraków twinned with Kyoto?': a partner the survey does not know is a No, not a drop."""
    intent = asked.intent
    if (
        intent.unknown_names
        and intent.units
        and asked.signals.opens_a_sentence("yes_no")
        and not intent.partners
    ):
        name = intent.unknown_names[0]
        intent.partners, intent.partner_query, intent.shape = [name], name, "yes_no"
        intent.not_applied = [x for x in intent.not_applied if x != name]
        intent.unknown_names = intent.unknown_names[1:]


def follows_a_single_partnership(asked: Asked) -> Understanding | None:
    """'When did it start?', 'Od kiedy?' after an answer of one partnership: that row."""
    previous = asked.previous
    names_another = asked.intent.partners or asked.intent.units  # "a od kiedy ze Stuttgartem?"
    if (
        previous
        and previous.intent
        and _about_the_one(asked.signals, previous)
        and not names_another
    ):
        return _merge_followup(asked.intent, asked.signals, previous, asked.language, asked.matches)
    return None


def asks_when_of_the_list(asked: Asked) -> Understanding | None:
    """'When were they signed?' after a list of partnerships: the years are in that list's rows,
    so it comes again, oldest first (not the pages' dates)."""
    previous, signals = asked.previous, asked.signals
    if not (previous and previous.intent and previous.route == "table"):
        return None
    if previous.intent.shape not in ("list", "yes_no") or not signals.has("since_when"):
        return None
    if asked.matches:
        return None
    if len(signals.tokens) > 6:
        return None
    intent = previous.intent.model_copy(deep=True)
    intent.order, intent.not_applied = "year_asc", []
    understood = asked.to("table", intent=intent)
    understood.followup = True
    return understood


def names_only_unknown_places(asked: Asked) -> Understanding | None:
    """'partners of Atlantis': a place nobody knows is said to be unknown, never fuzzed."""
    i = asked.intent
    if i.unknown_names and not (
        i.units or i.partners or i.countries or i.compare_units or i.topics
    ):
        return asked.to("out_of_scope", "unknown_place", i)
    if i.unknown_unit and not (i.units or i.partners or i.compare_units):
        # "partnerstwa powiatu zgorzeleckiego": the unit asked about is not in the survey, so
        # no list of everyone else's partnerships comes back in its place
        return asked.to("out_of_scope", "unknown_place", i)
    return None


def asks_about_pages(asked: Asked) -> Understanding | None:
    """Page content, a partner only a page lists, several page owners: the pages (or both).
    What only the survey's rows hold (a topic of the other-form cells, a voivodeship) stays
    with the survey unless a page's own city is named."""
    i = asked.intent
    previous = asked.previous
    if previous and previous.route == "table" and _picked(asked.signals) and not asked.matches:
        return None  # "tell me about the second one": an item of the list before
    survey_words = (
        _partnership_words(asked.signals)
        or asked.signals.has("gmina")
        or (asked.signals.has("powiat"))
    )
    own_city = set(i.units) & set(asked.units.page_owners)
    measured = (
        i.within_km is not None
        or i.shape in ("nearest", "similar")
        or (i.population_over is not None or i.population_under is not None)
        or (i.min_partnerships is not None or i.max_partnerships is not None)
    )
    filtering_topics = i.topics and not _topics_asked_for(asked.signals, i)
    if (i.regions or measured or filtering_topics and survey_words) and not own_city:
        return None
    # words of a sentence that asks nothing ("Dzień dobry, piszę z urzędu.", "I work for a
    # county office.") are context: they send no table question to the pages
    ignored = asked.named | _aside_tokens(asked.text, asked.signals)
    return _route_to_pages(i, asked.signals, asked.units, asked.language, asked.matches, ignored)


def _topics_asked_for(signals: Signals, intent: Intent) -> bool:
    """'w ramach jakiego programu…?', 'which programme…': every topic word stands right after a
    question word, so the question asks for the thing's name, and filters no rows by it."""
    ends = {b for _a, b in signals.cues.get("question_word", [])}
    starts = {
        i for words in intent.topic_words for i, t in enumerate(signals.tokens)
        if t.text == words.split()[0]
    }  # fmt: skip
    return bool(starts) and starts <= ends


def _aside_tokens(text: str, signals: Signals) -> set[int]:
    spans = []
    for sentence in clauses.asides(text):
        at = text.find(sentence)
        if at >= 0:
            spans.append((at, at + len(sentence)))
    return {i for i, t in enumerate(signals.tokens) if any(a <= t.start < b for a, b in spans)}


def refines_the_previous_answer(asked: Asked) -> Understanding | None:
    """'And in 2009?', 'and Wrocław?', 'only formal ones', 'how many is that?'."""
    if _is_followup(asked.intent, asked.signals, asked.matches, asked.previous):
        merged = _merge_followup(
            asked.intent, asked.signals, asked.previous, asked.language, asked.matches
        )
        owners = set(asked.units.page_owners)
        if asked.previous.route == "documents" and set(merged.intent.units) & owners:
            merged.route = "documents"  # "a które z nich są w Rosji?" after a city page's list
        return merged
    return None


def asks_for_everything(asked: Asked) -> Understanding | None:
    """A list of every partnership with no filter but a unit type ('Who helps towns find a
    partner?') is no table question; the pages may still answer it."""
    i = asked.intent
    only_a_type = i.model_copy(update={"unit_type": None})
    if not only_a_type.has_filters() and i.shape == "list" and not asked.signals.has("show_all"):
        return asked.to("out_of_scope", "nothing")
    return None


def asks_about_another_topic(asked: Asked) -> Understanding | None:
    """'Jaka będzie jutro pogoda w Krakowie?': a place we know, but not about partnerships."""
    i = asked.intent
    if (
        not _partnership_words(asked.signals)
        and not i.topics
        and i.shape not in ("nearest", "similar", "compare")
        and not i.place_words  # "powyżej 20 tysięcy mieszkańców": a size the plan applies
        and not (i.units and _partnership_words(asked.signals))
        and _foreign_words(asked.signals, asked.named)
    ):
        return asked.to("out_of_scope", "other_topic")
    return None


ROUTES = [
    ("follows_a_single_partnership", follows_a_single_partnership),
    ("asks_when_of_the_list", asks_when_of_the_list),
    ("asks_about_pages", asks_about_pages),
    ("names_only_unknown_places", names_only_unknown_places),
    ("refines_the_previous_answer", refines_the_previous_answer),
    ("asks_for_everything", asks_for_everything),
    ("asks_about_another_topic", asks_about_another_topic),
]


_DOMAIN_CUES = ("partnership", "count", "top", "group_country", "partner_search", "agreement",
                "letter_of_intent", "gmina", "powiat", "show_all", "which_of_them")  # fmt: skip


def _lenient(signals: Signals, text: str) -> bool:
    """A lower-case word that is also an ordinary Polish word ("łódź", "rybnik", "ruda") may be
    a name in a question about partnerships; English homographs of names ("down", "most",
    "nice") are kept out by the gazetteer's list of them (lang/names.toml [ambiguous])."""
    return _asks_about_partnerships(signals)


def _looks_english(text: str) -> bool:
    polish, english = vocabulary_vote(text)
    return english > polish


def _asks_about_partnerships(signals: Signals) -> bool:
    return any(signals.has(c) for c in _DOMAIN_CUES)


_PARTNERSHIP_CUES = ("partnership", "agreement", "letter_of_intent", "partner_search", "no_data",
                     "other_form", "domestic", "which_of_them", "show_all")  # fmt: skip


# What says in so many words that a question is about partnerships (not "recommend", "ile").
_PARTNERSHIP_NOUNS = ("partnership", "agreement", "letter_of_intent", "other_form")


def _partnership_words(signals: Signals) -> bool:
    return any(signals.has(c) for c in _PARTNERSHIP_CUES)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    known: set[str] = set()
    for lang in ("pl", "en"):
        known.update(fold(w) for w in load(lang).get("vocabulary", {}).get("words", []))
    for phrases in load("cues")["cues"].values():
        known.update(w for p in phrases for w in fold(p).split())
    return frozenset(known)


def _foreign_words(signals: Signals, named: set[int]) -> list[str]:
    """Words of the question that are neither names, nor numbers, nor words the assistant knows."""
    known = _known_words()
    return [
        t.text
        for i, t in enumerate(signals.tokens)
        if i not in named and not t.text.isdigit() and not (t.keys & known) and len(t.text) > 2
    ]


def _foreign_inflections(
    text: str, tokens, matches: list[Match], gazetteer: Gazetteer
) -> list[Match]:
    """Capitalised words the gazetteer missed, retried without a Polish case ending."""
    covered = [m.span for m in matches]
    found: list[Match] = []
    for k, t in enumerate(tokens):
        # capitalised, or after a preposition that inflects it ("z bardejovem", "s ostravou")
        slot = t.text[:1].isupper() or (
            k > 0
            and fold(tokens[k - 1].text) in grammar("case_prepositions")
            and not coverage.polish_analyses(t.text)  # "w sumie" is no "Sumy"
        )
        if not slot or len(t.text) < 5 or any(s <= t.start < e for s, e in covered):
            continue
        if is_common_word(t.text):
            continue  # "piszę z urzędu" is a verb, not Pisz in a case
        for ending in grammar("case_endings"):
            if not t.text.endswith(ending):
                continue
            stem = t.text[: -len(ending)]
            hits = []
            for tail in grammar("nominative_endings"):
                name = stem + tail
                hits = [
                    m
                    for m in gazetteer.find(name)
                    if m.kind in ("partner", "unit") and m.exact and m.text == name
                ]
                if hits:
                    break
            if hits:
                found += [
                    Match(m.kind, m.key, m.units, (t.start, t.end), t.text, False, 0.9, m.name)
                    for m in hits
                ]
                break
    return found + _cyrillic_pairs(tokens, [*covered, *(m.span for m in found)], gazetteer)


def _cyrillic_pairs(tokens, covered: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Match]:
    """Two capitalised Cyrillic words the gazetteer missed, each retried in the nominative."""
    found: list[Match] = []
    for first, second in zip(tokens, tokens[1:], strict=False):
        words = (first.text, second.text)
        if not all(w[:1].isupper() and scripts.has_cyrillic(w) for w in words):
            continue
        if any(s <= t.start < e for s, e in covered for t in (first, second)):
            continue
        options = [
            {
                w,
                *(
                    w[: -len(end)] + tail
                    for end, tail in grammar("cyrillic_cases")
                    if w.endswith(end)
                ),
            }
            for w in words
        ]
        for a, b in itertools.product(*options):
            hits = [
                m for m in gazetteer.find(f"{a} {b}") if m.kind in ("unit", "partner") and m.exact
            ]
            if hits:
                span, text = (first.start, second.end), f"{first.text} {second.text}"
                found += [
                    Match(m.kind, m.key, m.units, span, text, False, 0.9, m.name) for m in hits
                ]
                break
    return found


def _drop_names_inside_topics(tokens, signals: Signals, matches: list[Match]) -> list[Match]:
    """'Europe for Citizens' is a programme, not the country 'Europa': a multi-word topic beats a name."""
    covered = [
        (tokens[a].start, tokens[b - 1].end)
        for a, b in signals.cues.get("documents", [])
        if b - a > 1
    ]
    return [m for m in matches if not any(s <= m.span[0] < e for s, e in covered)]


def _route_to_pages(
    intent: Intent, signals: Signals, units: Units, language: str, matches, named: set[int]
) -> Understanding | None:
    """Questions the pages answer: about page content (words that only the indexed pages hold:
    associations, joint activities, programmes, the map), about a partner only a page lists, or
    about several page owners at once; both sources when it compares or asks how a partnership
    is documented. A pair or unit the survey holds stays with the survey, "since when" included."""

    from assistant.answer_types import classify

    def to(route: str, reason: str = "") -> Understanding:
        return Understanding(
            language, route, intent, reason=reason, signals=signals, matches=matches
        )

    page_words = _page_words(signals, named, units)
    owners = {fold(o) for o in units.page_owners}
    if len({fold(n) for n in intent.units + intent.partners} & owners) >= 2:
        return to("documents", "several")  # "partners of both Olsztyn and Białystok"
    if classify(" ".join(t.text for t in signals.tokens), language) == "pages":
        return to("documents", "several")  # "Which pages mention Russian cities?"
    owner = next((u for u in intent.units if u in units.page_owners), None)
    if owner:
        both_sources = signals.has("survey") and signals.has("page")
        if signals.has("compare") or signals.has("documentation") or both_sources:
            return to("both", "compare")
        if page_words or signals.has("page_detail") or _unexplained(signals, named):
            return to("documents", "detail")
        if signals.has("page"):
            return to("documents", "detail")  # "… według strony miasta": the city's own page
        if intent.year in units.page_years.get(owner, frozenset()) - units.survey_years.get(
            owner, frozenset()
        ):
            return to("documents")  # "… sign a letter of intent with in 2010": only the page
        listed = units.page_partners.get(owner, [])
        asked = set(map(fold, intent.partners))
        if asked & units.survey_partners.get(owner, frozenset()):
            return None  # a pair the survey holds: the survey answers, since when included
        if asked and any(names & asked for names, _ in listed):
            return to("documents")  # a partner only the page lists (Bornova, Yehud)
        wanted = {fold(c) for c in intent.countries}
        on_page = wanted and any(countries & wanted for _, countries in listed)
        in_survey = wanted & units.survey_countries.get(owner, frozenset())
        if on_page and not in_survey:
            return to("documents")  # "Czy Białystok ma partnera w Izraelu?": only the page knows
        return None
    on_pages = set(intent.units) & units.page_named or not _partnership_words(signals)
    if intent.units and page_words and on_pages:
        return to("documents", "detail")  # associations, visits, networks: only pages tell
    listed = [names for partners in units.page_partners.values() for names, _ in partners]
    asked = set(map(fold, intent.partners))
    on_a_page = asked and any(names & asked for names in listed)
    if not intent.units and on_a_page and (page_words or signals.has("page_detail")):
        return to("documents", "detail")  # "Kiedy odnowiono list intencyjny z Jełgawą?"
    if intent.units or intent.partners:
        return None
    if intent.countries == ["Europa"]:
        return to("documents")  # "partnerships in Europe": the European network, not 'Europa' rows
    if intent.shape == "count" and not intent.has_filters() and signals.has("general"):
        return to("documents")  # "How many partnerships do Polish local governments have?"
    if page_words or signals.has("documents"):
        return to("documents")  # "the Polish-German map", "Europe for Citizens"
    if intent.shape == "rank" and not intent.countries:
        return to("documents")  # looking for a partner, no country: how ZMP helps to find one
    if signals.has("since_when") and not (intent.countries or intent.form or _has_years(intent)):
        return to("documents")
    return None


def _page_words(signals: Signals, named: set[int], units: Units) -> list[str]:
    """Question words that only the indexed pages explain (their vocabulary, from ingestion)."""
    from assistant.retrieval.vocabulary import page_words

    # Words the query plan used (names, cue phrases) or that carry nothing (function words:
    # "established", "based") point nowhere; the rest may be what only the pages explain.
    # The question vocabulary of lang/pl.toml and en.toml holds page words too ('stowarzyszenie',
    # 'association'): only the listed function words of lang/coverage.toml are left out here.
    cued = {i for spans in signals.cues.values() for a, b in spans for i in range(a, b)}
    free = [
        t.text
        for i, t in enumerate(signals.tokens)
        if i not in named and i not in cued and not t.keys & _listed_function_words()
    ]
    return page_words(free, units.page_terms)


def _ranks(span: tuple[int, int], tokens) -> bool:
    """'top 5', 'the top countries', 'top partners'; not 'a football club in the top league'."""
    if fold(tokens[span[0]].text) != "top" or span[1] - span[0] > 1 or span[1] == len(tokens):
        return True
    following = tokens[span[1]]
    domain = grammar("ranked_stems")
    return (
        following.text.isdigit()
        or fold(following.text) in NUMBER_WORDS
        or any(k.startswith(domain) for k in following.keys)
    )


@lru_cache(maxsize=1)
def _listed_function_words() -> frozenset[str]:
    lists = load("coverage").get("function_words", {}).values()
    return frozenset(fold(w) for ws in lists for w in ws)


def _has_years(intent: Intent) -> bool:
    return intent.year is not None or intent.year_from is not None or intent.year_to is not None


def _unexplained(signals: Signals, named: set[int]) -> bool:
    """Content words the table cannot explain ('exhibitions', 'Virginia', 'representative');
    words that carry no constraint ('according', 'actually') explain nothing either way."""
    function = {t.text for t in signals.tokens if coverage.is_listed_function_word(t)}
    return any(w not in function for w in _foreign_words(signals, named))


def _language_of_names(matches: list[Match]) -> str | None:
    """The language the countries are named in, when the message says nothing else."""
    table = load("countries")
    votes = {"pl": 0, "en": 0}
    for m in matches:
        data = table.get(m.key) if m.kind == "country" else None
        if not isinstance(data, dict):
            continue
        if m.name in [data.get("en"), *data.get("en_aliases", [])]:
            votes["en"] += 1
        elif m.name in [m.key, *data.get("pl_aliases", []), *data.get("pl_adjectives", [])]:
            votes["pl"] += 1
    if votes["en"] != votes["pl"]:
        return max(votes, key=votes.get)
    return None


def _with_language(u: Understanding, language: str) -> Understanding:
    u.language = language
    return u


def _intent_from(
    text: str, signals: Signals, matches: list[Match], units: Units, *, foreign: bool = False
) -> tuple[Intent, Understanding | None]:
    intent = Intent()
    by_example = False  # the shape came from the nearest example questions
    signals.cues = _without_foreign_unit_words(signals, matches)
    unit_match, partner_matches, countries = _assign(text, matches)
    if unit_match is None and countries - {"Polska"}:
        # "American cities partnered with Gdynia": with a foreign country asked for,
        # a name that can be a Polish unit is the unit, not a partner.
        unit_match, partner_matches = _unit_instead_of_partner(matches, partner_matches, unit_match)
    compared = _compared_units(matches, signals, units)
    if compared:
        labels, spans = compared
        intent.compare_units = labels
        partner_matches = [m for m in partner_matches if m.span not in spans]
        unit_match = None
        if signals.has("shared"):  # not a comparison: the partners they all have
            intent.units, intent.compare_units, intent.shared_partners = labels, [], True
    countries = _polish_side(text, matches, signals, countries, partner_matches)
    intent.foreign = signals.has("foreign") and not signals.has("domestic") and not countries
    intent.unit_type = _unit_type(signals, unit_match)
    if intent.compare_units:
        intent.unit_type = None  # "które z tych miast", "z większą liczbą miast": the units named
    ambiguous: list[str] = []
    if unit_match:
        labels = sorted({units.label(u) for u in unit_match.units})
        # The unit's own name is no evidence for a qualifier ("Świdnicy" ~ "pow. świdnicki").
        rest = text[: unit_match.span[0]] + " " + text[unit_match.span[1] :]
        narrowed = _narrow(labels, rest, intent.unit_type, units, before=text[: unit_match.span[0]])
        if len(narrowed) == 1 and len(labels) > 1:
            # Words that picked the unit ("Czernichów w powiecie żywieckim") are not a partner.
            qualifier = fold(narrowed[0].split("(", 1)[-1])
            partner_matches = [
                m for m in partner_matches if not _shares_stem(fold(m.text), qualifier)
            ]
        if len(narrowed) > 1:
            ambiguous = narrowed
        else:
            intent.units = narrowed
            if intent.unit_type and units.labels.get(narrowed[0], ("",))[0] != intent.unit_type:
                intent.unit_type = None
        intent.unit_query = unit_match.text
    also = _units_listed_after(text, unit_match, partner_matches, matches) if intent.units else []
    if also:
        # "partnerzy darłowa i szczawnicy", "partners of Gdańsk and Gdynia": both units' lists
        spans = {m.span for m in also}
        partner_matches = [m for m in partner_matches if m.span not in spans]
        intent.units = [*intent.units, *(units.label(u) for m in also for u in m.units)]
    area = _powiat_area(text, signals, units)
    if area:
        # "Które gminy z powiatu kłodzkiego …": its gminas, not the powiat's own rows
        phrase, adjective, labels = area
        intent.units, intent.unit_type, intent.unit_query = labels, "gmina", phrase
        intent.within_powiat = f"pow. {adjective}"
        intent.place_words.append(phrase)
        ambiguous = []
        partner_matches = [m for m in partner_matches if fold(m.text) not in fold(phrase)]
    if partner_matches:
        intent.partners = sorted({m.key for m in partner_matches})
        intent.partner_query = partner_matches[0].name or partner_matches[0].text
    intent.countries = sorted(countries)
    placed_spans = _places(intent, text, matches, units)
    place_shape = intent.shape if intent.shape in ("nearest", "similar") else None
    if placed_spans:
        # "within 30 km of Nowy Sącz": the centre is a place to measure from, not the unit.
        if unit_match and unit_match.span in placed_spans:
            unit_match, intent.units, intent.unit_query = None, [], None
            intent.unit_type = _unit_type(signals, None)  # "gminas within 30 km of Nowy Sącz"
        intent.partners = sorted({m.key for m in partner_matches if m.span not in placed_spans})
        intent.countries = sorted(
            {m.key for m in matches if m.kind == "country" and m.span not in placed_spans}
            & set(intent.countries)
        )
    _exclusions(intent, text, matches)
    if intent.exclude_countries:
        signals.cues = _without_filter_heads(signals, "group_country")
    if intent.exclude_units and not intent.units and not intent.unit_type:
        intent.unit_type = _unit_type(
            signals, None
        )  # "gminas in Belarus, excluding Biała Podlaska"
    bound = _partnership_bounds(intent, text)
    if bound:
        # "co najmniej 6 partnerów" is a bound, not "the fewest" (najmniej)
        signals.cues = _without_cues_inside(signals, bound, ("fewest", "top", "more"))
    _partner_intersection(intent, text, signals, partner_matches, placed_spans)
    if len(intent.countries) >= 2 and not intent.compare_units:
        if asks.asks_comparison(signals) and not signals.has("every"):
            intent.compare_countries, intent.countries = intent.countries, []
        elif signals.has("every") or _each_of(text):
            intent.every_country = True  # "partners in both Germany and France"
    years_text = text
    for phrase in intent.place_words:  # "poniżej 2000 mieszkańców" is a size, not a year
        years_text = years_text.replace(phrase, " " * len(phrase))
    for key, value in read_years(years_text, signals).items():
        setattr(intent, key, value)
    compared_years = _compared_years(years_text, signals)
    if compared_years and not (intent.compare_units or intent.compare_countries):
        intent.compare_years, intent.year, intent.year_from, intent.year_to = (
            compared_years,
            None,
            None,
            None,
        )
    intent.not_applied += _years_not_applied(intent, years_text)
    periods = read_periods(years_text)
    if periods and (intent.year_from, intent.year_to) == (periods[0].year_from, periods[0].year_to):
        intent.period_words.append(text[periods[0].span[0] : periods[0].span[1]])
        # "the 70s and the 90s": one period is applied, the others are said not to be
        intent.not_applied += [text[p.span[0] : p.span[1]] for p in periods[1:]]
    intent.form = read_form(signals)
    intent.shape = read_shape(
        signals, bool(intent.countries), bool(intent.units or ambiguous), bool(intent.partners)
    )
    if intent.shape in ("group_country", "group_unit") and signals.has("top"):
        intent.limit = read_limit(text)  # "top 10 countries", "pięć krajów z największą liczbą"
    intent.form_text = read_form_text(signals)
    if intent.shape == "rank":
        _place_to_be_near(intent, text, partner_matches)
        if not intent.units and intent.unit_type is None:
            intent.unit_type = _unit_type(signals, None)
        if intent.near and intent.centre_lat is None and units.locate is not None:
            # "near Žilina": rank by distance from it too (GeoNames coordinates via the index)
            at = text.find(intent.near.split()[0])
            _span, place = _centre(text, at, matches, units) if at >= 0 else (None, None)
            if place is not None:
                intent.centre, intent.centre_lat, intent.centre_lon = (
                    place.name,
                    place.lat,
                    place.lon,
                )
    intent.show_all = signals.has("show_all")
    if place_shape:
        intent.shape = place_shape  # "closest to Lviv", "of similar size to Hrubieszów"
    elif intent.compare_units or intent.compare_countries or intent.compare_years:
        intent.shape = "compare"
        intent.measure = asks.read_measure(signals)  # type: ignore[assignment]
        if (
            intent.compare_units
            and signals.has("group_country")
            and intent.measure == "partnerships"
        ):
            intent.measure = "countries"  # "who has partners in more countries, X or Y?"
    elif intent.shape != "rank":
        asks_countries = (
            signals.has("group_country")
            and (
                not intent.countries
                or len(intent.countries) >= 2
                and asks.asks_which_country(signals)
            )
            or _chosen_among_countries(intent, signals, matches)
        )  # "Of Hungary, Lithuania and Italy, which country has the fewest…": one of those
        asks.apply_shape(intent, signals, group_by_country=asks_countries)
        if units.classifier is not None and not any(signals.has(c) for c in _SHAPE_CUES):
            by_example = _shape_by_example(intent, text, matches, units)
    if signals.has("share"):
        # "What percentage of Kraków's partnerships are formal agreements?": a part of a whole
        intent.share_of = next(
            (name for name, on in (("form", intent.form), ("country", intent.countries),
                                   ("topic", intent.topics), ("unit_type", intent.unit_type))
             if on),
            None,
        )  # fmt: skip
        if intent.share_of:
            intent.shape = "share"
    bounded = intent.min_partnerships is not None or intent.max_partnerships is not None
    bounded = bounded or bool(intent.units_without_countries) or intent.units_without_foreign
    if bounded and intent.shape in ("list", "count", "yes_no"):
        intent.shape = "group_unit"  # "which towns have more than 10 partners?": the units
    _account(intent, text, signals, matches, units, foreign, explained=by_example)
    if intent.shape == "list" and _asks_yes_or_no(signals, intent, text):
        intent.shape = "yes_no"  # "Czy jakaś gmina z Mazowsza współpracuje z Portugalią?"
    elif _claims_more(intent, signals, text):
        intent.claim = "fewer" if signals.has("less") else "more"  # "czy A ma więcej niż B?"
        _in_the_order_named(intent, matches)
    elif _claims_a_leader(intent, signals, text):  # "Is Kraków the town with the most partners?"
        _superlative_claim(intent, signals, units)
    _after_the_data(intent, units, text)
    if ambiguous:
        # Ask which unit is meant; the rest of the question is kept for the answer to the choice.
        return intent, Understanding(
            "", "clarify", intent, reason="ambiguous", options=ambiguous,
            name=unit_match.text, signals=signals, matches=matches,
        )  # fmt: skip
    return intent, None


def _in_the_order_named(intent: Intent, matches: list[Match]) -> None:
    """The compared units or countries in the order the question names them."""
    first = {}
    for m in sorted(matches, key=lambda m: m.span):
        for key in (*m.units, m.key):
            first.setdefault(key, m.span[0])
    for field_name in ("compare_units", "compare_countries"):
        names = getattr(intent, field_name)
        setattr(intent, field_name, sorted(names, key=lambda n: first.get(n, len(first) + 1)))


def _claims_more(intent: Intent, signals: Signals, text: str) -> bool:
    """'czy A ma więcej partnerów niż B?' claims something of A; 'more in 1995 or 2005?' asks
    which."""
    return (
        intent.shape == "compare"
        and signals.has("more")
        and signals.has("than")
        and _asks_yes_or_no(signals, intent, text)
    )


def _claims_a_leader(intent: Intent, signals: Signals, text: str) -> bool:
    return (
        intent.shape == "extreme"
        and intent.extreme in ("most", "fewest")
        and _asks_yes_or_no(signals, intent, text)
    )


def _superlative_claim(intent: Intent, signals: Signals, units: Units) -> None:
    """'Is Germany the most common partner country?', 'czy Kraków ma najwięcej partnerów w
    Polsce?': the one named is what the ranking is checked for, not a filter of it."""
    countries = [c for c in intent.countries if c != "Polska"]  # "w Polsce": among Polish units
    if signals.has("group_country") and not intent.units and len(countries) == 1:
        intent.claim_top, intent.countries, intent.group_by = countries[0], [], "country"
    elif len(intent.units) == 1 and intent.group_by in (None, "unit"):
        unit = intent.units[0]
        intent.claim_top, intent.units, intent.unit_query = unit, [], None
        intent.countries, intent.group_by = countries, "unit"
        if intent.unit_type is None and unit in units.labels:
            intent.unit_type = units.labels[unit][0]  # ranked among units of its kind


def _asks_yes_or_no(signals: Signals, intent: Intent, text: str) -> bool:
    """A yes/no question about rows the plan filters (not only a unit type):
    - opening with 'czy', 'is there', 'does any', 'ar' (not 'Do których…', and no request put
      politely: 'czy możesz podać…', 'can you…');
    - or asked with no question word at all, with a verb of having or being, or an indefinite
      word ('sosnowiec ma kogoś w czechach?', 'any italian twin town for pszczyna?')."""
    if not intent.model_copy(update={"unit_type": None}).has_filters():
        return False
    words = load("cues")["clauses"]
    folded = [fold(t.text) for t in signals.tokens]
    indefinites = set(words["indefinites"])
    if signals.opens_a_sentence("yes_no"):
        cue_end = next(
            b for a, b in signals.cues["yes_no"] if a == 0 or a in signals.sentence_starts
        )
        after = folded[cue_end] if cue_end < len(folded) else ""
        if signals.first("question_word") == 1 and after not in indefinites:
            return False  # "Do których partnerów…": a list
        following = " ".join(folded[cue_end : cue_end + 2])
        polite = words["polite_requests"]
        return not any(following == p or following.startswith(p + " ") for p in polite)
    openings = set(words["yes_no_openings"])
    asking = {w for w in words["questions"] if " " not in w} - openings
    asking |= {fold(w) for w in load("cues")["cues"]["question_word"]}
    if set(folded) & asking:  # as typed: "kogoś", "jakiś" are no typos of "kto", "jaki"
        return False
    joined = f" {' '.join(folded)} "
    if any(f" {w} " in joined for w in words["questions"] if " " in w and w not in openings):
        return False  # "Z kim współpracuje Kraków?", "since when…"
    asked = text.rstrip().endswith("?") or bool(set(folded) & indefinites)
    return asked and bool(set(folded) & (set(words["predicates"]) | indefinites))


# "i z Węgrami, i z Rumunią", "i na Litwie i w Estonii", "w Holandii oraz w Belgii":
# a conjunction before each country, or "oraz" with the preposition repeated, asks for both.
_EACH_OF = re.compile(
    r"\b(?:i|oraz)\s+(?:z|ze|w|we|na)\s+\w+.*\b(?:i|oraz)\s+(?:z|ze|w|we|na)\s+\w+"
    r"|\w+\s+oraz\s+(?:z|ze|w|we|na)\s+\w+"
)


def _each_of(text: str) -> bool:
    return bool(_EACH_OF.search(fold(text)))


# Cue names that say what a question asks; with none of them, the examples are asked.
_SHAPE_CUES = ("count", "top", "fewest", "oldest", "newest", "more",
               "group_country", "group_unit", "per_year", "per_decade", "per_form", "per_type",
               "sort_year", "partner_search", "show_all", "first", "second", "third",
               "which_of_them", "more_about", "since_when")  # fmt: skip


def _shape_by_example(intent: Intent, text: str, matches: list[Match], units: Units) -> bool:
    """No cue said what is asked: the nearest example questions may (assistant/shapes.py).
    True when they set the shape (the words that said it are then explained)."""
    from assistant.shapes import mask

    label = units.classifier.classify(mask(text, [m.span for m in matches]))
    before = intent.shape
    if label in ("oldest", "newest"):
        intent.shape, intent.extreme = "extreme", label
    elif label in ("most", "fewest"):
        intent.shape, intent.extreme = "extreme", label
        intent.group_by = "unit" if intent.countries or intent.units else "country"
    elif label == "count":
        intent.shape = "count"
    elif label == "group_country" and not intent.countries:
        intent.shape = "group_country"
    elif label == "group_year":
        intent.shape = "group_year"
    return intent.shape != before


def _unit_type(signals: Signals, unit_match: Match | None) -> str | None:
    """'powiats', 'gminas', 'towns or counties' (both), 'gminas (not powiats)'."""
    gmina_words, powiat = _own_gmina_words(signals), signals.has("powiat")
    negated = [cue for cue in ("powiat", "gmina") if _negated_cue(signals, cue)]
    if negated == ["powiat"] and signals.has("gmina") or negated == ["gmina"] and powiat:
        return "gmina" if negated == ["powiat"] else "powiat"  # "powiats, and not gminas"
    if powiat and signals.has("gmina") and _joined_by_or(signals):
        return None  # "towns or counties", "gminy i powiaty": both tables
    if gmina_words and powiat:
        if negated == ["powiat"]:
            return "gmina"
        if negated == ["gmina"]:
            return "powiat"
        if _joined_by_or(signals):
            return None  # "towns or counties", "gminy i powiaty": both tables
    if powiat and not gmina_words:
        return "gmina" if _negated_cue(signals, "powiat") else "powiat"
    if gmina_words and not powiat and not unit_match:
        return "gmina"
    return None


def _negated_cue(signals: Signals, cue: str) -> bool:
    """'(not powiats)', 'bez powiatów', 'excluding counties': a negation right before the cue."""
    for a, _b in signals.cues.get(cue, []):
        window = signals.tokens[max(0, a - 2) : a]
        if (
            any(
                any(x <= j < y for x, y in signals.cues.get("negation", []))
                for j in range(max(0, a - 2), a)
            )
            and window
        ):
            return True
    return False


def _joined_by_or(signals: Signals) -> bool:
    """A gmina word and a powiat word joined by 'or' / 'and' / 'i' / 'lub' / 'oraz'."""
    spans = sorted(signals.cues.get("gmina", []) + signals.cues.get("powiat", []))
    for (_a, b), (c, _d) in zip(spans, spans[1:], strict=False):
        between = {fold(t.text) for t in signals.tokens[b:c]}
        if c - b <= 2 and between & {"or", "and", "i", "lub", "albo", "oraz", "a", "and/or"}:
            return True
    return False


def _written_years(text: str) -> list[int]:
    """The four-digit years a text writes, in order."""
    return [int(m.group()) for m in re.finditer(rf"\b{YEAR}\b", text)]


def _years_not_applied(intent: Intent, text: str) -> list[str]:
    """Years written that the plan's year filter does not use ('z 1990 lub 1995' filters on
    one): said, never dropped. A strict bound uses the year beside its own ('po 2005' is from
    2006)."""
    used = set(intent.compare_years)
    for year in (intent.year, intent.year_from, intent.year_to):
        if year is not None:
            used |= {year - 1, year, year + 1}
    written = dict.fromkeys(_written_years(text))
    return [str(y) for y in written if y not in used] if used else []


def _compared_years(text: str, signals: Signals) -> list[int]:
    """'W którym roku więcej partnerstw: w 2005 czy w 2008?', 'more in 1995 or 2005?': two or
    more years with 'or' and a more / most word, not a range ('between 2005 and 2008')."""
    years = _written_years(text)
    if len(set(years)) < 2 or signals.has("between") or not signals.has("either"):
        return []
    if not any(signals.has(c) for c in ("more", "top", "fewest")):
        return []
    return list(dict.fromkeys(years))


def _compared_units(
    matches: list[Match], signals: Signals, units: Units
) -> tuple[list[str], set[tuple[int, int]]] | None:
    """'Kraków or Wrocław: who has more partners?': two or more Polish units set side by side."""
    unit_spans: dict[tuple[int, int], Match] = {}
    for m in matches:
        if m.kind == "unit":
            unit_spans.setdefault(m.span, m)
    compared = asks.asks_comparison(signals) or asks.asks_choice_among(signals)
    if len(unit_spans) < 2 or not (compared or signals.has("shared")):
        return None
    labels = []
    for m in unit_spans.values():
        options = sorted({units.label(u) for u in m.units})
        plain = [o for o in options if "(" not in o]
        labels.append((plain or options)[0])
    return list(dict.fromkeys(labels)), set(unit_spans)


def _partner_intersection(intent: Intent, text: str, signals: Signals, partner_matches,
                          placed: set) -> None:  # fmt: skip
    """Several partners named: 'towns that partner with both Lviv and Lutsk' asks for the units
    with each (a group per named place); without 'both' the rows with any of them, and the
    answer names them all."""
    spans: dict[tuple[int, int], set[str]] = {}
    names: dict[tuple[int, int], str] = {}
    own = {fold(u) for u in intent.units} | {fold(intent.unit_query or "")}
    for m in partner_matches:
        if m.span in placed or m.key not in intent.partners or fold(m.text) in own:
            continue  # "Kraków–Leipzig or Kraków–Nürnberg": Kraków again is the unit
        if any(m.key in keys for span, keys in spans.items() if span != m.span):
            continue  # the same place named twice ("born in Kamieniec Podolski … with Kamieniec")
        spans.setdefault(m.span, set()).add(m.key)
        names.setdefault(m.span, m.name or text[m.span[0] : m.span[1]])
    if len(spans) < 2:
        return
    named = [names[span] for span in sorted(spans)]
    intent.partner_query = ", ".join(named)
    if signals.has("every") or _each_of(text):
        intent.partner_groups = [sorted(keys) for _span, keys in sorted(spans.items())]


def _after_the_data(intent: Intent, units: Units, text: str) -> None:
    """'still active in 2020', 'signed in 2015': a year after the last the tables record is no
    filter the survey can answer (it would empty any list): said, and the answer is without it."""
    last = units.last_year
    asked = [y for y in (intent.year, intent.year_from) if y is not None]
    if last is None or not asked or min(asked) <= last:
        return
    written = [y for y in _written_years(text) if y > last]
    intent.not_applied.append(str(written[0] if written else min(asked)))  # as typed
    intent.after_data, intent.year, intent.year_from = last, None, None
    if intent.year_to is not None and intent.year_to > last:
        intent.year_to = None


def _account(
    intent: Intent,
    text: str,
    signals: Signals,
    matches: list[Match],
    units: Units,
    foreign: bool,
    explained: bool = False,
) -> None:
    """Coverage: topics and regions read from the words nothing else used; the rest reported."""
    spans = [m.span for m in matches]
    consumed = {i for i, t in enumerate(signals.tokens) if any(s <= t.start < e for s, e in spans)}
    for cue_spans in signals.cues.values():
        consumed.update(i for a, b in cue_spans for i in range(a, b))
    _regions(intent, text, signals, matches, units, consumed)
    numbers_read = any(
        v is not None
        for v in (intent.year, intent.year_from, intent.year_to, intent.limit,
                  intent.population_over, intent.population_under, intent.within_km,
                  intent.min_partnerships, intent.max_partnerships)
    )  # fmt: skip
    if numbers_read:  # "1990s", "90.", "top 5": the year or number parsers read them
        consumed.update(i for i, t in enumerate(signals.tokens) if any(c.isdigit() for c in t.text))
    if intent.limit is not None:  # "the five gminas with the most partners"
        consumed.update(i for i, t in enumerate(signals.tokens) if fold(t.text) in NUMBER_WORDS)
    for phrase in [*intent.place_words, *intent.period_words]:  # applied, so consumed
        at = text.find(phrase)
        consumed.update(i for i, t in enumerate(signals.tokens) if at <= t.start < at + len(phrase))
    for a, b in other_subjects(text):  # "kosztowała" is a verb, and still a subject of its own
        inside = [i for i, t in enumerate(signals.tokens) if a <= t.start < b and i not in consumed]
        if inside:
            intent.not_applied.append(text[a:b])
            consumed.update(inside)
    free = [
        i
        for i in range(len(signals.tokens))
        if i not in consumed and not coverage.is_function_word(signals.tokens[i])
    ]
    counted = {b for a, b in signals.cues.get("count", [])}
    for span, forms in units.topics.read(signals.tokens, free):
        if min(span) in counted:
            # "ilu turystów przyjeżdża…", "how many tourists": the thing counted, which the
            # survey does not record; no partnerships about it
            intent.not_applied.append(" ".join(signals.tokens[i].text for i in span))
            consumed.update(span)
            continue
        intent.topics.append(forms)
        intent.topic_words.append(" ".join(signals.tokens[i].text for i in span))
        consumed.update(span)
    from assistant.retrieval.vocabulary import page_words

    for i, token in enumerate(signals.tokens):
        if i not in consumed and page_words([token.text], units.page_terms):
            # "ZMP", "Eurocities", "train(ing)": what the pages explain is no unknown place, and
            # no filter of the tables either (a table answer says so)
            consumed.add(i)
            if not coverage.is_function_word(token):
                intent.not_applied.append(token.text)
    polish = not foreign and not _looks_english(text)
    for item in coverage.leftover(signals.tokens, consumed, foreign=foreign, polish=polish):
        if item.kind == "unknown_name":
            intent.unknown_names.append(item.text)
            # a place's name where no unit is named ("przasnysz sister cities in germany") is
            # the Polish unit asked about, which the survey does not hold
            in_units_place = item.unit_slot or (
                item.place and not intent.units and intent.shape != "rank"
            )  # a partner search's place is the seeker's ("miastem z Moraw")
            intent.unknown_unit = intent.unknown_unit or in_units_place
        elif explained:
            continue  # a shape read from the whole question: its words are what said it
        intent.not_applied.append(item.text)


_NUMBER = r"(\d{1,3}(?:[ \u00a0.,]\d{3})+|\d+)\s*(tys\.?|tysi\w*|thousand|k\b)?"
_PEOPLE = r"\s*(?:\w+\s+)?(?:inhabitants|people|residents|population|mieszka\w*|ludno\w*|os[oó]b)"
_POPULATION_FIRST = (
    r"\b(?:population|inhabitants|ludno[sś]ci\w*|liczb\w+\s+mieszka\w+|mieszka\w+)\s+(?:of\s+)?"
)
_PLACE_PATTERNS = {
    "within": re.compile(
        r"\b(?:within|in a radius of|w promieniu|do|up to|less than|mniej ni[zż]|maks\.?|max\.?)"
        r"\s+(\d+(?:[.,]\d+)?)\s*(?:km|kilometr\w*|kilometer\w*)\s*(?:of|from|od|wok[oó][lł]|around)?\s*",
        re.IGNORECASE,
    ),
    "nearest": re.compile(
        r"\b(?:closest|nearest|najbli[zż]ej|najbli[zż]sz\w*)\s+(?:(?:to|do|od)\s+)?", re.IGNORECASE
    ),
    "similar": re.compile(
        r"\b(?:(?:of\s+)?(?:a\s+)?similar\s+size\s+(?:to|as)|the\s+same\s+size\s+as|"
        r"podobnej\s+wielko[sś]ci\s+(?:do|co|jak)|wielko[sś]ci\s+podobnej\s+do)\s+",
        re.IGNORECASE,
    ),
    "over": re.compile(
        r"\b(?:over|more than|above|at least|powy[zż]ej|ponad|wi[eę]cej ni[zż]|co najmniej)\s+"
        + _NUMBER
        + _PEOPLE,
        re.IGNORECASE,
    ),
    "under": re.compile(
        r"\b(?:under|fewer than|less than|below|poni[zż]ej|mniej ni[zż]|do)\s+" + _NUMBER + _PEOPLE,
        re.IGNORECASE,
    ),
    # "with a population above 50,000", "o liczbie mieszkańców powyżej 20 tys."
    "over_people": re.compile(
        _POPULATION_FIRST + r"(?:over|more than|above|at least|powy[zż]ej|ponad|wi[eę]cej ni[zż]|"
        r"co najmniej|exceeding|of over)\s+" + _NUMBER + r"(?!\s*(?:km|kilomet))",
        re.IGNORECASE,
    ),
    "under_people": re.compile(
        _POPULATION_FIRST + r"(?:under|fewer than|less than|below|poni[zż]ej|mniej ni[zż]|"
        r"of under)\s+" + _NUMBER + r"(?!\s*(?:km|kilomet))",
        re.IGNORECASE,
    ),
}


@lru_cache(maxsize=1)
def _exclusion_words() -> dict[str, frozenset[str]]:
    """Negation words by role; two-word ones ('other than', 'innymi niż') in `except_pairs`."""
    words = load("cues")["exclusion"]
    found = {
        key: frozenset(fold(w) for w in words[key]) for key in ("except", "without", "between")
    }
    found["except_pairs"] = frozenset(
        tuple(fold(p).split()) for p in words["except"] if len(p.split()) == 2
    )
    return found


def _is_except(word: re.Match, previous: re.Match | None, words: dict) -> bool:
    """An 'except' word, or the second word of an 'except' pair ('other than Germany')."""
    if word.group() in words["except"]:
        return True
    return previous is not None and (previous.group(), word.group()) in words["except_pairs"]


_WORD = re.compile(r"[^\W\d_]+")


def _exclusions(intent: Intent, text: str, matches: list[Match]) -> None:
    """What a negation leaves out, for every country and unit in its scope.

    - 'Kraków's partners except the German ones', 'partnerzy Poznania bez Niemiec i Francji',
      'leave out China, Japan and Vietnam': countries whose rows are left out (a named unit's
      list, or an 'except' word);
    - 'Which towns have no partners in Germany?', 'gminy mające partnerów na Łotwie, które nie
      mają żadnego partnera w Niemczech', 'no German partner': the units without such a row;
    - 'powiaty współpracujące z Czechami, poza powiatem głubczyckim': a unit left out.

    A negation reaches a name over the words between them that only say what kind of row
    ('any', 'partners', 'in', 'mają') and over a list ('bez Niemiec i Francji')."""
    words = _exclusion_words()
    folded = fold(text)
    if intent.foreign and any(
        w.group() in words["without"]
        and re.match(r"\W*(?:\w+\W+){0,2}(?:foreign|zagranic|abroad)", folded[w.end() :])
        for w in _WORD.finditer(folded)
    ):
        intent.foreign, intent.units_without_foreign = False, True
    for w in _WORD.finditer(folded):
        if w.group().startswith(("krajow", "domestic")) and _negation_before(
            folded, w.start(), {}, words
        ):
            # "bez partnerów krajowych (z Polski)", "no domestic partners": partners abroad
            intent.countries = [c for c in intent.countries if c != "Polska"]
            intent.foreign = True
    negated: dict[tuple[int, int], str] = {}  # name span -> the negation word reaching it
    named = sorted(
        (m for m in matches if m.kind in ("country", "unit", "continent")), key=lambda m: m.span
    )
    for m in named:
        word = _negation_before(folded, m.span[0], negated, words)
        if word:
            negated[m.span] = word
    listed = {m.key for m in named if m.kind == "country" and m.span in negated}
    for m in named:
        word = negated.get(m.span)
        if not word:
            continue
        if m.kind == "continent" and listed & continent_countries().get(m.key, frozenset()):
            # "not the ones in Asia: leave out China, Japan, …": the countries listed are
            # what the continent meant; the rest of it stays
            intent.countries = [
                c for c in intent.countries
                if c in listed or c not in continent_countries().get(m.key, frozenset())
            ]  # fmt: skip
            continue
        if m.kind == "unit" and (m.key in intent.units or _partner_at(m, matches, intent)):
            # "poza powiatem głubczyckim", "oprócz Gdańska i Gdyni" (the second read as a
            # domestic partner until now): units left out of the others
            labels = set(m.units or (m.key,)) | {m.key}
            intent.units = [u for u in intent.units if u not in labels]
            intent.partners = [
                x for x in intent.partners if x not in _partner_at(m, matches, intent)
            ]
            intent.exclude_units = sorted({*intent.exclude_units, *(m.units or (m.key,))})
            if not intent.units:
                intent.unit_query = None
            if not intent.partners:
                intent.partner_query = None
        elif m.kind in ("country", "continent"):
            named_countries = (
                {m.key} if m.kind == "country" else continent_countries().get(m.key, frozenset())
            )
            if word not in words["except"] or m.kind == "country":
                named_countries &= set(intent.countries)
            if not named_countries:
                continue
            intent.countries = [c for c in intent.countries if c not in named_countries]
            if intent.units or word in words["except"]:
                intent.exclude_countries = sorted({*intent.exclude_countries, *named_countries})
            else:
                intent.units_without_countries = sorted(
                    {*intent.units_without_countries, *named_countries}
                )


def _without_filter_heads(signals: Signals, cue: str) -> dict:
    """'partnerships with countries outside Europe', 'z krajami innymi niż Niemcy': the word
    'countries' heads the filter left out and asks for no countries, so its cue goes."""
    words, tokens = _exclusion_words(), signals.tokens
    folded = [fold(t.text) for t in tokens]

    def heads(b: int) -> bool:
        if b < len(tokens) and folded[b] in words["except"]:
            return True
        return b + 1 < len(tokens) and (folded[b], folded[b + 1]) in words["except_pairs"]

    def after_a_preposition(a: int) -> bool:  # "z krajami", not "z jakich krajów poza"
        return a > 0 and folded[a - 1] in {*grammar("partner_prepositions"), "from"}

    kept = [
        (a, b) for a, b in signals.cues.get(cue, []) if not (heads(b) and after_a_preposition(a))
    ]
    return {**signals.cues, cue: kept}


def _partner_at(m: Match, matches: list[Match], intent: Intent) -> set[str]:
    """The partners a name's span was read as."""
    # a unit's name in a partner's place ("oprócz warszawy i lublina") was read as that partner
    read = {x.key for x in matches if x.span == m.span and x.kind == "partner"}
    read |= {m.key} if m.kind == "unit" else set()
    return read & set(intent.partners)


def _negation_before(
    folded: str, position: int, negated: dict[tuple[int, int], str], words: dict
) -> str | None:
    """The negation word that reaches a name at `position`: the nearest word before it that
    says something, walking back over kind-of-row words and list joiners; a name already
    negated passes its negation on ('bez Niemiec i Francji')."""
    before = list(_WORD.finditer(folded[:position]))
    for i in range(len(before) - 1, max(-1, len(before) - 8), -1):
        w = before[i]
        inside = next(
            (word for span, word in negated.items() if span[0] <= w.start() < span[1]), None
        )
        if inside:
            return inside
        word = w.group()
        if _is_except(w, before[i - 1] if i else None, words):
            return "except" if word not in words["except"] else word
        if word in words["without"]:
            return word
        if word not in words["between"] and not word.startswith(("partner", "twin", "sister")):
            return None
    return None


_BOUND = re.compile(
    r"\b(more than|over|above|at least|ponad|wi[eę]cej ni[zż]|co najmniej|powy[zż]ej|"
    r"fewer than|less than|under|below|at most|mniej ni[zż]|poni[zż]ej|najwy[zż]ej)\s+(\d{1,3})\s+"
    r"(?:(\w+)\s+)?(\w+)",
    re.IGNORECASE,
)


def _without_cues_inside(signals: Signals, span: tuple[int, int], cues) -> dict:
    inside = {i for i, t in enumerate(signals.tokens) if span[0] <= t.start < span[1]}
    return {
        cue: [(a, b) for a, b in spans if cue not in cues or not set(range(a, b)) & inside]
        for cue, spans in signals.cues.items()
    }


def _partnership_bounds(intent: Intent, text: str) -> tuple[int, int] | None:
    """'towns with more than 10 partners', 'gminy, które mają ponad 5 partnerów na Ukrainie';
    the span of the phrase read, or None."""
    found = next((m for m in _BOUND.finditer(text) if _counted_end(m)), None)
    if not found:
        return None
    word, n = fold(found.group(1)), int(found.group(2))
    if word in ("at least", "co najmniej"):
        intent.min_partnerships = n
    elif word in ("at most", "najwyzej"):
        intent.max_partnerships = n
    elif word in ("fewer than", "less than", "under", "below", "mniej niz", "ponizej"):
        intent.max_partnerships = n - 1
    else:
        intent.min_partnerships = n + 1
    end = _counted_end(found)
    intent.place_words.append(text[found.start() : end])  # consumed by the plan
    return found.start(), end


def _counted_end(found: re.Match) -> int | None:
    """Where the counted word ends in 'more than 10 partners', 'ponad 5 miast partnerskich',
    'co najmniej 6 parterów'; None when the number counts something else."""
    for group in (3, 4):
        folded = fold(found.group(group) or "")
        if (stem_missing_a_letter(folded) or folded).startswith(grammar("counted_stems")):
            return found.end(group)
    return None


def _after_partner_word(before: str) -> bool:
    """'partners with a population above', 'miasta partnerskie liczące ponad': the partners' size."""
    last = [fold(w) for w in re.findall(r"[^\W\d_]+", before)][-4:]
    return any(w.startswith(grammar("partner_stems")) for w in last)


def _population(number: str, scale: str | None) -> int:
    value = int(re.sub(r"[ \u00a0.,]", "", number))
    return value * 1000 if scale else value


def _places(intent: Intent, text: str, matches: list[Match], units: Units) -> set[tuple[int, int]]:
    """Distances and sizes from GeoNames: 'within 30 km of Nowy Sącz', 'closest to Lviv',
    'of similar size to Hrubieszów', 'over 50,000 inhabitants'. Returns the spans of the
    names used as centres (they are no filter of their own)."""
    if units.locate is None:
        return set()
    used: set[tuple[int, int]] = set()
    for kind in ("over", "under"):
        found = _PLACE_PATTERNS[kind].search(text) or _PLACE_PATTERNS[f"{kind}_people"].search(text)
        if found:
            value = _population(found.group(1), found.group(2))
            setattr(intent, f"population_{kind}", value)
            intent.place_words.append(found.group(0).strip())
            if intent.units or _after_partner_word(text[: found.start()]):
                intent.population_of = "partner"  # a named unit's size filters nothing
    for kind in ("within", "nearest", "similar"):
        found = _PLACE_PATTERNS[kind].search(text)
        if not found:
            continue
        span, place = _centre(text, found.end(), matches, units)
        if place is None:
            continue
        used.add(span)
        intent.place_words.append(text[found.start() : span[1]])
        intent.centre = place.name
        if kind == "similar":
            intent.similar_to = place.label if place.kind != "geonames" else None
            intent.similar_population = place.population
            intent.shape = "similar"
        else:
            intent.centre_lat, intent.centre_lon = place.lat, place.lon
            if kind == "within":
                intent.within_km = float(found.group(1).replace(",", "."))
            else:
                intent.shape = "nearest"
    return used


def _centre(text: str, start: int, matches: list[Match], units: Units):
    """The place named right after a distance or size phrase: a name the gazetteer found there,
    or the next word (inflected: 'Lwowa', 'Żyliny') as GeoNames knows it."""
    for m in sorted(matches, key=lambda m: m.span):
        if start <= m.span[0] <= start + 2:
            kind = "unit" if m.kind == "unit" else "partner" if m.kind == "partner" else "any"
            key = m.units[0] if m.kind == "unit" and m.units else m.key
            place = units.locate(key, kind) or units.locate(m.text, "place")
            if place is not None and place.lat is not None:
                return m.span, place
    word = re.match(r"[^\W\d_][\w'-]*", text[start:])
    if not word:
        return (start, start), None
    token = word.group()
    for ending in ("", *grammar("case_endings")):
        if ending and not token.endswith(ending):
            continue
        stem = token[: len(token) - len(ending)] if ending else token
        for tail in ("",) if not ending else grammar("nominative_endings"):
            place = units.locate(stem + tail, "place")
            if place is not None and place.lat is not None:
                return (start, start + len(token)), place
    return (start, start), None


def _regions(intent: Intent, text: str, signals: Signals, matches, units: Units, consumed) -> None:
    """'gminy z Małopolski', 'towns in Lower Silesia': a voivodeship filter where the index has
    places (GeoNames), else a constraint reported as not applied."""
    from assistant.places import find_regions

    unit_spans = [m.span for m in matches if m.kind == "unit" and m.exact]
    # the longer reading wins: "zabkowice slaskie" is a town, not a town and Silesia
    found = [
        r for r in find_regions(text) if not any(a <= r.start and r.end <= b for a, b in unit_spans)
    ]
    for region in found:
        within = [m for m in matches if region.start <= m.span[0] and m.span[1] <= region.end]
        # "gmin z lodzkiego": the voivodeship, not a partner that bears its name
        dropped = {m.key for m in within if m.kind == "partner"}
        if dropped & set(intent.partners):
            intent.partners = [k for k in intent.partners if k not in dropped]
            intent.partner_query = None
        inside = [m.span for m in within if m.kind == "unit"]
        if inside and intent.unit_query and any(text[a:b] == intent.unit_query for a, b in inside):
            # "gminas in Lublin Voivodeship": the longer reading, a region, wins over the unit
            intent.units, intent.unit_query = [], None
            intent.unit_type = _unit_type(signals, None)
    if not found:
        return
    for region in found:
        consumed.update(
            i for i, t in enumerate(signals.tokens) if region.start <= t.start < region.end
        )
    intent.region = ", ".join(r.text for r in found)
    if units.placed:
        intent.regions = list(dict.fromkeys(r.code for r in found))
    else:
        intent.not_applied.append(intent.region)


_TOWN_WORDS = {
    "town",
    "towns",
    "city",
    "cities",
    "miasto",
    "miasta",
    "miast",
    "miastami",
    "miasteczko",
}


def _without_foreign_unit_words(signals: Signals, matches: list[Match]) -> dict:
    """'gmina z Rumunii', 'slowacka obec', 'a Hungarian town', 'z czeskimi miastami': a unit word
    that a foreign country describes is the other side's, not the Polish unit type asked for."""
    countries = [
        m.span for m in matches if m.kind in ("country", "continent") and m.key != "Polska"
    ]

    def in_country(t) -> bool:
        return any(s <= t.start < e for s, e in countries)

    def foreign(i: int) -> bool:
        tokens = signals.tokens
        # "a Hungarian town", "slowacka obec"; not "partnerzy litewscy gmin" (another noun's)
        before = i > 0 and in_country(tokens[i - 1]) and _agree(tokens[i - 1].text, tokens[i].text)
        after = (
            i + 2 < len(tokens)
            and fold(tokens[i + 1].text) in grammar("from_prepositions")
            and in_country(tokens[i + 2])
        )
        if after and fold(tokens[i + 1].text) in ("z", "ze"):
            # "gmina z Rumunii" (from: genitive), not "gmin z Ukrainą" (with: instrumental)
            tags = [tag for _l, tag, _q in coverage.polish_analyses(tokens[i + 2].text)]
            after = any(":gen" in t for t in tags) and not any(":inst" in t for t in tags)
        return before or after

    return {
        cue: [(a, b) for a, b in spans if cue not in ("gmina", "powiat") or not foreign(a)]
        for cue, spans in signals.cues.items()
    }


def _agree(adjective: str, noun: str) -> bool:
    """Whether a Polish adjective can stand with the noun (a number and case both share);
    words Polish does not know (English) always can."""

    def forms(word: str, classes: tuple[str, ...]) -> set[tuple[str, str]]:
        found = set()
        for _lemma, tag, _q in coverage.polish_analyses(word):
            parts = tag.split(":")
            if parts[0] in classes and len(parts) > 2:
                found |= {(parts[1], case) for case in parts[2].split(".")}
        return found

    a, n = forms(adjective, ("adj",)), forms(noun, ("subst", "depr"))
    return not a or not n or bool(a & n)


def _own_gmina_words(signals: Signals) -> bool:
    """'gminas' name the Polish side; with 'counties' named too, 'towns' describe the partners
    ("Polish counties partnered with towns in the US", "powiaty mają miasta siostrzane")."""
    spans = signals.cues.get("gmina", [])
    if not signals.has("powiat"):
        return bool(spans)
    return any(not (signals.tokens[a].keys & _TOWN_WORDS) for a, _b in spans)


def _unit_instead_of_partner(matches, partner_matches, unit_match):
    spans = {m.span for m in partner_matches}
    units = [m for m in matches if m.kind == "unit" and m.span in spans]
    if not units:
        return unit_match, partner_matches
    unit = units[0]
    return unit, [m for m in partner_matches if m.span != unit.span]


def _polish_side(text, matches, signals: Signals, countries: set[str], partner_matches) -> set[str]:
    """The Polish side is always in Poland: "Polska" filters only for domestic partners."""
    countries = set(countries)
    if signals.has("partner_search"):
        countries.discard(
            "Polska"
        )  # "…chce nawiązać współpracę z Polską": the setting, not a filter
        return countries
    if "Polska" in countries and not _domestic(text, matches, signals):
        countries.discard("Polska")
    if not countries and _in_poland_after_a_unit(text, matches):
        countries.add("Polska")  # "ile partnerów ma Karpacz w Polsce": its domestic partners
    if signals.has("domestic") and signals.has("foreign"):
        countries.discard("Polska")  # "partnerzy zagraniczni i krajowi": both, so no filter
    elif signals.has("domestic") and not partner_matches and not (countries - {"Polska"}):
        countries.add("Polska")
    return countries


def _place_to_be_near(intent: Intent, text: str, partner_matches) -> None:
    intent.near = read_near(text)
    if not intent.near:
        return
    # "near Žilina": a place to be near, not a unit or partner to filter by.
    near = fold(intent.near)
    said = fold(text)
    if intent.unit_query and (
        fold(intent.unit_query) in near or f"{fold(intent.unit_query)} {near}" in said
    ):
        # "near Žilina" as the place, and "koło Żyliny": the town Koło is the word "near"
        intent.units, intent.unit_query = [], None
    kept = [m for m in partner_matches if fold(m.text) not in near]
    intent.partners = sorted({m.key for m in kept})
    intent.partner_query = kept[0].text if kept else None


def _assign(text: str, matches: list[Match]) -> tuple[Match | None, list[Match], set[str]]:
    """Decide which names are the Polish unit, which the partners, which the countries.

    A name that can be both a unit and a partner is the unit when it comes first and
    nothing marks it as a partner ("with Lublin", "z Lublinem").
    """
    by_span: dict[tuple[int, int], list[Match]] = {}
    for m in matches:
        by_span.setdefault(m.span, []).append(m)
    unit: Match | None = None
    partners: list[Match] = []
    countries: set[str] = set()
    for span, options in sorted(by_span.items()):
        options = _one_unit_match(options)
        kinds = {m.kind: m for m in options}
        if "continent" in kinds:
            continent = kinds.pop("continent")
            if _a_filter(text, continent, matches):
                countries |= continent_countries().get(continent.key, frozenset())
                countries |= {kinds["country"].key} if "country" in kinds else set()
                continue
            options = [m for m in options if m.kind != "continent"]  # the words as they are
            if not options:
                continue
        if "country" in kinds and len(kinds) == 1:
            countries.add(kinds["country"].key)
            continue
        before = _word_before(text, span[0])
        possessive = text[span[1] : span[1] + 2] in ("'s", "’s") or options[0].text.endswith(
            ("'s", "’s")
        )
        # "and Elbląg?" opening a message joins it to the turn before: no partner marker
        opening = len(re.findall(r"[^\W\d_]+", text[: span[0]])) == 1
        marked_partner = before in grammar("partner_prepositions") and not possessive
        marked_partner = marked_partner and not (opening and before in grammar("joining"))
        same = unit is not None and "unit" in kinds and kinds["unit"].key == unit.key
        if same and not marked_partner:
            continue  # the unit named again, by another name: "Wrocław (Breslau)"
        if "unit" in kinds and unit is None and not (marked_partner and "partner" in kinds):
            unit = kinds["unit"]
        elif "partner" in kinds:
            partners.extend(m for m in options if m.kind == "partner")
        elif "country" in kinds:
            countries.add(kinds["country"].key)
        elif "unit" in kinds and unit is not None:
            partners.extend(options)  # a second Polish unit: a domestic partner
    return unit, partners, countries


def _units_listed_after(text: str, unit_match, partner_matches, matches) -> list[Match]:
    """Units joined to the first by 'i', 'and', a comma, when a partner word comes before the
    first ('partnerzy X i Y', 'partners of X and Y'): more units asked about, not partners."""
    if unit_match is None:
        return []
    head = [fold(w) for w in re.findall(r"[^\W\d_]+", text[: unit_match.span[0]])]
    if not any((stem_missing_a_letter(w) or w).startswith(grammar("partner_stems")) for w in head):
        return []
    units = {m.span: m for m in matches if m.kind == "unit"}
    found, end = [], unit_match.span[1]
    for m in sorted(partner_matches, key=lambda m: m.span):
        between = fold(text[end : m.span[0]]).strip(" ,")
        if m.span not in units or between not in ("i", "and", "oraz", ""):
            break
        found.append(units[m.span])
        end = m.span[1]
    return found


def _powiat_area(text: str, signals: Signals, units: Units) -> tuple[str, str, list[str]] | None:
    """'gminy z powiatu kłodzkiego', 'gminas of powiat prudnicki': (the phrase, the powiat's
    adjective, the gminas the survey marks as lying in it by a disambiguator 'pow. kłodzki',
    and its seat Kłodzko); None when the question asks for no powiat's gminas."""
    found = _powiat_area_pattern().search(fold(text))
    if not found or not _own_gmina_words(signals):
        return None
    group = 1 if found.group(1) else 2
    written = text[found.start(group) : found.end(group)]  # folding keeps every position
    for ending, nominative in grammar("adjective_cases"):
        if fold(written).endswith("k" + ending):
            written = written[: -len(ending)] + nominative  # kłodzkiego -> kłodzki
            break
    word = fold(written)
    if not word.endswith(("ski", "cki", "zki")):
        return None
    marked = [u for u, (kind, _n) in units.labels.items()
              if kind == "gmina" and f"(pow. {word})" in fold(u)]  # fmt: skip
    seats = [u for u, (kind, _n) in units.labels.items()
             if kind == "gmina" and word in seat_adjectives(u.split(" (")[0])]  # fmt: skip
    area = sorted({*marked, *seats})
    return (text[found.start() : found.end()].strip(), written.lower(), area) if area else None


def _chosen_among_countries(intent: Intent, signals: Signals, matches: list[Match]) -> bool:
    """'Of Estonia, Latvia and Lithuania, which has the fewest …?': the countries listed before
    the question word are what it chooses among."""
    asked = signals.first("question_word")
    if len(intent.countries) < 2 or asked is None or intent.units or intent.compare_units:
        return False
    at = signals.tokens[asked].start
    listed = [m for m in matches if m.kind == "country" and m.key in intent.countries]
    return len(listed) >= 2 and all(m.span[1] <= at for m in listed)


def _one_unit_match(options: list[Match]) -> list[Match]:
    """'Grodzisk' names Grodzisk Mazowiecki and Grodzisk Wielkopolski: one unit match naming both
    (then narrowed by the question's words, or asked about), not one of them picked silently."""
    found = [m for m in options if m.kind == "unit"]
    if len({m.key for m in found}) < 2:
        return options
    merged = replace(found[0], units=tuple(sorted({u for m in found for u in m.units})))
    return [merged, *(m for m in options if m.kind != "unit")]


def _a_filter(text: str, continent: Match, matches: list[Match]) -> bool:
    """Whether a continent named filters partners' countries: 'partners in Africa' does;
    'European Union', 'fundusze europejskie' do not, nor does Poland's own continent in a
    question about no Polish unit ('Ile jest partnerstw miast bliźniaczych w całej Europie?')."""
    span, names = continent.span, load("continents")
    words = names["words"]
    before = re.findall(r"[^\W\d_]+", text[max(0, span[0] - 20) : span[0]])[-1:]
    after = re.findall(r"[^\W\d_]+", text[span[1] : span[1] + 20])[:1]
    if any(fold(w) in {fold(i) for i in words["institutions"]} for w in before + after):
        return False
    if _negation_before(fold(text), span[0], {}, _exclusion_words()):
        return True  # "outside Europe", "spoza Europy": the continent's countries left out
    if "Polska" in continent_countries().get(continent.key, frozenset()):
        # Poland's own continent is where partners are only as such: "partners in Europe",
        # "z Europy", "European partners" of a Polish unit; not "Europe's twinning"
        polish = any(fold(w).startswith(("polsk", "polish")) for w in re.findall(r"\w+", text))
        placed = bool(before) and fold(before[0]) in grammar("place_prepositions")
        named = names[continent.key]
        adjective = continent.name in [*named["pl_adjectives"], *named["en_adjectives"]]
        possessive = text[span[1] : span[1] + 2] in ("'s", "’s") or continent.text.endswith(
            ("'s", "’s")
        )
        return (
            (polish or any(m.kind == "unit" for m in matches))
            and not possessive
            and (placed or adjective)
        )
    return True


def _word_before(text: str, position: int) -> str | None:
    previous = re.findall(r"[^\W\d_]+", text[:position])
    return fold(previous[-1]) if previous else None


def _stems(text: str) -> set[str]:
    return {
        w[: max(4, len(w) - 3)]
        for w in re.findall(r"[a-z]{4,}", text)
        if w not in ("gmina", "powiat")
    }


def _shares_stem(a: str, b: str) -> bool:
    """'pow. żywiecki' and 'w powiecie żywieckim' share the stem 'zywie'."""
    words_b = re.findall(r"[a-z]{4,}", b)
    return any(w.startswith(stem) for stem in _stems(a) for w in words_b)


def _in_poland_after_a_unit(text: str, matches: list[Match]) -> bool:
    """'Karpacz … w Polsce', 'Karpacz's partners in Poland': a named unit lies in Poland anyway,
    so 'in Poland' places its partners."""
    units = [m for m in matches if m.kind == "unit"]
    found = _in_poland_pattern().search(fold(text))
    return bool(units and found) and any(m.span[1] <= found.start() for m in units)


def _domestic(text: str, matches: list[Match], signals: Signals) -> bool:
    """'z Polską', 'with Poland', 'partners in Poland', 'polscy partnerzy': partners inside Poland."""
    for m in matches:
        if m.key != "Polska" or m.kind != "country":
            continue
        before = [fold(w) for w in re.findall(r"[^\W\d_]+", text[: m.span[0]])[-2:]]
        if before and before[-1] in grammar("partner_prepositions"):
            return True
        partner_word = len(before) == 2 and (stem_missing_a_letter(before[0]) or before[0])
        if partner_word and before[1] in ("in", "w") and partner_word.startswith("partner"):
            return True
    return signals.has("domestic")


def _narrow(
    labels: list[str], text: str, unit_type: str | None, units: Units, before: str = ""
) -> list[str]:
    """Pick among same-named units with the question's own words ("gmina", "powiat", a qualifier)."""
    if len(labels) <= 1:
        return labels
    folded = fold(text)
    by_qualifier = [
        lab for lab in labels if "(" in lab and _shares_stem(fold(lab.split("(", 1)[1]), folded)
    ]
    if len(by_qualifier) == 1:
        return by_qualifier
    if unit_type:
        typed = [lab for lab in labels if units.labels.get(lab, ("",))[0] == unit_type]
        if typed:
            return typed
    if re.search(r"\bgmin\w*\s*$", fold(before)) or "(gmina)" in folded:
        gminas = [lab for lab in labels if "gmina" in fold(lab)]
        if len(gminas) == 1:
            return gminas
    picked = _said_kind(folded)  # "(miasto, nie gmina)", "chodzi mi o gminę", "the town, not…"
    if picked:
        chosen = [lab for lab in labels if ("gmina" in fold(lab)) == (picked == "gmina")]
        if len(chosen) == 1:
            return chosen
    if re.search(r"(?:\bmiasto|\bcity of|\btown of|\bmiasta|\bmiescie)\s*$", fold(before)):
        # "miasto Dębica", "the town of Dębica" right before the name: the town, not the gmina
        # ("Z jakimi miastami współpracuje Dębica?" describes the partners, and stays ambiguous).
        plain = [lab for lab in labels if "(" not in lab]
        if len(plain) == 1:
            return plain
    return labels


_TOWN = r"(?:miast\w*|miescie|town|city)"
_GMINA = r"(?:gmin\w*|municipality|commune)"
_KIND_SAID = re.compile(
    rf"\b(?P<yes>{_TOWN}|{_GMINA})\W+(?:a\s+|and\s+)?(?:nie|not)\s+(?:o\s+|the\s+)?(?P<no>{_TOWN}|{_GMINA})\b"
    rf"|\bchodzi\s+(?:mi\s+|nam\s+)?o\s+(?P<meant>{_TOWN}|{_GMINA})\b"
    rf"|\bi\s+mean\s+the\s+(?P<meant_en>{_TOWN}|{_GMINA})\b"
)


def _said_kind(folded: str) -> str | None:
    """'miasto, nie gmina', 'chodzi mi o gminę', 'I mean the town': which of a town and its
    gmina of the same name is meant ('town' or 'gmina')."""
    m = _KIND_SAID.search(folded)
    if not m:
        return None
    word = m["yes"] or m["meant"] or m["meant_en"]
    if m["yes"] and re.fullmatch(_GMINA, m["yes"]) == re.fullmatch(_GMINA, m["no"]):
        return None  # "miasto, nie miasto": says nothing
    return "gmina" if re.fullmatch(_GMINA, word) else "town"


def _clarify_choice(
    text: str, previous: TurnState | None, units: Units, matches: list[Match]
) -> str | None:
    """After a clarify question, a bare number, a name or a kind ("the powiat") picks an option."""
    if not previous or previous.route != "clarify" or not previous.options:
        return None
    options: list[str] = previous.options
    number = _BARE_NUMBER.match(text)
    if number and 1 <= int(number.group(1)) <= len(options):
        return options[int(number.group(1)) - 1]
    folded = fold(text)
    exact = [o for o in options if fold(o) == folded.strip(" .?!")]
    if exact:
        return exact[0]
    contained = [o for o in options if "(" in o and fold(o.split("(", 1)[1].strip(")")) in folded]
    if len(contained) == 1:
        return contained[0]
    for word, kind in (("powiat", "powiat"), ("county", "powiat"), ("gmin", "gmina"), ("miast", "gmina"),
                       ("city", "gmina"), ("town", "gmina")):  # fmt: skip
        if word in folded:
            typed = [o for o in options if units.labels.get(o, ("",))[0] == kind]
            if kind == "gmina" and word == "gmin":
                typed = [o for o in typed if "gmina" in fold(o)] or typed
            if kind == "gmina" and word in ("miast", "city", "town"):
                typed = [o for o in typed if "(" not in o] or typed
            if len(typed) == 1:
                return typed[0]
    for position, word in (
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (1, "pierwsz"),
        (2, "drug"),
        (3, "trzec"),
    ):
        if word in folded and position <= len(options):
            return options[position - 1]
    return None


def _is_followup(
    intent: Intent, signals: Signals, matches: list[Match], previous: TurnState | None
) -> bool:
    """A message that names no unit or partner of its own, but refines what came before."""
    if not previous or not previous.intent:
        return False
    if intent.units or intent.partners:
        return _switches_unit(intent, signals, previous) or _switches_partner(
            intent, signals, previous, matches
        )
    if _about_the_one(signals, previous):
        return True
    refines = (
        intent.refinements() or intent.year is not None or intent.year_from is not None
        or intent.year_to is not None or intent.unit_type
        or signals.has("show_all") or signals.has("which_of_them") or signals.has("more_about")
        or signals.has("first") or signals.has("second") or signals.has("third")
        or signals.has("count") or intent.shape in ("extreme",)
        # "tylko te nad morzem": a restriction the tables cannot apply is still about that list
        or signals.first("only") == 0 and intent.not_applied
    )  # fmt: skip
    # "a w jakich to krajach?", "which one has the most?", "a które z tego …": a joining word or
    # a word pointing back makes a new shape of the same rows
    tokens = signals.tokens
    anaphoric = bool(tokens) and (
        fold(tokens[0].text) in grammar("joining")
        or any(fold(t.text) in grammar("anaphora") for t in tokens)
    )
    reshaped = intent.shape in ("extreme", "group_country", "group_unit", "count", "yes_no")
    refines = refines or anaphoric and reshaped
    short = len(tokens) <= 8
    return bool(refines) and (short or signals.has("which_of_them") or anaphoric)


def _switches_unit(intent: Intent, signals: Signals, previous: TurnState) -> bool:
    """'And Wrocław?', 'a Rzeszowa?', 'what about Gdynia?': the same question for another unit."""
    if not intent.units or intent.partners or intent.countries or len(signals.tokens) > 5:
        return False
    named = {fold(w) for u in intent.units for w in (intent.unit_query or u).split()}
    rest = [t for t in signals.tokens if fold(t.text) not in named]
    return all(fold(t.text) in grammar("switch_words") for t in rest) and bool(rest)


def _switches_partner(intent: Intent, signals: Signals, previous: TurnState, matches) -> bool:
    """'a od kiedy ze Stuttgartem?', 'and with Lyon?' after a question about one unit: the
    same question for another partner of it (a short message opening with a joining word)."""
    if intent.units or not intent.partners or not previous.intent or not previous.intent.units:
        return False
    if any(m.kind == "unit" for m in matches):
        return False  # "and Elbląg?": another unit (here one of two), not a partner of Toruń
    tokens = signals.tokens
    return len(tokens) <= 6 and fold(tokens[0].text) in grammar("switch_words")


def _about_the_one(signals: Signals, previous: TurnState) -> bool:
    """'When did it start?', 'Od kiedy?' right after an answer of a single partnership."""
    items = previous.items
    single = len(items) == 1 and items[0].kind == "partner"
    return single and len(signals.tokens) <= 6 and signals.has("since_when")


def _merge_followup(
    intent: Intent, signals: Signals, previous: TurnState, language: str, matches
) -> Understanding:
    base = previous.intent.model_copy(deep=True)
    if _about_the_one(signals, previous) and not (intent.partners or intent.units):
        return Understanding(
            language, "table", base, followup=True, signals=signals, matches=matches, pick=1
        )
    if intent.units and _switches_unit(intent, signals, previous):
        switched = base.model_copy(
            update={"units": intent.units, "unit_query": intent.unit_query, "compare_units": [],
                    "not_applied": [], "unknown_names": []}
        )  # fmt: skip
        return Understanding(language, "table", switched, followup=True, signals=signals,
                             matches=matches)  # fmt: skip
    pick = _picked(signals)
    opens = (
        pick and min(signals.first(c) for c in ("first", "second", "third") if signals.has(c)) <= 2
    )
    if pick and (
        signals.has("more_about") or len(signals.tokens) <= 5 or opens and not intent.has_filters()
    ):
        # "a ten pierwszy – jakich ma wszystkich partnerów?": that item, and with "all" its
        # whole list, not only the rows the list before showed
        whole = any(t.keys & {"all", "wszystek", "every", "caly"} for t in signals.tokens)
        return Understanding(
            language, "table", base, followup=True, signals=signals, matches=matches, pick=pick,
            whole=whole,
        )  # fmt: skip
    merged = base.model_copy()
    for group in intent.refinements():
        for name in group:
            setattr(merged, name, getattr(intent, name))
    if base.units and intent.units_without_countries:
        # "bez niemieckich" after Opole's partners: its rows without them, not units without
        merged.exclude_countries = sorted(
            {*base.exclude_countries, *intent.units_without_countries}
        )
        merged.units_without_countries = []
        intent = intent.model_copy(update={"shape": "list"})
    if intent.place_words:
        merged.place_words = [*merged.place_words, *intent.place_words]
    if merged.units and (merged.population_over, merged.population_under) != (None, None):
        merged.population_of = "partner"  # "tylko te powyżej 20 tysięcy" after one unit's partners
    if intent.year is not None or intent.year_from is not None or intent.year_to is not None:
        merged.year, merged.year_from, merged.year_to = (
            intent.year,
            intent.year_from,
            intent.year_to,
        )
    said = " ".join(t.text for t in signals.tokens)
    if base.units and not intent.countries and _in_poland_pattern().search(fold(said)):
        merged.countries = ["Polska"]  # "… and how many in Poland itself?": its domestic partners
    turned = _turned_bound(intent, signals, base)
    if turned:
        merged.year, (merged.year_from, merged.year_to) = None, turned
    if intent.unit_type and not merged.units:
        merged.unit_type = intent.unit_type
    elif intent.unit_type and len(signals.tokens) <= 4:
        # "a powiaty?", "and the powiats?" after one unit's list: that kind of unit instead
        merged.units, merged.unit_query, merged.unit_type = [], None, intent.unit_type
    if intent.shape == "extreme":
        merged.shape, merged.extreme, merged.group_by = "extreme", intent.extreme, intent.group_by
    merged.not_applied = intent.not_applied
    if signals.has("count"):
        merged.shape = "count"
        if intent.measure != "partnerships":  # "how many gminas is that?": units, not rows
            merged.measure = intent.measure
    elif intent.shape != "list":  # "czy któryś jest w Hiszpanii?" after a list: yes or no
        merged.shape = intent.shape
        merged.limit = intent.limit
    merged.show_all = signals.has("show_all")
    return Understanding(language, "table", merged, followup=True, signals=signals, matches=matches)


def _turned_bound(intent: Intent, signals: Signals, base: Intent) -> tuple | None:
    """'… before 2000, and how many after?': a bound word with no year of its own takes the
    year the plan before it named ('before 2000' is to 1999, so 'after' is from 2001; 'since
    2005' is from 2005, so 'before' is to 2004); (year_from, year_to), or None."""
    if (intent.year, intent.year_from, intent.year_to) != (None, None, None):
        return None
    cue_words = {
        fold(signals.tokens[i].text) for s, e in signals.cues.get("before", []) for i in range(s, e)
    }
    before = bool(cue_words - {"do"})  # "do" is also English ("and which do …")
    if signals.has("after") and base.year_from is None:
        named = base.year if base.year is not None else base.year_to and base.year_to + 1
        return (named + 1, None) if named else None
    if before and base.year_to is None:
        named = base.year if base.year is not None else base.year_from
        return (None, named - 1) if named else None
    return None


def _picked(signals: Signals) -> int | None:
    for name, position in (("first", 1), ("second", 2), ("third", 3)):
        if signals.has(name):
            return position
    return None
