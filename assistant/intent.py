"""Understanding a question with no language model: names, years, forms and the shape of the answer.

The result is an `Intent`: a typed set of filters plus the shape of the answer.
Names come from the gazetteer (built from the data); the rest comes from the cue
words of assistant/lang/cues.toml, matched on folded words and Polish lemmas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from assistant.periods import read_periods
from assistant.text import fold, lemmas, with_diacritics, words
from assistant.vocabulary import load

Shape = Literal[
    "list", "count", "top", "group_country", "group_unit", "group_year", "group_decade",
    "group_form", "group_type", "yes_no", "rank", "extreme", "compare", "nearest", "similar",
    "share", "group_region",
]  # fmt: skip
Form = Literal[
    "agreement", "no_agreement", "letter_of_intent", "only_letter_of_intent", "other",
    "other_only", "no_data", "with_data",
]  # fmt: skip
# What a count or a comparison counts: rows, or distinct Polish units, countries, partners.
Measure = Literal["partnerships", "units", "countries", "partners"]
# The single extreme: the oldest / newest row by year, the group with the most / fewest rows.
Extreme = Literal["oldest", "newest", "most", "fewest"]
Order = Literal["year_asc", "year_desc", "count_desc", "count_asc"]
GROUP_OF_SHAPE = {
    "group_country": "country", "group_unit": "unit", "group_year": "year",
    "group_decade": "decade", "group_form": "form", "group_type": "unit_type",
    "group_region": "region",
}  # fmt: skip


class Intent(BaseModel):
    """The query plan: what the question asks of the survey tables (filters, measure, shape).

    Filled by the offline parser (assistant.understand) or by the optional model
    (assistant.llm), and turned into parameterised SQL by assistant.sql.query.
    """

    shape: Shape = "list"
    units: list[str] = []  # unit labels (the unit's identity: name + disambiguator)
    unit_query: str | None = None  # the unit as the question named it
    unit_type: Literal["gmina", "powiat"] | None = None
    countries: list[str] = []  # Polish country names as the survey writes them
    partners: list[str] = []  # partner name variants as the survey writes them
    partner_query: str | None = None
    year: int | None = None
    year_from: int | None = None  # inclusive
    year_to: int | None = None  # inclusive
    form: Form | None = None
    limit: int | None = None
    show_all: bool = False
    near: str | None = None  # a place to find candidates near (the survey cannot place it)
    foreign: bool = False  # partners abroad only (not the domestic rows, country Polska)
    form_text: list[str] = []  # words the form cells must contain ('memorandum', 'deklarac')
    # What the other-form text is about: each group is a set of folded lemmas, one must occur
    # ("fire brigades" -> {straz, osp}); row ids are looked up in the runtime's topic index.
    topics: list[list[str]] = []
    topic_words: list[str] = []  # the question's own words that set `topics`
    # the latest year the tables record, when the question asked about a later one
    after_data: int | None = None
    # topic words no row of the other filters mentions: said, and the list shown without them
    unmatched_topics: list[str] = []
    measure: Measure = "partnerships"
    extreme: Extreme | None = None
    order: Order | None = None
    group_by: str | None = None  # with shape "extreme": the groups ranked (unit, country)
    # Compared items ("Kraków or Wrocław: who has more?"): unit labels or Polish country names.
    compare_units: list[str] = []
    # a comparison asked as yes/no ("czy Lublin ma więcej partnerów niż Rzeszów?"): the first
    # named has more / fewer
    claim: Literal["more", "fewer"] | None = None
    # a superlative asked as yes/no ("Is Kraków the town with the most partners?"): the unit
    # or country claimed to lead the ranking, which is no filter
    claim_top: str | None = None
    compare_countries: list[str] = []
    compare_years: list[int] = []  # "więcej w 2005 czy w 2008?": the years set side by side
    every_country: bool = False  # intersection: units with partners in each of `countries`
    # intersection of partners: units with a partner of each group ("both Lviv and Lutsk"); a
    # group is the variants of one named place
    partner_groups: list[list[str]] = []
    # "Wrocław and Poznań: partners in common": the rows of `units` whose partner place every
    # one of the units has (one place: the same GeoNames place, else the same name)
    shared_partners: bool = False
    not_applied: list[str] = []  # the question's own phrases the plan could not apply
    unknown_names: list[str] = []  # places named that neither the survey nor the pages know
    unknown_unit: bool = False  # one of them stands where the Polish unit's name should
    region: str | None = None  # a region as the question names it ("z Małopolski")
    regions: list[str] = []  # voivodeship codes (GeoNames admin1) the units must lie in
    # A place to measure from (GeoNames coordinates): "within 30 km of Nowy Sącz", "closest to Lviv".
    centre: str | None = None
    centre_lat: float | None = None
    centre_lon: float | None = None
    within_km: float | None = None
    population_over: int | None = None  # "towns over 50,000 inhabitants" (GeoNames population)
    population_under: int | None = None
    # whose size the bounds are: the units' ("towns over 50,000 inhabitants"), or the partners'
    # ("Radom's partners over 100,000 inhabitants": a named unit's size is no filter)
    population_of: Literal["unit", "partner"] = "unit"
    similar_to: str | None = None  # "of similar size to Hrubieszów": a unit label
    similar_population: int | None = None
    place_words: list[str] = []  # the question's own distance and size phrases
    period_words: list[str] = []  # a decade or century it names ("z lat 90", "XXI wiek")
    exclude_countries: list[str] = []  # "Kraków's partners except the German ones"
    within_powiat: str | None = None  # "gminy z powiatu kłodzkiego": the powiat; units its gminas
    exclude_units: list[str] = []  # "powiaty współpracujące z Czechami, poza powiatem głubczyckim"
    # "Which towns have no partners in Germany / no foreign partners?": units without any row
    # there (the list is of those units' partnerships).
    units_without_countries: list[str] = []
    units_without_foreign: bool = False
    # "towns with more than 10 partners": a bound on each unit's number of partnerships
    share_of: str | None = None  # shape share: the filter whose share is asked (form, country…)
    min_partnerships: int | None = None
    max_partnerships: int | None = None

    def refinements(self) -> list[tuple[str, ...]]:
        """The groups of `REFINEMENTS` this plan sets: what a follow-up adds or replaces."""
        return [
            group
            for group in REFINEMENTS
            if any(getattr(self, f) != Intent.model_fields[f].default for f in group[:1])
        ]

    def has_filters(self) -> bool:
        return bool(
            self.units or self.unit_type or self.countries or self.partners or self.form or self.foreign
            or self.form_text or self.topics or self.compare_units or self.compare_countries or self.compare_years
            or self.regions or self.exclude_countries or self.exclude_units
            or self.units_without_countries
            or self.units_without_foreign or self.min_partnerships is not None
            or self.max_partnerships is not None or self.within_km is not None or self.population_over is not None
            or self.population_under is not None or self.similar_to is not None
            or self.centre is not None
            or self.year is not None or self.year_from is not None or self.year_to is not None
        )  # fmt: skip


# Filters a follow-up may add to the plan before it or put in place of the same filter there
# ("a w 2005?", "only the formal ones", "tylko te powyżej 20 tysięcy mieszkańców", "except
# Germany", "a od kiedy ze Stuttgartem?"). Each group goes together; the first field says whether the group is set.
REFINEMENTS: tuple[tuple[str, ...], ...] = (
    ("countries",),
    ("partners", "partner_query"),
    ("form",),
    ("form_text",),
    ("order",),
    ("topics", "topic_words"),
    ("regions", "region"),
    ("population_over", "population_of"),
    ("population_under", "population_of"),
    ("within_km", "centre", "centre_lat", "centre_lon"),
    ("exclude_countries",),
    ("exclude_units",),
    ("min_partnerships",),
    ("max_partnerships",),
    ("units_without_countries",),
    ("units_without_foreign",),
    ("foreign",),
)


@dataclass
class Token:
    text: str
    start: int
    end: int
    keys: frozenset[str]  # folded form and folded lemmas


@dataclass
class Signals:
    """Everything the parser read off a question, before it is turned into an Intent."""

    tokens: list[Token]
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # cue -> token spans
    sentence_starts: frozenset[int] = frozenset()  # tokens that open a sentence after the first

    def has(self, cue: str) -> bool:
        return bool(self.cues.get(cue))

    def first(self, cue: str) -> int | None:
        spans = self.cues.get(cue)
        return spans[0][0] if spans else None

    def opens_a_sentence(self, cue: str) -> bool:
        """The cue stands first in the message or in a sentence of it ('… summer. Is Kalisz …')."""
        return any(a == 0 or a in self.sentence_starts for a, _b in self.cues.get(cue, []))


_WORDISH = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*\.?|\d+", re.UNICODE)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _WORDISH.finditer(text):
        word = match.group().rstrip(".") if not match.group().endswith("b.d.") else match.group()
        keys = {fold(word)}
        if word.isalpha():
            keys.update(fold(lemma) for lemma in lemmas(word))
            keys.update(_lemmas_of_folded().get(fold(word), ()))  # "powiatow" = powiatów
            restored = with_diacritics(word)  # "nawiazano" = nawiązano, "polozone" = położone
            if restored:
                keys.update(fold(lemma) for lemma in lemmas(restored))
            keys.update(_typo_of_cue_word(fold(word), keys))
        elif "-" in word:  # "города-побратимы", "miasta-partnerzy": each part is a word too
            for part in word.split("-"):
                keys.add(fold(part))
                keys.update(fold(lemma) for lemma in lemmas(part) if part.isalpha())
        tokens.append(Token(word, match.start(), match.start() + len(word), frozenset(keys)))
    return tokens


def sentence_starts(text: str, tokens: list[Token]) -> frozenset[int]:
    """The tokens after a sentence's end (. ! ? followed by space)."""
    return frozenset(
        i
        for i in range(1, len(tokens))
        if re.search(r"[.!?]\s+$", text[tokens[i - 1].end : tokens[i].start])
    )


