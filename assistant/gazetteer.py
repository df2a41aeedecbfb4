"""Place and country names in a question: Polish units, partners, countries.

Ingestion calls `build_entries()` once: every name of the tables (units, partner
variants, countries) and the vocabulary of `lang/countries.toml` and
`lang/exonyms.toml` becomes a set of *forms*: its inflected Polish forms
(generated with Morfeusz) folded to ASCII, so "Częstochowy", "czestochowy" and
"Częstochowie" all point at the unit Częstochowa. The entries are stored as rows
of the `gazetteer` table (`GAZETTEER_DDL`); at run time `Gazetteer.from_rows()`
indexes them by first token, and `Gazetteer.find(question)` returns the names a
question mentions, longest match first, with one typo tolerated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant import vocabulary
from assistant.text import _morfeusz as _analyser  # one analyser per process, shared
from assistant.text import fold, lemmas, words

Kind = Literal["unit", "partner", "country", "continent"]

GAZETTEER_COLUMNS: list[tuple[str, str]] = [
    ("form", "VARCHAR"),  # folded tokens joined by one space: "grodziska mazowieckiego"
    ("kind", "VARCHAR"),  # unit | partner | country | continent
    ("key", "VARCHAR"),  # unit base name / partner variant as written / Polish country name
    ("units", "VARCHAR[]"),  # kind unit: every unit as written that this form names
    ("name", "VARCHAR"),  # the name the form was made from ("Vienna", "słowacki")
    (
        "origin",
        "VARCHAR",
    ),  # unit | unit_full | partner | exonym | country | country_alias | country_adjective
    ("common", "BOOLEAN"),  # one word that is also an ordinary word: needs a capital or a cue
    ("cased", "BOOLEAN"),  # counts only when written in capitals ("US")
]
GAZETTEER_DDL = (
    "CREATE TABLE gazetteer ("
    + ", ".join(f"{name} {sql_type}" for name, sql_type in GAZETTEER_COLUMNS)
    + ")"
)

_KIND_ORDER = {"unit": 0, "partner": 1, "country": 2, "continent": 3}
# The vocative is left out: it adds forms nobody asks with ("Polsko", as in "polsko-niemieckie").
_CASES = ("nom", "gen", "dat", "acc", "inst", "loc")
_GEO = {"nazwa_geograficzna", "człon_nazwy_geograficznej"}
_ADJECTIVE_TAGS = ("adj", "ppas", "pact")  # "Zjednoczone" in Stany Zjednoczone is a participle
_MAX_COMBINATIONS = 24
_MIN_FUZZY_LENGTH = 5
_MIN_FUZZY_SCORE = 0.86  # one edit in a foreign name of at least 8 letters
_MIN_FUZZY_UNIT_SCORE = 0.8  # one edit in a Polish unit's or country's name of 5+ letters
_SENTENCE_END = re.compile(r"[.!?]\s*$")


@dataclass(frozen=True)
class GazetteerEntry:
    form: str
    kind: Kind
    key: str
    units: tuple[str, ...]
    name: str
    origin: str
    common: bool = False
    cased: bool = False

    def as_row(self) -> tuple:
        return (
            self.form,
            self.kind,
            self.key,
            list(self.units),
            self.name,
            self.origin,
            self.common,
            self.cased,
        )


@dataclass(frozen=True)
class Match:
    """A name found in a question.

    `key` is the value to filter on: the unit's base name, a partner variant as
    written in the table, or the Polish country name. For kind "unit", `units`
    lists every unit as written that the words name (several means ambiguity:
    Brody (pow. starachowicki) / Brody (pow. żarski)). Several matches with the
    same span are alternatives the caller chooses between (a unit and a partner
    of the same name; the partner variants "Lwów" and "L'viv").
    """

    kind: Kind
    key: str
    units: tuple[str, ...]
    span: tuple[int, int]
    text: str
    exact: bool
    score: float
    name: str = ""


# --------------------------------------------------------------------------- Morfeusz


@lru_cache(maxsize=1)
def _generator():
    """Morfeusz with its generator: needed by `build_entries()` (ingestion) only."""
    import morfeusz2

    return morfeusz2.Morfeusz(generate=True, expand_tags=False)


@lru_cache(maxsize=65536)
def _analyses(word: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(lemma, tag, qualifiers) of a single word; () when Morfeusz splits it or does not know it."""
    found = []
    for start, end, (_form, lemma, tag, qualifiers, _labels) in _analyser().analyse(word):
        if start != 0 or end != 1:
            return ()
        if tag != "ign":
            found.append((lemma, tag, tuple(qualifiers)))
    return tuple(found)


