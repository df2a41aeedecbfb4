"""Coverage: every word of a question is consumed by the plan or is a known function word.

The parser marks what it used (names, cue phrases, years and numbers, topic words, a
region); `leftover()` returns what is left, as the question's own phrases, classified:
- `unknown_name`: a word in a name's place that no table or page knows ("Atlantis");
- `content`: a noun or adjective the plan could not apply ("Virginia", "budget").
Function words (lang/*.toml [vocabulary], lang/coverage.toml, Polish function classes by
Morfeusz: prepositions, conjunctions, particles, pronouns, verbs, adverbs) are never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.gazetteer import _analyses, stop_words
from assistant.text import fold, with_diacritics
from assistant.vocabulary import load

# Morfeusz classes that carry no constraint of their own.
_FUNCTION_CLASSES = {
    "prep", "conj", "comp", "qub", "ppron12", "ppron3", "siebie", "adv", "interj", "pred",
    "fin", "praet", "inf", "impt", "imps", "bedzie", "aglt", "winien", "pcon", "pant", "num",
    "burk", "part", "ger", "pact", "ppas", "adja", "adjp", "adjc",
}  # fmt: skip
# Words after which a Polish unit's name is expected ("powiatu X", "gmina X", "the town of X").
_UNIT_SLOT = {"powiat", "powiatu", "powiecie", "gmina", "gminy", "gminie", "miasto", "miasta",
              "mieście", "miescie", "county", "municipality", "commune"}  # fmt: skip
# Words after which a name is expected ("partners of X", "partnerzy X", "z X").
_NAME_SLOT = {"of", "with", "for", "z", "ze", "dla", "w", "we", "in", "to", "do", "od", "u"}


@dataclass
class Leftover:
    text: str
    kind: str  # unknown_name | content
    index: int
    unit_slot: bool = False  # right after "gmina", "powiatu", "town of": a Polish unit's place
    place: bool = False  # Morfeusz knows it only as a place's name ("przasnysz")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    known = set(stop_words())
    cues = load("cues")
    for phrases in [*cues["cues"].values(), *cues["exclusion"].values()]:
        known.update(w for p in phrases for w in fold(p).replace("~", "").split())
    data = load("coverage")
    for words in data["function_words"].values():
        known.update(fold(w) for w in words)
    return frozenset(known)


def is_listed_function_word(token) -> bool:
    """A word of lang/coverage.toml's lists (greetings, fillers, 'according'), not a verb
    Morfeusz knows: a page question's verb ('opiera się') still says what it asks."""
    return bool(token.keys & _listed())


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(
        fold(w) for words in load("coverage")["function_words"].values() for w in words
    )


def _transposed(word: str) -> set[str]:
    """The word with two neighbouring letters swapped ('teh' -> 'the')."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def is_function_word(token) -> bool:
    if token.keys & _known():
        return True
    if len(token.text) >= 3 and token.text.isalpha() and _transposed(fold(token.text)) & _known():
        return True  # a function word typed with two letters swapped ("teh", "adn", "wiht")
    analyses = polish_analyses(token.text)
    if not analyses:
        return False
    return all(tag.split(":", 1)[0] in _FUNCTION_CLASSES for _lemma, tag, _q in analyses)


def _polish_knows(token) -> bool:
    return bool(polish_analyses(token.text))


def polish_analyses(word: str):
    """Morfeusz's readings of a word, or of it with its diacritics restored ('polozone')."""
    return _analyses(word.lower()) or _analyses(with_diacritics(word) or word.lower())