@lru_cache(maxsize=1)
def _lemmas_of_folded() -> dict[str, frozenset[str]]:
    """Every inflected form of the cue words' Polish lemmas, folded -> folded lemmas, so that
    a word typed without diacritics ("powiatow", "panstwach", "umow") still has its lemma."""
    from assistant.gazetteer import _generate

    found: dict[str, set[str]] = {}
    words = {w.rstrip("~") for p in _cue_phrases().values() for phrase in p for w in phrase}
    words |= {fold(w) for w in load("pl")["vocabulary"]["words"]}
    for word in words:
        if not word.isalpha() or len(word) < 3:
            continue
        for lemma in lemmas(word):
            for form, _tag in _generate(lemma):
                folded = fold(form)
                if folded != form.lower():  # only forms that lose a diacritic need this
                    found.setdefault(folded, set()).add(fold(lemma))
    return {k: frozenset(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def _cue_forms() -> dict[str, frozenset[str]]:
    """Every inflected form of the Polish cue words' lemmas, folded -> folded lemmas, so that a
    typo of an inflected form ('samorądów') is one edit from a form ('samorzadow')."""
    from assistant.gazetteer import _generate

    found: dict[str, set[str]] = {}
    for word in {w.rstrip("~") for p in _cue_phrases().values() for phrase in p for w in phrase}:
        if word.isalpha() and len(word) >= 5:
            for lemma in lemmas(with_diacritics(word) or word):
                for form, _tag in _generate(lemma):
                    found.setdefault(fold(form), set()).add(fold(lemma))
    return {k: frozenset(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def _cue_word_buckets() -> dict[str, list[str]]:
    """Single words of the cue phrases, by first letter, for one typo ('partnr', 'ktore')."""
    buckets: dict[str, list[str]] = {}
    vocabulary = [fold(w) for lang in ("pl", "en") for w in load(lang)["vocabulary"]["words"]]
    phrases = [w for p in _cue_phrases().values() for phrase in p for w in phrase]
    for word in phrases + vocabulary + list(_cue_forms()):
        word = word.rstrip("~")
        if len(word) >= 5 and word.isalpha():
            buckets.setdefault(word[0], []).append(word)
    return {k: sorted(set(v)) for k, v in buckets.items()}


@lru_cache(maxsize=8192)
def _typo_fix(folded: str) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    bucket = _cue_word_buckets().get(folded[:1], [])
    found = process.extract(folded, bucket, scorer=OSA.distance, score_cutoff=1, limit=None)
    if not found:
        return None
    # A dropped letter is the commonest typo: 'counries' is 'countries' before 'counties'.
    found.sort(key=lambda f: (f[1], len(f[0]) != len(folded) + 1, f[0]))
    return found[0][0]


def _as_cue_word(folded: str | None) -> str | None:
    """A word as the cue word it is one typo from ('befre' -> 'before'), else as it is."""
    if not folded:
        return folded
    fixed = _typo_of_cue_word(folded, {folded})
    return min(fixed & _words_of_their_own(), default=folded) if fixed else folded


def _typo_of_cue_word(folded: str, keys: set[str]) -> set[str]:
    """A word one edit away from a cue word counts as it, when it is no word of its own."""
    if len(folded) < 5 or any(k in _words_of_their_own() for k in keys):
        return set()
    stem = stem_missing_a_letter(folded)
    if stem:
        # "parterów", "parters": a long stem of a cue with one letter dropped is that cue, even
        # where the result is a word of its own (a ground floor is not what visitors ask about)
        return {stem, *(fold(lemma) for lemma in lemmas(stem))}
    known = lemmas(folded)
    if known != (folded,) and any(lemma == lemma.lower() for lemma in known):
        return set()  # Morfeusz knows it: an ordinary word, not a typo (a name's form may be)
    fixed = _typo_fix(folded)
    if not fixed:
        return set()
    return {
        fixed,
        *(fold(lemma) for lemma in lemmas(fixed)),
        *_cue_forms().get(fixed, ()),
    }  # 'wszytkie' -> wszystkie, wszystek


@lru_cache(maxsize=1)
def _long_stems() -> tuple[str, ...]:
    """The stems of the prefix cues ('partner~', 'wspolprac~') of seven letters or more."""
    stems = {w[:-1] for p in _cue_phrases().values() for ph in p for w in ph if w.endswith("~")}
    return tuple(sorted(s for s in stems if len(s) >= 7 and s.isalpha()))


@lru_cache(maxsize=8192)
def stem_missing_a_letter(folded: str) -> str | None:
    """The word with the dropped letter of a long cue stem put back ('parterow' -> 'partnerow')."""
    for stem in _long_stems():
        if folded.startswith(stem):
            return None
        for k in range(1, len(stem)):
            short = stem[:k] + stem[k + 1 :]
            if folded.startswith(short) and len(folded) >= len(short):
                return stem + folded[len(short) :]
    return None


@lru_cache(maxsize=1)
def _words_of_their_own() -> frozenset[str]:
    """Cue words and the negation words of lang/cues.toml [exclusion] ('leaving' is no typo of
    'leading')."""
    cue_words = {w for phrases in _cue_phrases().values() for p in phrases for w in p}
    exclusion = {
        fold(w) for ws in load("cues")["exclusion"].values() for p in ws for w in p.split()
    }
    return frozenset(cue_words | exclusion)


@lru_cache(maxsize=1)
def _cue_phrases() -> dict[str, list[tuple[str, ...]]]:
    cues = load("cues")["cues"]
    return {name: [tuple(fold(p).split()) for p in phrases] for name, phrases in cues.items()}


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], list]:
    """Cue phrases indexed by their first word; those starting with '*' or a prefix are kept apart."""
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    open_first: list[tuple[str, tuple[str, ...]]] = []
    for name, phrases in _cue_phrases().items():
        for phrase in phrases:
            if phrase[0] == "*" or phrase[0].endswith("~"):
                open_first.append((name, phrase))
            else:
                by_first.setdefault(phrase[0], []).append((name, phrase))
    return by_first, open_first


@lru_cache(maxsize=1)
def _hostile() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in load("cues")["hostile"]["patterns"]]


def is_hostile(text: str) -> bool:
    return any(p.search(text) for p in _hostile())


@lru_cache(maxsize=2)
def _offtopic(kind: str) -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in load("cues").get("offtopic", {}).get(kind, [])]


