"""Dates as the pages write them -> ISO in the data, and back to words in the question's language.

Forms read: '30.06.2012 r.', '02.07.2015', 'z 1994 r.', 'w styczniu 2014 r.', 'w 2016 roku',
'since 1976', '(2013)', '(2002 r.)', '19 June 2010', 'June 2010', 'January 2014'.
ISO keeps only what is written: '2012-06-30', '2014-01', '1994'; a decade ('od wczesnych lat
pięćdziesiątych', 'since the early 1950s') is '195X' (ISO 8601-2), early or late kept beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import fold
from assistant.vocabulary import load

YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass(frozen=True)
class Date:
    iso: str  # '2012-06-30', '2014-01' or '1994'
    start: int  # where the written date starts and ends in the text
    end: int
    since: bool = False  # written 'since 1976' / 'od 1992'
    part: str = ""  # of a decade: 'early', 'late' or ''

    @property
    def year(self) -> int:
        return int(self.iso[:4].replace("X", "0"))


@lru_cache(maxsize=1)
def _month_stems() -> list[tuple[str, int]]:
    """(folded stem, month number) for every month name form of the page_answers files."""
    stems: list[tuple[str, int]] = []
    for lang in ("pl", "en"):
        data = load(f"page_answers_{lang}")["dates"]
        for number, forms in enumerate(data["month_stems"], 1):
            stems.extend((fold(stem), number) for stem in forms)
    return sorted(stems, key=lambda s: -len(s[0]))


_DAY = re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.\s?({YEAR})(?!\d)")
_WORDS = re.compile(rf"(?:(\d{{1,2}})\s+)?([^\W\d_]{{3,}})\s+({YEAR})(?!\d)")
_YEAR = re.compile(rf"(?<![\d.])({YEAR})(?![\d])")
_SINCE = re.compile(r"(?:since|od)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _decades() -> tuple[list[tuple[str, int]], dict[str, str]]:
    """(folded stem of a decade word, its first year), and early/late words -> 'early'/'late'."""
    stems: list[tuple[str, int]] = []
    parts: dict[str, str] = {}
    for lang in ("pl", "en"):
        data = load(f"page_answers_{lang}")["dates"]
        stems += [(fold(stem), int(year)) for stem, year in data["decade_stems"].items()]
        parts.update({fold(w): part for part, ws in data["decade_parts"].items() for w in ws})
    return sorted(stems, key=lambda s: -len(s[0])), parts


_DECADE = re.compile(
    r"(?:(?P<part>[^\W\d_]+)\s+)?(?:lat(?:ach)?\s+(?P<pl>[^\W\d_]+)|(?:the\s+)?(?P<digits>1[89]\d0)s"
    r"|(?P<en>[a-z]+ties))",
    re.IGNORECASE,
)


def _decade(m: re.Match) -> tuple[int, str] | None:
    stems, parts = _decades()
    if m["digits"]:
        first = int(m["digits"])
    else:
        word = fold(m["pl"] or m["en"])
        first = next((year for stem, year in stems if word.startswith(stem)), None)
        if first is None:
            return None
    return first, parts.get(fold(m["part"] or ""), "")


def _month(word: str) -> int | None:
    folded = fold(word)
    for stem, number in _month_stems():
        if folded.startswith(stem):
            return number
    return None


def find_dates(text: str) -> list[Date]:
    """Every date written in `text`, in order, each with its ISO form."""
    found: list[Date] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        since = bool(_SINCE.search(text[max(0, start - 12) : start]))
        found.append(Date(iso, start, end, since))

    for m in _DAY.finditer(text):
        day, month = int(m[1]), int(m[2])
        if 1 <= day <= 31 and 1 <= month <= 12:
            add(f"{m[3]}-{month:02d}-{day:02d}", m.start(), m.end())
    for m in _WORDS.finditer(text):
        month = _month(m[2])
        if month is None:
            continue
        if m[1] and 1 <= int(m[1]) <= 31:
            add(f"{m[3]}-{month:02d}-{int(m[1]):02d}", m.start(), m.end())
        else:
            add(f"{m[3]}-{month:02d}", m.start(2), m.end())
    for m in _DECADE.finditer(text):
        decade = _decade(m)
        if decade is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first, part = decade
        start = m.start("part") if part else m.start() + (len(m[0]) - len(m[0].lstrip()))
        taken.append((m.start(), m.end()))
        since = bool(_SINCE.search(text[max(0, start - 12) : start]))
        found.append(Date(f"{str(first)[:3]}X", start, m.end(), since, part))
    for m in _YEAR.finditer(text):
        add(m[1], m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def written(date: Date | str, lang: str, since: bool | None = None) -> str:
    """'2010-06-19' -> 'on 19 June 2010' / '19 czerwca 2010 r.'; '1976' (since) -> 'since 1976'."""
    iso = date.iso if isinstance(date, Date) else date
    if since is None:
        since = isinstance(date, Date) and date.since
    data = load(f"page_answers_{lang}")["dates"]
    if iso.endswith("X"):
        part = date.part if isinstance(date, Date) else ""
        decade = int(iso[:3] + "0")
        words = data["decade_part_words"].get(part, "")
        key = ("decade_since" if since else "decade") + ("_part" if words else "")
        return data[key].format(part=words, decade=decade, short=decade % 100)
    parts = iso.split("-")
    year = int(parts[0])
    if since:
        return data["since"].format(year=year)
    if len(parts) == 3:
        month = data["months_day"][int(parts[1]) - 1]
        return data["day"].format(day=int(parts[2]), month=month, year=year)
    if len(parts) == 2:
        return data["month"].format(month=data["months_in"][int(parts[1]) - 1], year=year)
    return data["year"].format(year=year)