def _only_a_place(word: str) -> bool:
    """Morfeusz knows the word only as a place's name: the survey may spell that place one
    letter differently ('mrągowa' for its 'Mragowo', 'Nowogrodziec' for 'Nowogrodzic')."""
    found = _analyses(word)
    return bool(found) and all("nazwa_geograficzna" in q for _lemma, _tag, q in found)


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """True if the word (any case) is also an ordinary Polish word or a listed ambiguous one."""
    if fold(word) in _ambiguous_words():
        return True
    for lemma, tag, _qualifiers in _analyses(word.lower()):
        if tag.split(":", 1)[0] not in ("depr", "interp") and lemma[:1].islower():
            return True
    return False


@lru_cache(maxsize=4096)
def _generate(lemma: str) -> tuple[tuple[str, str], ...]:
    try:
        return tuple((form, tag) for form, _lemma, tag, *_rest in _generator().generate(lemma))
    except (RuntimeError, KeyError, ValueError):
        return ()


def _tag_parts(tag: str) -> tuple[str, str, set[str], set[str], str]:
    parts = tag.split(":")
    pos = parts[0]
    number = parts[1] if len(parts) > 1 else ""
    cases = set(parts[2].split(".")) if len(parts) > 2 else set()
    genders = set(parts[3].split(".")) if len(parts) > 3 else set()
    degree = parts[-1] if len(parts) > 4 else ""  # adj: pos/com/sup; participles: aff/neg
    return pos, number, cases, genders, degree


def _paradigm(word: str, *, allow_common: bool) -> tuple[int, dict[str, set[str]]]:
    """Forms of a name word by case, and how sure we are it inflects.

    Tier 1: a geographic proper noun in the nominative (Częstochowa, Brody).
    Tier 2: an adjective in the nominative (Mazowiecki, żywiecki, Biała), kept
    in its own number and gender. Tier 3: an ordinary noun (Powiat, Rejon), used
    only when `allow_common`. Tier 0: the word does not inflect.
    """
    analyses = _analyses(word)
    geo = [
        a
        for a in analyses
        if a[1].startswith("subst:") and _GEO & set(a[2]) and "nom" in _tag_parts(a[1])[2]
    ]
    # "Wielkopolski" is also the plural of Wielkopolska: a name is in its base form.
    own = [a for a in geo if a[0].split(":", 1)[0] == word]
    adjectives = [
        a
        for a in analyses
        if a[1].split(":", 1)[0] in _ADJECTIVE_TAGS and "nom" in _tag_parts(a[1])[2]
    ]
    geo = own or ([] if adjectives else geo)
    nouns = [
        a
        for a in analyses
        if a[1].startswith("subst:") and "nazwa_pospolita" in a[2] and "nom" in _tag_parts(a[1])[2]
    ]
    if geo:
        tier, chosen = 1, geo
    elif adjectives:
        tier, chosen = 2, adjectives
    elif nouns and allow_common:
        tier, chosen = 3, nouns
    else:
        return 0, {}
    by_case: dict[str, set[str]] = {}
    for lemma, tag, _qualifiers in chosen:
        pos, number, _cases, genders, _degree = _tag_parts(tag)
        for form, form_tag in _generate(lemma):
            f_pos, f_number, f_cases, f_genders, f_degree = _tag_parts(form_tag)
            if f_pos != pos or f_number != number:
                continue
            if pos in _ADJECTIVE_TAGS and (
                f_degree not in ("pos", "aff") or not genders & f_genders
            ):
                continue
            for case in f_cases & set(_CASES):
                by_case.setdefault(case, set()).add(form)
    by_case.setdefault("nom", set()).add(word)
    return tier, by_case


def _combine(parts: Sequence[dict[str, set[str]] | str], joiner: str) -> dict[str, set[str]]:
    """Forms of a compound by case: every inflecting part in the same case."""
    maps = [p for p in parts if isinstance(p, dict)]
    if not maps:
        return {"nom": {joiner.join(p for p in parts if isinstance(p, str))}}
    cases = set(_CASES)
    for m in maps:
        cases &= set(m)
    result: dict[str, set[str]] = {}
    for case in cases:
        options = [sorted(p[case]) if isinstance(p, dict) else [p] for p in parts]
        combos = itertools.islice(itertools.product(*options), _MAX_COMBINATIONS)
        result[case] = {joiner.join(c) for c in combos}
    return result