def other_subjects(text: str) -> list[tuple[int, int]]:
    """Spans of another subject a partnership question mentions ('ile kosztowała umowa…',
    'do których jest bezpośredni lot z Krakowa'): reported as not applied, never a filter."""
    return [m.span() for p in _offtopic("topics") for m in p.finditer(text)]


def is_offtopic(text: str, *, about_partnerships: bool = False) -> bool:
    """Another kind of request ('Translate twin town into German', 'population of Wrocław').
    A partnership question that names a place and mentions another subject ('which of Ustka's
    partners can I reach by train?') is one: the subject is reported as not applied."""
    if any(p.search(text) for p in _offtopic("commands")):
        return True
    return not about_partnerships and any(p.search(text) for p in _offtopic("topics"))


def find_cues(tokens: list[Token], skip: set[int]) -> dict[str, list[tuple[int, int]]]:
    """Which cue phrases occur, as token spans; tokens inside matched names are skipped."""
    found: dict[str, list[tuple[int, int]]] = {}
    by_first, open_first = _phrases_by_first_word()
    for i, token in enumerate(tokens):
        if i in skip:
            continue
        # Only the phrases that can start at this word: the cost stays flat however many cues there are.
        candidates = [c for key in token.keys for c in by_first.get(key, ())] + open_first
        for name, phrase in candidates:
            span = range(i, i + len(phrase))
            if span.stop > len(tokens) or any(j in skip for j in span):
                continue
            matched = all(_word_matches(w, tokens[i + k].keys) for k, w in enumerate(phrase))
            if matched and (i, span.stop) not in found.get(name, []):
                found.setdefault(name, []).append((i, span.stop))
    # "krajowi" (domestic) is also a form of "kraj" (country): the longer reading wins.
    taken = {
        i for cue in ("domestic", "foreign") for a, b in found.get(cue, []) for i in range(a, b)
    }
    # "the largest number of" is a superlative, not a count: the longer cue wins its words.
    for longer, shorter in (("top", "count"), ("fewest", "count"), ("oldest", "first"),
                            ("newest", "yes_no")):  # fmt: skip
        held = {i for a, b in found.get(longer, []) for i in range(a, b)}
        if held and shorter in found:
            found[shorter] = [(a, b) for a, b in found[shorter] if not set(range(a, b)) & held]
            if not found[shorter]:
                del found[shorter]
    if taken and "group_country" in found:
        found["group_country"] = [(a, b) for a, b in found["group_country"] if a not in taken]
        if not found["group_country"]:
            del found["group_country"]
    return found


