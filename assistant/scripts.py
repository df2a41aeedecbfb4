"""Visitors who write in another language: Cyrillic names read as the data spells them,
and the language of a question that is neither Polish nor English.

The survey spells places in Latin letters, mostly in Polish: "Гданьск" / "Гданськ" is
Gdańsk, "Люблін" is Lublin, "Львів" is Lwów or L'viv. A Cyrillic word is replaced by the
first of its transliterations that the gazetteer knows; other words stay as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF\u02BC'’-]+")

# Polish-style transcription (Gdańsk, Lublin) and a plain one (Gdansk, Liublin).
_BASE = {
    "а": "a", "б": "b", "в": "w", "д": "d", "е": "e", "ж": "ż", "з": "z", "и": "i", "й": "j",
    "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "",
    "ы": "y", "э": "e", "і": "i", "ґ": "g", "ў": "u",
}  # fmt: skip
_IOTATED = {"я": "a", "ю": "u", "е": "e", "ё": "o", "є": "e", "ї": "i"}
_SOFT = {"н": "ń", "с": "ś", "з": "ź", "ц": "ć", "л": "l", "т": "t", "д": "d", "р": "r"}
_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def transliterations(word: str, ukrainian: bool) -> list[str]:
    """Latin spellings of a Cyrillic word, the Polish-style transcription first."""
    out = []
    for g in ("h", "g") if ukrainian else ("g", "h"):
        latin = _polish_style(word, ukrainian, g)
        out.append(latin)
        if ukrainian:  # Ukrainian і for Polish ó in a closed syllable: Краків = Kraków
            out.append(re.sub(r"i(?=[^aeiouy]+$)", "ó", latin))
    return list(dict.fromkeys(out))


def _polish_style(word: str, ukrainian: bool, g: str) -> str:
    letters = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if ch == "г":
            out = g
        elif ch == "и":
            out = "y" if ukrainian else "i"
        elif ch == "е" and ukrainian:
            out = "e"
        elif ch == "л":
            out = "l" if nxt in _IOTATED or nxt in ("ь", "і") else "ł"
        elif ch in _IOTATED:
            if prev == "л":
                out = _IOTATED[ch]
            elif not prev or prev in _VOWELS or prev in ("ь", "ъ", "'", "’", "ʼ"):
                out = "j" + _IOTATED[ch]
            else:
                out = "i" + _IOTATED[ch]
            if ch == "е" and not ukrainian and prev and prev not in _VOWELS:
                out = "e"
        elif ch == "ь":
            if letters and prev in _SOFT:
                letters[-1] = _SOFT[prev]
            out = ""
        else:
            out = _BASE.get(ch, ch)
        letters.append(out)
    text = "".join(letters)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def latinise_names(text: str, knows) -> str:
    """Replace Cyrillic words (or two-word names) by a transliteration `knows(latin)` accepts."""
    if not has_cyrillic(text):
        return text
    ukrainian = bool(re.search(r"[іїєґІЇЄҐ]", text))
    spans = [m.span() for m in _CYRILLIC_WORD.finditer(text)]
    out, position, i = [], 0, 0
    while i < len(spans):
        replaced = False
        for n in (2, 1):
            if i + n > len(spans):
                continue
            start, end = spans[i][0], spans[i + n - 1][1]
            if n == 2 and text[spans[i][1] : spans[i + 1][0]].strip():
                continue
            chunk = text[start:end]
            for latin in _phrase_variants(chunk, ukrainian):
                if knows(latin):
                    out.append(text[position:start] + latin)
                    position, i, replaced = end, i + n, True
                    break
            if replaced:
                break
        if not replaced:
            i += 1
    out.append(text[position:])
    return "".join(out)


def _phrase_variants(chunk: str, ukrainian: bool) -> list[str]:
    parts = re.split(r"(\s+|-)", chunk)
    variants = [""]
    for part in parts:
        if not part or not has_cyrillic(part):
            variants = [v + part for v in variants]
            continue
        variants = [v + t for v in variants for t in transliterations(part, ukrainian)][:8]
    return variants


# Letters that only some of the visitors' languages write (names masked first).
_LETTERS = {
    "de": "äöüßÄÖÜ", "cs": "ěřůáíýúčšžťďňĚŘŮÁÍÝÚČŠŽŤĎŇ",
    "sk": "äľĺŕôáíýúčšžťďňĽĹŔÔÁÍÝÚČŠŽŤĎŇ", "lt": "ėįųūĖĮŲŪ",
    "fr": "éèêàçùâîôûëïÉÈÊÀÇ", "es": "ñ¿¡Ñ", "it": "ìòÌÒ",
}  # fmt: skip
OTHER_LANGUAGES = ("de", "uk", "ru", "cs", "sk", "lt", "fr", "es", "it", "nl")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.POLISH, Language.ENGLISH, Language.GERMAN, Language.UKRAINIAN,
                 Language.RUSSIAN, Language.CZECH, Language.SLOVAK, Language.LITHUANIAN,
                 Language.FRENCH, Language.SPANISH, Language.ITALIAN, Language.DUTCH]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*languages).build()


_CODES = {"GERMAN": "de", "UKRAINIAN": "uk", "RUSSIAN": "ru", "CZECH": "cs", "SLOVAK": "sk",
          "LITHUANIAN": "lt", "FRENCH": "fr", "SPANISH": "es", "ITALIAN": "it", "POLISH": "pl",
          "ENGLISH": "en", "DUTCH": "nl"}  # fmt: skip


def other_language(original: str, masked: str, votes: tuple[int, int]) -> str | None:
    """The visitor's language when it is neither Polish nor English, else None.

    `masked` is the question with its names blanked; `votes` the Polish and English
    vocabulary evidence. Polish typed without diacritics must stay Polish, so lingua
    decides only with no Polish evidence or with letters Polish does not write.
    """
    if has_cyrillic(original):
        return "uk" if re.search(r"[іїєґІЇЄҐ]", original) else "ru"
    polish, english = votes
    lettered = [code for code, letters in _LETTERS.items() if set(letters) & set(masked)]
    written = len(re.findall(r"[^\W\d_]{2,}", masked))
    # English evidence counts when it is at least half the words: "partners" and "in" in a
    # Dutch question ("Welke Poolse gemeenten hebben partners in …") do not make it English.
    if not lettered and (polish or english > 1 and 2 * english >= written):
        return None
    if written < 2:
        return None
    values = _detector().compute_language_confidence_values(masked)
    if not values:
        return None
    best = values[0]
    code = _CODES.get(best.language.name)
    if code in OTHER_LANGUAGES and (lettered or best.value >= 0.6):
        return code
    if lettered:  # letters Polish never writes ("Má … partnerov"): the likeliest that has them
        return next((c for v in values if (c := _CODES.get(v.language.name)) in lettered), None)
    return None