def _expanded(name: str) -> str:
    """A unit's name with the abbreviations of Polish place names written out, as a question
    says it: 'Kostrzyn n/Odrą' -> 'Kostrzyn nad Odrą' (lang/grammar.toml, abbreviations)."""
    for short, full in vocabulary.load("grammar")["abbreviations"]:
        name = name.replace(short, full)
    return name


def inflect(name: str, *, polish: bool) -> set[str]:
    """Every form of a name, as written (not folded): "Grodzisk Mazowiecki" -> ..., "Grodziska Mazowieckiego".

    Foreign names (`polish=False`) inflect only through words Morfeusz knows as
    place names or adjectives, and through ordinary nouns next to them
    ("Kamień Koszyrski"); a lone "Bar" or "Most" stays as written.
    """
    tokens = words(name)
    if not tokens:
        return set()
    analysed = []
    for token in tokens:
        pieces = token.split("-")
        analysed.append([(piece, *_paradigm(piece, allow_common=True)) for piece in pieces])
    strong = any(tier in (1, 2) for token in analysed for _piece, tier, _m in token)
    token_maps: list[dict[str, set[str]] | str] = []
    for token, pieces in zip(tokens, analysed, strict=True):
        parts: list[dict[str, set[str]] | str] = []
        for piece, tier, by_case in pieces:
            usable = tier in (1, 2) or (tier == 3 and (polish or strong))
            parts.append(by_case if usable and by_case else piece)
        combined = _combine(parts, "-") if any(isinstance(p, dict) for p in parts) else token
        if polish and len(parts) > 1 and isinstance(parts[-1], dict) and isinstance(combined, dict):
            # "Bielsko-Białej" beside "Bielska-Białej": as said, only the last part declined
            for case, forms in _combine([*_pieces_as_written(pieces), parts[-1]], "-").items():
                combined.setdefault(case, set()).update(forms)
        token_maps.append(combined)
    forms = {" ".join(tokens)}
    for case_forms in _combine(token_maps, " ").values():
        forms |= case_forms
    return forms


def _pieces_as_written(pieces) -> list[str]:
    """All but the last piece of a hyphenated word, as written."""
    return [piece for piece, _tier, _by_case in pieces[:-1]]


def _adjective_forms(lemma: str) -> set[str]:
    """All positive-degree forms of a Polish adjective (słowacki -> słowackimi, słowackich, ...)."""
    forms = {lemma}
    for form, tag in _generate(lemma):
        pos, _n, _c, _g, degree = _tag_parts(tag)
        if pos == "adj" and degree == "pos":
            forms.add(form)
    return forms


# --------------------------------------------------------------------------- vocabulary


@lru_cache(maxsize=1)
def _ambiguous_words() -> frozenset[str]:
    return frozenset(
        fold(w) for w in vocabulary.load("names").get("ambiguous", {}).get("words", [])
    )


@lru_cache(maxsize=1)
def _powiat_words() -> frozenset[str]:
    return frozenset(fold(w) for w in vocabulary.load("cues")["cues"]["powiat"])


def _is_powiat_word(word: str) -> bool:
    """'powiat', 'powiatów', 'county'...: the words that let a powiat's adjective stand alone."""
    return fold(word) in _powiat_words() or any(fold(x) in _powiat_words() for x in lemmas(word))


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return frozenset(fold(w) for w in vocabulary.load("names").get("cues", {}).get("words", []))