def _word_matches(word: str, keys: frozenset[str]) -> bool:
    """'*' is any word; 'wspolprac~' is a prefix (for Polish typed without diacritics)."""
    if word == "*":
        return True
    if word.endswith("~"):
        return any(k.startswith(word[:-1]) for k in keys)
    return word in keys


YEAR = r"(1[89]\d\d|20\d\d)"  # a four-digit year of the tables
_RANGE = re.compile(
    rf"{YEAR}\s*(?:r\.|roku)?\s*(?:-|–|—|\.\.|to|do|and|i|until|till|through|thru)\s*{YEAR}",
    re.IGNORECASE,
)
# Number words for "top five", "pięć krajów", "trzy gminy".
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
    "jeden": 1, "dwa": 2, "dwoch": 2, "dwie": 2, "trzy": 3, "trzech": 3, "cztery": 4,
    "czterech": 4, "piec": 5, "pieciu": 5, "szesc": 6, "szesciu": 6, "siedem": 7,
    "osiem": 8, "dziewiec": 9, "dziesiec": 10, "dziesieciu": 10, "pietnascie": 15,
    "dwadziescia": 20,
}  # fmt: skip
_FILLER = {"the", "year", "years", "roku", "rok", "r", "of", "in", "w"}
_TOP_N = re.compile(
    r"\b(?:top|first|pierwsz\w*|najwi\w*|czołow\w*|czolow\w*)\s+(\d{1,3})\b|\b(\d{1,3})\s+(?:najw|most|top|lead|czo)",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"\b(?:near|close to|around|in the vicinity of|koło|kolo|niedaleko|w pobliżu|w poblizu|w okolicy|okolic\w*|blisko)\s+((?:[^\W\d_][\w\-]*)(?:\s+[^\W\d_][\w\-]*)?)",
    re.UNICODE,
)