def leftover(
    tokens, consumed: set[int], *, foreign: bool = False, polish: bool = False
) -> list[Leftover]:
    """The tokens nothing consumed and that are not function words, classified."""
    found: list[Leftover] = []
    for i, token in enumerate(tokens):
        if i in consumed or token.text.isdigit() or not any(c.isalpha() for c in token.text):
            continue
        if is_function_word(token) and not _passive_predicate(tokens, i):
            continue
        capital = (
            token.text[:1].isupper()
            and not token.text.isupper()
            or len(token.text) > 1
            and token.text.isupper()
        )
        previous = fold(tokens[i - 1].text) if i > 0 else ""
        following = fold(tokens[i + 1].text) if i + 1 < len(tokens) else ""
        after_word = previous in _NAME_SLOT or (
            i > 0 and bool(tokens[i - 1].keys & {"partner", "partnerzy"})
        )
        # "Gotham partner cities", "dukla sister cities": before a partner word, a name's place
        before_partner = following.startswith(("partner", "twin", "sister", "siostr"))
        common = not capital and _polish_common(token)  # "ze znajomym": no name
        slot = before_partner or after_word and not common
        if foreign and (not capital or i == 0):
            continue  # the words of a question in another language: only names can be read
        unknown_polish = polish and len(token.text) > 3 and not _polish_knows(token)
        if (
            capital
            and (i > 0 or polish and not _polish_knows(token))
            or slot
            and len(token.text) > 2
            or (
                unknown_polish  # "czy kielczyn ma …": no Polish word, so a name nobody knows
            )
        ):
            # a capitalised word, or any word in a name's place ("twinned with hamburg",
            # "partners of atlantis"): a place the data does not know
            unit_slot = i > 0 and fold(tokens[i - 1].text) in _UNIT_SLOT
            found.append(
                Leftover(token.text, "unknown_name", i, unit_slot, place=_place_name(token))
            )
        elif _place_name(token):
            # "does radzymin have any twin towns": Morfeusz knows it only as a place's name
            unit_slot = i > 0 and fold(tokens[i - 1].text) in _UNIT_SLOT
            found.append(Leftover(token.text, "unknown_name", i, unit_slot, place=True))
        elif i > 0 and fold(tokens[i - 1].text) in _UNIT_SLOT and _names_a_unit(token):
            # "partnerstwa powiatu zgorzeleckiego": a unit the survey does not hold
            found.append(Leftover(token.text, "unknown_name", i, True))
        elif len(token.text) > 2:
            found.append(Leftover(token.text, "content", i))
    return _joined(found, tokens)


def _passive_predicate(tokens, i: int) -> bool:
    """'zostały zerwane', 'są zawieszone': a participle after 'być'/'zostać' is what the question
    asks of the rows (a state the survey may not record), no function word."""
    if i == 0 or not tokens[i - 1].keys & {"zostac", "byc"}:
        return False
    analyses = polish_analyses(tokens[i].text)
    return bool(analyses) and all(tag.startswith(("ppas", "pact")) for _l, tag, _q in analyses)


def _polish_common(token) -> bool:
    """A word Polish knows as an ordinary noun or adjective ('znajomym', 'piwie'), never as a
    place's name."""
    analyses = polish_analyses(token.text)
    if any("nazwa_geograficzna" in qualifiers for _lemma, _tag, qualifiers in analyses):
        return False
    return any(
        "nazwa_pospolita" in qualifiers or tag.startswith("adj")
        for _lemma, tag, qualifiers in analyses
    )


def _place_name(token) -> bool:
    """A word whose every Polish reading is a geographic name ('radzymin', 'Pcimia')."""
    analyses = polish_analyses(token.text)
    return bool(analyses) and all(
        "nazwa_geograficzna" in qualifiers and lemma[:1].isupper()
        for lemma, _tag, qualifiers in analyses
    )


_POWIAT_ADJECTIVE = ("ski", "cki", "dzki", "skiego", "ckiego", "dzkiego", "skim", "ckim", "dzkim")


def _names_a_unit(token) -> bool:
    """After 'powiatu', 'gmina': a powiat's adjective ('zgorzeleckiego') or a word Polish does
    not know; an ordinary word ('położone') is no name."""
    folded = fold(token.text)
    return len(folded) > 3 and (folded.endswith(_POWIAT_ADJECTIVE) or not _polish_knows(token))


def _joined(found: list[Leftover], tokens) -> list[Leftover]:
    """Neighbouring leftovers of one kind are one phrase ("Wielkie Zadupie Górne")."""
    phrases: list[Leftover] = []
    for item in found:
        last = phrases[-1] if phrases else None
        if last and last.kind == item.kind and item.index == last.index + 1:
            last.text = f"{last.text} {item.text}"
            last.index = item.index
        else:
            phrases.append(
                Leftover(item.text, item.kind, item.index, item.unit_slot, place=item.place)
            )
    return phrases


@lru_cache(maxsize=1)
def _openings() -> tuple[str, ...]:
    phrases = {fold(p) for p in load("coverage")["courtesy"]["openings"]}
    return tuple(sorted(phrases, key=len, reverse=True))


def strip_courtesy(text: str) -> str:
    """'Dzień dobry, partnerzy Łodzi' -> 'partnerzy Łodzi'; 'Hello, 2' -> '2'.

    Only whole openings followed by a break (comma, colon, dash, end of the phrase) go; a
    message that is nothing but courtesy stays as it is.
    """
    rest = text
    while True:
        stripped = rest.lstrip(" ,.;:!-–—")
        folded = fold(stripped)
        for opening in _openings():
            if folded.startswith(opening) and (
                len(folded) == len(opening) or not folded[len(opening)].isalnum()
            ):
                stripped = stripped[len(opening) :]
                break
        else:
            break
        if not stripped.strip(" ,.;:!?-–—"):
            return text
        rest = stripped
    result = rest.lstrip(" ,.;:!-–—")
    return result[:1].upper() + result[1:] if text[:1].isupper() and result else result