@lru_cache(maxsize=1)
def _after_cue_words() -> frozenset[str]:
    return frozenset(fold(w) for w in vocabulary.load("names").get("cues", {}).get("after", []))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Folded question words of both languages (lang/pl.toml, lang/en.toml [vocabulary])."""
    found: set[str] = set()
    for language in ("pl", "en"):
        for phrase in vocabulary.load(language).get("vocabulary", {}).get("words", []):
            found.update(fold(w) for w in words(phrase))
    return frozenset(found)


def _is_stop_word(token: str) -> bool:
    stops = stop_words()
    folded = fold(token)
    if folded in stops:
        return True
    return any(fold(lemma) in stops for lemma in lemmas(token.lower()))


def _folded_form(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


# --------------------------------------------------------------------------- build


def build_entries(
    units: Iterable[tuple[str, str, str | None, str]],
    partners: Iterable[tuple[str, str]],
    countries: Iterable[str],
    alternates: Iterable[tuple[str, str, str]] = (),
) -> list[GazetteerEntry]:
    """Gazetteer entries for the names of the tables (run at ingestion; needs Morfeusz).

    units: (unit as written, base name, qualifier or None, "gmina" | "powiat"),
        e.g. ("Czernichów (pow. żywiecki)", "Czernichów", "pow. żywiecki", "gmina").
    partners: (partner variant as written, Polish country name); variants are
        already split: "Brest (Brześć)" gives ("Brest", ...) and ("Brześć", ...).
    countries: Polish country names as written in the tables.
    alternates: (side, unit label or partner variant, another name of it) from GeoNames.
    """
    units = list(units)
    partners = list({(v.strip(), c.strip()) for v, c in partners if v and v.strip()})
    countries = sorted({c.strip() for c in countries if c and c.strip()})
    entries: dict[tuple, GazetteerEntry] = {}

    def add(
        form_text: str,
        kind: Kind,
        key: str,
        unit_list: tuple[str, ...],
        name: str,
        origin: str,
        *,
        cased: bool = False,
    ) -> None:
        form = _folded_form(form_text)
        if not form:
            return
        forms = {form}
        if "-" in form:
            forms.add(" ".join(t for t in re.split(r"[\s-]+", form) if t))
        for f in forms:
            common = " " not in f and (is_common_word(form_text) or len(f) < 3)
            entry = GazetteerEntry(f, kind, key, unit_list, name, origin, common, cased)
            entries.setdefault((f, kind, key, unit_list), entry)

    # Units: every inflected form of the base name names all units of that base;
    # the full name as written names just that unit.
    by_base: dict[str, list[str]] = {}
    for written, base, _qualifier, _unit_type in units:
        by_base.setdefault(base.strip(), []).append(written.strip())
    for base, written_list in by_base.items():
        unit_list = tuple(sorted(set(written_list)))
        for form in inflect(base, polish=True) | inflect(_expanded(base), polish=True):
            add(form, "unit", base, unit_list, base, "unit")
        for written in unit_list:
            if written != base:
                add(written, "unit", base, (written,), written, "unit_full")
    # "siedlecki czy olecki?" in a question about powiats: a powiat's adjective alone.
    for written, base, _qualifier, unit_type in units:
        head, _, adjective = written.strip().partition(" ")
        if unit_type == "powiat" and fold(head) == "powiat" and adjective and " " not in adjective:
            for form in inflect(adjective, polish=True):
                add(form, "unit", base, (written.strip(),), written.strip(), "powiat_adjective")

    for variant, country in partners:
        for form in inflect(variant, polish=country == "Polska"):
            add(form, "partner", variant, (), variant, "partner")

    # Exonyms: every name of a place points at the variants/units that spell one of them.
    folded_variants: dict[str, list[tuple[str, str]]] = {}
    for variant, country in partners:
        folded_variants.setdefault(_folded_form(variant), []).append((variant, country))
    folded_bases = {_folded_form(base): base for base in by_base}
    for place in vocabulary.load("exonyms").get("place", []):
        names = place.get("names", [])
        country = place.get("country")
        targets = [
            (variant, c)
            for n in names
            for variant, c in folded_variants.get(_folded_form(n), [])
            if country is None or c == country
        ]
        bases = (
            [folded_bases[_folded_form(n)] for n in names if _folded_form(n) in folded_bases]
            if country in (None, "Polska")
            else []
        )
        for n in names:
            forms = inflect(n, polish=False)
            for variant, _c in targets:
                for form in forms:
                    add(form, "partner", variant, (), n, "exonym")
            for base in bases:
                unit_list = tuple(sorted(set(by_base[base])))
                for form in forms:
                    add(form, "unit", base, unit_list, n, "exonym")

    table = vocabulary.load("countries")
    for country in countries:
        data = table.get(country, {})
        cased = set(data.get("cased", []))
        for name in [country, *data.get("pl_aliases", [])]:
            for form in inflect(name, polish=True):
                add(form, "country", country, (), name, "country")
        for name in [data.get("en", ""), *data.get("en_aliases", []), *data.get("other_names", [])]:
            if name:
                add(name, "country", country, (), name, "country_alias", cased=name in cased)
        for lemma in data.get("pl_adjectives", []):
            for form in _adjective_forms(lemma):
                add(form, "country", country, (), lemma, "country_adjective")

    continents = vocabulary.load("continents")
    for code, names in continents.items():  # "w Azji", "European partners"
        if code == "words":
            continue
        for name in names.get("pl", []):
            for form in inflect(name, polish=True):
                add(form, "continent", code, (), name, "continent")
        for lemma in names.get("pl_adjectives", []):
            for form in _adjective_forms(lemma):
                add(form, "continent", code, (), lemma, "continent")
        for name in [*names.get("en", []), *names.get("en_adjectives", [])]:
            add(name, "continent", code, (), name, "continent")

    # GeoNames' other names of surely placed units and partners (Tschenstochau, Сянік, Lviv),
    # as written: a name already another's, or a question word, is left out.
    taken = {form for form, *_rest in entries} | stop_words() | _cue_words()
    unit_base = {written.strip(): base.strip() for written, base, _q, _t in units}
    for side, key, alternate in alternates:
        if _folded_form(alternate) in taken:
            continue
        if side == "unit" and key in unit_base:
            add(alternate, "unit", unit_base[key], (key,), alternate, "geonames")
        elif side == "partner":
            add(alternate, "partner", key, (), alternate, "geonames")

    # Country words are curated: only "cased" and listed ambiguous words need a capital.
    result = []
    for entry in entries.values():
        curated = entry.kind in ("country", "continent")
        if curated and entry.common and entry.form not in _ambiguous_words():
            entry = GazetteerEntry(**{**entry.__dict__, "common": False})
        result.append(entry)
    result.sort(key=lambda e: (e.form, e.kind, e.key, e.units))
    return result


# --------------------------------------------------------------------------- run time


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    folded: str
    capital: bool
    upper: bool
    initial: bool


@dataclass(frozen=True)
class _Candidate:
    start: int  # token index
    end: int
    entry: GazetteerEntry
    exact: bool
    score: float


def _named_as_written(chosen: list[_Candidate]) -> list[_Candidate]:
    """'jaworze' is the gmina Jaworze as written before it is Jawor in the locative: of two
    units read from one span, the one whose own name the span is wins."""
    by_span: dict[tuple[int, int], list[_Candidate]] = {}
    for c in chosen:
        if c.entry.kind == "unit":
            by_span.setdefault((c.start, c.end), []).append(c)
    dropped: set[int] = set()
    for group in by_span.values():
        own = [c for c in group if _folded_form(c.entry.name) == c.entry.form]
        if own and len({c.entry.key for c in group}) > 1:
            dropped.update(id(c) for c in group if c not in own)
    return [c for c in chosen if id(c) not in dropped]


class Gazetteer:
    """Names in questions, from the rows `build_entries()` made (no Morfeusz generation at run time)."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], list[GazetteerEntry]]]] = {}
        grouped: dict[tuple[str, ...], list[GazetteerEntry]] = {}
        for entry in entries:
            grouped.setdefault(tuple(entry.form.split(" ")), []).append(entry)
        for tokens, group in grouped.items():
            self._by_first.setdefault(tokens[0], []).append((tokens, group))
        for options in self._by_first.values():
            options.sort(key=lambda o: -len(o[0]))
        # Words of the data's own names: a typo is fuzzed towards these only, and a word that is
        # just some GeoNames alternate ("mnsk") does not stop "mnsk mazowiecki" from being fuzzed.
        self._vocabulary = {
            t
            for tokens, group in grouped.items()
            if any(e.origin != "geonames" for e in group)
            for t in tokens
        }
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for token in self._vocabulary:
            if len(token) >= _MIN_FUZZY_LENGTH - 1 and token.isalpha():
                self._buckets.setdefault((token[0], len(token)), []).append(token)
        self.size = sum(len(g) for g in grouped.values())

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence]) -> Gazetteer:
        """Rows in `GAZETTEER_COLUMNS` order (as stored by ingestion)."""
        return cls(
            GazetteerEntry(
                form, kind, key, tuple(units or ()), name, origin, bool(common), bool(cased)
            )
            for form, kind, key, units, name, origin, common, cased in rows
        )

    @classmethod
    def from_duckdb(cls, connection, table: str = "gazetteer") -> Gazetteer:
        columns = ", ".join(name for name, _type in GAZETTEER_COLUMNS)
        return cls.from_rows(connection.execute(f"SELECT {columns} FROM {table}").fetchall())

    # -- tokens

    @staticmethod
    def _tokens(text: str, split_hyphens: frozenset[int] = frozenset()) -> list[_Token]:
        tokens: list[_Token] = []
        position = 0
        for word in words(text):
            start = text.find(word, position)
            position = start + len(word)
            initial = not tokens or bool(_SENTENCE_END.search(text[:start]))
            pieces = [(word, start)]
            if start in split_hyphens:
                pieces, offset = [], start
                for piece in word.split("-"):
                    pieces.append((piece, offset))
                    offset += len(piece) + 1
            for piece, piece_start in pieces:
                tokens.append(
                    _Token(
                        piece,
                        piece_start,
                        piece_start + len(piece),
                        fold(piece),
                        piece[:1].isupper(),
                        piece.isupper(),
                        initial and piece_start == start,
                    )
                )
        return tokens

    def _alternatives(self, token: _Token) -> list[tuple[str, int]]:
        """Folded forms this token may stand for, with their edit distance."""
        folded = token.folded
        options = [(folded, 0)]
        if folded.endswith("'s") and len(folded) > 3:
            options.append((folded[:-2], 0))
        if (
            folded in self._vocabulary
            or len(folded) < _MIN_FUZZY_LENGTH - 1  # 4 letters: inside a longer name only
            or not folded.isalpha()
            or _is_stop_word(token.text)
            or _analyses(token.text.lower())
            and not _only_a_place(token.text.lower())
        ):
            return options
        for length in (len(folded) - 1, len(folded), len(folded) + 1):
            bucket = self._buckets.get((folded[0], length))
            if not bucket:
                continue
            for candidate, distance, _index in process.extract(
                folded, bucket, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                options.append((candidate, int(distance)))
        return options

    # -- matching

    def _accept(
        self,
        entry: GazetteerEntry,
        tokens: list[_Token],
        start: int,
        end: int,
        exact: bool,
        lenient: bool | frozenset[int] = False,
    ) -> bool:
        if entry.cased and not all(t.upper for t in tokens[start:end]):
            return False
        if entry.origin == "powiat_adjective" and not any(_is_powiat_word(t.text) for t in tokens):
            return False
        if end - start > 1:
            return True
        token = tokens[start]
        if _is_stop_word(token.text):
            return token.capital and not token.initial and exact
        if not entry.common:
            return True
        if not exact:
            # "sosnowec partners": a typo of a unit whose name is also a word ("sosnowiec", a pine
            # wood), in a question about partnerships; the typed word is no word of its own.
            return lenient is True and entry.kind == "unit" and len(token.folded) >= 6
        if start > 0 and tokens[start - 1].folded in _cue_words():
            return True
        followed = end < len(tokens) and tokens[end].folded in _after_cue_words()
        if not token.capital:
            # "łódź partnerzy", "brody": lower case is a name beside a partnership word, or alone.
            # As typed, "poznan" or "lodz" is no word of its own (only "poznań", "łódź" are).
            allowed = bool(lenient) and (
                lenient is True or token.start in lenient or not is_common_word(token.text)
            )
            return (
                followed or len(tokens) == 1 or (allowed and token.folded not in _ambiguous_words())
            )
        # A capital at the start of a sentence is no evidence, unless the word is the whole
        # message (an answer to "which one?"), "partners" follows, or the question is about
        # partnerships and the word names a Polish unit ("Konin czy Tczew – kto ma więcej
        # partnerów?", "Przemyśl czy Sanok?"; English homographs stay out).
        unit_in_context = (
            lenient is True and entry.kind == "unit" and token.folded not in _ambiguous_words()
        )
        return not token.initial or len(tokens) == 1 or followed or unit_in_context

    def _candidates(
        self, tokens: list[_Token], lenient: bool | frozenset[int] = False
    ) -> list[_Candidate]:
        alternatives = [dict(self._alternatives(t)) for t in tokens]
        found: list[_Candidate] = []
        for i, options in enumerate(alternatives):
            for first, first_distance in options.items():
                for form_tokens, group in self._by_first.get(first, ()):
                    n = len(form_tokens)
                    if i + n > len(tokens):
                        continue
                    distance = first_distance
                    for k in range(1, n):
                        d = alternatives[i + k].get(form_tokens[k])
                        if d is None:
                            break
                        distance += d
                    else:
                        if distance > 1:
                            continue
                        if distance and n == 1 and len(tokens[i].folded) < _MIN_FUZZY_LENGTH:
                            continue  # "mnsk mazowiecki" is Mińsk Mazowiecki; "mnsk" alone is no name
                        length = sum(len(t) for t in form_tokens)
                        score = round(1.0 - distance / max(length, 1), 3)
                        if distance and score < _MIN_FUZZY_SCORE:
                            # "Gotham" is not Gotha: a typo in a foreign name needs a longer one;
                            # a Polish unit's name or a country's Polish name does not ("Krakuw",
                            # "we fracji"), but a country's other names do ("steden" is no Zweden)
                            group = [e for e in group if e.kind == "unit" or e.origin == "country"]
                            if score < _MIN_FUZZY_UNIT_SCORE or not group:
                                continue
                        for entry in group:
                            if self._accept(entry, tokens, i, i + n, distance == 0, lenient):
                                found.append(_Candidate(i, i + n, entry, distance == 0, score))
        return found

    @staticmethod
    def _select(candidates: list[_Candidate]) -> list[_Candidate]:
        """Longest match wins; all alternatives of the winning span stay."""
        ranked = sorted(
            candidates, key=lambda c: (-(c.end - c.start), not c.exact, -c.score, c.start)
        )
        taken: list[tuple[int, int]] = []
        chosen: list[_Candidate] = []
        best: dict[tuple[int, int], _Candidate] = {}
        for c in ranked:
            span = (c.start, c.end)
            if span in best:
                top = best[span]
                if c.exact == top.exact and c.score == top.score:
                    chosen.append(c)
                continue
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            taken.append(span)
            best[span] = c
            chosen.append(c)
        return _named_as_written(chosen)

    def _find(
        self, question: str, split_hyphens: frozenset[int], lenient: bool | frozenset[int] = False
    ) -> tuple[list[Match], list[_Token]]:
        tokens = self._tokens(question, split_hyphens)
        chosen = self._select(self._candidates(tokens, lenient))
        merged: dict[tuple, Match] = {}
        for c in chosen:
            span = (tokens[c.start].start, tokens[c.end - 1].end)
            entry = c.entry
            if entry.name.endswith(")") and question[span[1] : span[1] + 1] == ")":
                span = (span[0], span[1] + 1)
            ident = (span, entry.kind, entry.key, entry.units)
            if ident in merged:
                continue
            merged[ident] = Match(
                kind=entry.kind,
                key=entry.key,
                units=entry.units,
                span=span,
                text=question[span[0] : span[1]],
                exact=c.exact,
                score=c.score,
                name=entry.name,
            )
        matches = self._merge_units(list(merged.values()))
        return matches, tokens

    @staticmethod
    def _merge_units(matches: list[Match]) -> list[Match]:
        """A span naming the same unit key through several forms keeps the widest list of units."""
        by_key: dict[tuple, Match] = {}
        for m in matches:
            ident = (m.span, m.kind, m.key)
            if m.kind == "unit" and ident in by_key:
                if len(m.units) > len(by_key[ident].units):
                    by_key[ident] = m
                continue
            by_key[ident] = m
        return sorted(by_key.values(), key=lambda m: (m.span, _KIND_ORDER[m.kind], m.key))

    def find(self, question: str, lenient: bool | frozenset[int] = False) -> list[Match]:
        """Names in the question, in order; same-span matches are alternatives.

        `lenient`: the question is about partnerships, so a lower-case word that is both a
        name and an ordinary Polish word ("łódź", "ruda", "lublina") is read as the name;
        True for every word, or the start offsets of the words it holds for.
        """
        matches, tokens = self._find(question, frozenset(), lenient)
        covered = [m.span for m in matches]
        # "polsko-słowackie": a hyphenated word that names nothing whole is tried part by part.
        split = frozenset(
            t.start
            for t in tokens
            if "-" in t.text and not any(s <= t.start < e for s, e in covered)
        )
        if split:
            matches, _tokens = self._find(question, split, lenient)
        return matches