def read_years(text: str, signals: Signals) -> dict[str, int]:
    """Year filters: a single year, an inclusive range, or an open bound (since/after/before);
    a decade or century named in words is a range (`periods.read_periods`)."""
    found: dict[str, int] = {}
    match = _RANGE.search(text)
    if match:
        a, b = sorted((int(match.group(1)), int(match.group(2))))
        return {"year_from": a, "year_to": b}
    years = [(m.start(), int(m.group())) for m in re.finditer(rf"\b{YEAR}\b", text)]
    if not years:
        periods = read_periods(text)  # "z lat 90", "the early nineties", "XXI wiek"
        if periods:
            found = {"year_from": periods[0].year_from, "year_to": periods[0].year_to}
            return {key: year for key, year in found.items() if year is not None}
        return found
    if len(years) >= 2 and signals.has("between"):
        a, b = sorted(y for _, y in years[:2])
        return {"year_from": a, "year_to": b}
    bounds = [_one_year(text, position, year) for position, year in years[:2]]
    if len(bounds) == 2 and {*bounds[0]} | {*bounds[1]} == {"year_from", "year_to"}:
        # "after 2005 but before 2008", "po 2000 a przed 2005": two open bounds make a range
        return {**bounds[0], **bounds[1]}
    return bounds[0]


def _one_year(text: str, position: int, year: int) -> dict[str, int]:
    """The filter one year of the question sets, read from the words before it."""
    before_word = _as_cue_word(_word_before(text, position))
    previous = [fold(w) for w in words(text[:position])]
    while previous and previous[-1] in _FILLER and len(previous) > 1:
        previous.pop()  # "after the year 2005", "przed rokiem 2000"
    if previous and before_word in _FILLER:
        before_word = previous[-1]
    if before_word in ("than", "niz", "od", "w", "in", "the") and _comparison(text, position):
        return (
            {"year_to": year - 1}
            if _comparison(text, position) == "before"
            else {"year_from": year + 1}
        )
    if before_word in _cue_words("before"):
        if before_word in {"until", "do"}:
            return {"year_to": year}
        return {"year_to": year - 1}
    if before_word in _cue_words("after"):
        return {"year_from": year + 1}
    if before_word in _cue_words("since"):
        if len(previous) >= 2 and previous[-2] in (
            "dating",
            "dated",
            "date",
            "pochodzace",
            "pochodzacy",
        ):
            return {"year": year}  # "twinnings dating from 2003": begun in 2003
        return {"year_from": year}
    return {"year": year}


_OLDER = {
    "older",
    "earlier",
    "starsze",
    "starszy",
    "starsza",
    "wczesniej",
    "wczesniejsze",
    "dawniej",
}
_NEWER = {
    "newer",
    "later",
    "younger",
    "nowsze",
    "nowszy",
    "mlodsze",
    "pozniej",
    "pozniejsze",
    "more recent",
}


def _comparison(text: str, position: int) -> str | None:
    """'older than 1990' -> before; 'później niż w 2004 roku' -> after."""
    previous = [fold(w) for w in words(text[:position])]
    while previous and previous[-1] in _FILLER:
        previous.pop()
    previous = previous[-2:]
    if len(previous) < 2:
        return None
    if previous[0] in _OLDER:
        return "before"
    if previous[0] in _NEWER:
        return "after"
    return None


def _word_before(text: str, position: int) -> str | None:
    previous = words(text[:position])
    return fold(previous[-1]) if previous else None


@lru_cache(maxsize=16)
def _cue_words(cue: str) -> frozenset[str]:
    return frozenset(p[0] for p in _cue_phrases()[cue] if len(p) == 1)


def read_limit(text: str) -> int | None:
    match = _TOP_N.search(text)
    if match:
        return int(match.group(1) or match.group(2))
    previous = ""
    for word in words(text):
        number = NUMBER_WORDS.get(fold(word))
        if number and not (number == 1 and previous in _POINTING):
            return number  # not "which one", "the one"
        previous = fold(word)
    return None


_POINTING = {"which", "the", "that", "this", "each", "any", "every", "no"}


def read_near(text: str) -> str | None:
    """'near Žilina', 'koło Żyliny': a place the question wants candidates close to."""
    match = _NEAR.search(text)
    if not match:
        return None
    names = [w for w in match.group(1).split() if w[0].isupper()]
    return " ".join(names) or None


# Kinds of documents named in the form cells, as folded stems of the survey's (Polish) words.
_FORM_TEXT = {
    "memorandum": "memorandum", "declaration": "deklarac", "deklaracja": "deklarac",
    "statement": "oswiadcz", "oswiadczenie": "oswiadcz", "porozumienie": "porozumie",
    "accord": "porozumie", "project": "projekt", "projekt": "projekt",
}  # fmt: skip


def read_form_text(signals: Signals) -> list[str]:
    """'Które gminy mają memorandum?': a kind of document the form cells must mention."""
    stems = {_FORM_TEXT[k] for t in signals.tokens for k in t.keys if k in _FORM_TEXT}
    return sorted(stems)


def read_form(signals: Signals) -> Form | None:
    others = ("letter_of_intent", "other_form", "informal")
    if (
        signals.has("agreement")
        and not _negated(signals, "agreement")
        and any(signals.has(c) and _negated(signals, c) for c in others)
    ):
        return "agreement"  # "only formal agreements, not letters of intent or other forms"
    if signals.has("no_data"):  # "bez tych, o których brak danych": every row but the b.d. ones
        return "with_data" if _negated(signals, "no_data") else "no_data"
    if signals.has("informal") or signals.has("other_form") and signals.has("only"):
        return "other_only"  # "informal cooperation", "only in another form": not b.d.
    if signals.has("letter_of_intent"):
        # "a letter of intent but no agreement": only the letter
        only = signals.has("only") or signals.has("agreement") and _negated(signals, "agreement")
        return "only_letter_of_intent" if only else "letter_of_intent"
    if signals.has("other_form"):
        return "other"
    if signals.has("agreement"):
        return "no_agreement" if _negated(signals, "agreement") else "agreement"
    return None


_NEGATIONS = {"not", "nie", "without", "bez", "no", "lack", "brak", "non", "niema"}


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    """Negation words, and the words that leave rows out ('leaving out', 'oprócz', 'except')."""
    leave_out = load("cues")["exclusion"]["except"]
    return frozenset(_NEGATIONS | {fold(w) for w in leave_out if " " not in w})


def _negated(signals: Signals, cue: str) -> bool:
    """'nie mają formalnej umowy', 'not formal agreements', 'without an agreement'."""
    start = signals.first(cue)
    at = [i for i in range(max(0, start - 5), start) if signals.tokens[i].keys & _negations()]
    if not at:
        return False
    # "Only gminas, not powiats: formal agreements": the negation is another cue's
    between = set(range(at[-1] + 1, start))
    asking = ("question_word", "yes_no", "either")  # "bez tych, o których brak danych"
    return not any(
        between & set(range(a, b)) for name, spans in signals.cues.items()
        if name != cue and name not in asking
        for a, b in spans
    )  # fmt: skip


def read_shape(signals: Signals, has_country: bool, has_unit: bool, has_partner: bool) -> Shape:
    asks_countries = signals.has("group_country") and not has_country
    if signals.has("partner_search"):
        return "rank"
    if signals.has("top"):
        return "group_country" if asks_countries else "group_unit"
    if signals.has("count"):
        return "group_country" if asks_countries else "count"
    if asks_countries:
        return "group_country"
    if signals.has("group_unit"):
        return "group_unit"
    if (
        signals.opens_a_sentence("yes_no")
        and signals.first("question_word") != 1  # "Do których partnerów ...": a list
        and has_unit
        and (has_country or has_partner)
    ):
        return "yes_no"
    return "list"


def _asks_count_of_countries(signals: Signals) -> bool:
    """'How many countries ...' counts countries; 'how many partnerships with ...' counts rows."""
    count, country = signals.first("count"), signals.first("group_country")
    return count is not None and country is not None and 0 <= country - count <= 2
