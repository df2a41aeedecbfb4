"""Partner lists of the city pages as rows: who partners whom, since when, in what form, and where it says so.

Two generic shapes are read:
  list lines     "Rovaniemi (Finland) – since 1976", "1.5. Kaliningrad (Rosja) – (2002 r.) umowa ..."
  sentences      "... signed cooperation agreements with Halmstadt in Sweden (2003) and ...
                  with the Italian province of Perugia (2004)."
Everything is kept as written on the page; `year` is the earliest year on the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.passages import boilerplate_rule
from assistant.text import lemmas, words
from assistant.vocabulary import load


@dataclass(frozen=True)
class PageFact:
    source: str
    line: int  # 1-based line of the page text
    owner: str  # the Polish city the page is about: 'Białystok'
    partner: str  # as written: 'Kowno', 'Lutsk'
    country: str  # as written: 'Litwa', 'Finland'
    date_text: str | None  # as written: 'since 1976', '30.06.2012 r.'
    year: int | None  # earliest year of the relation on that line
    form: str | None  # as written: 'list intencyjny', 'cooperation agreements'
    status: str | None  # 'wygasła', 'nieaktualne', 'odnowiony' or None
    quote: str  # the line, verbatim


# Forms of a relation, as a page may write them (first match in the line wins the `form`).
FORM_PATTERNS = [
    r"list(?:y|u)? intencyjn\w*",
    r"umow\w* o (?:współpracy|partnerstwie)\w*",
    r"umow\w* partnersk\w*",
    r"porozumieni\w*",
    r"memorandum",
    r"deklaracj\w*(?: ws\. współpracy)?",
    r"oświadczeni\w*",
    r"letters? of intent",
    r"(?:cooperation|partnership|twinning|friendship) agreements?",
    r"agreements? (?:on|of) (?:cooperation|partnership)",
    r"partner(?:ship)? cit(?:y|ies)",
    r"miast[oa] partnerski\w*",
]
# Status words; the last one on a line is the relation's state ('(z 1994 r. wygasł), odnowiony').
STATUS_PATTERNS = [
    (r"\bwygasł\w*|\bexpired\b", "wygasła"),
    (r"\bnieaktualn\w*|\bno longer valid\b|\binactive\b", "nieaktualne"),
    (r"\bodnowion\w*|\brenewed\b", "odnowiony"),
]
MONTHS = (
    r"(?:stycz|lut|mar|kwie|maj|czerw|lip|sierp|wrze|październik|listopad|grud)\w*"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
)
YEAR = r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)"
DATE = re.compile(
    rf"(?:(?:since|od)\s+)?(?:\d{{1,2}}\.\d{{1,2}}\.\s?|(?:w\s+)?(?:{MONTHS})\s+)?{YEAR}(?:\s*r\.)?",
    re.IGNORECASE,
)
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
# 'Kowno (Litwa) – list ...': a capitalised name, the country in brackets, a dash.
LIST_LINE = re.compile(
    rf"^\s*{_NUMBER}(?P<partner>[A-ZŁŚŻŹĆÓ][^\W\d][\w'’.-]*(?: [\w'’.-]+){{0,4}}?)\s*"
    r"\((?P<country>[^()]{2,60})\)\s*[–—-]\s*(?P<rest>.*)$"
)
# '... with Halmstadt in Sweden (2003)', '... with the Italian province of Perugia (2004)'.
SENTENCE_PARTNER = re.compile(
    r"\bwith (?:the )?(?:(?P<adjective>[A-Z]\w+) (?:province|region|city|town|municipality|county) of )?"
    r"(?P<partner>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)(?: in (?P<country>[A-Z][\w ]+?))?\s*\((?P<year>\d{4})\)"
)
TITLE_WORDS = {
    "partner",
    "partners",
    "cities",
    "city",
    "miasta",
    "miasto",
    "partnerskie",
    "współpraca",
}


def extract_page_facts(source: str, text: str) -> list[PageFact]:
    lines = text.splitlines()
    owner = page_owner(lines)
    facts: list[PageFact] = []
    heading = ""  # the last line introducing a list ('Partner cities of Olsztyn:')
    for number, line in enumerate(lines, 1):
        if not line.strip() or boilerplate_rule(line):
            continue
        if line.rstrip().endswith(":"):
            heading = line
        found = _list_fact(source, number, line, owner, heading)
        facts.extend(found or _sentence_facts(source, number, line, owner))
    return facts


def page_owner(lines: list[str]) -> str:
    """The city a page is about: the first proper name of its title ('Olsztyn's partner cities')."""
    for line in lines[:10]:
        if not line.strip() or boilerplate_rule(line):
            continue
        for word in words(line.replace("’", "'")):
            name = word.removesuffix("'s")
            if name[:1].isupper() and name.lower() not in TITLE_WORDS:
                return _nominative(name)
        return ""  # the title names no city
    return ""


def _nominative(name: str) -> str:
    """'Białegostoku' -> 'Białystok' (a capitalised lemma); other names stay as written."""
    proper = [lemma for lemma in lemmas(name) if lemma[:1].isupper()]
    return proper[0] if proper else name


def _list_fact(source: str, number: int, line: str, owner: str, heading: str) -> list[PageFact]:
    match = LIST_LINE.match(line)
    if not match or not re.search(YEAR, match["rest"]):
        return []
    rest = match["rest"]
    date = DATE.search(rest)
    country = match["country"].split(",")[-1].strip()  # 'Virginia, the United States of America'
    return [
        PageFact(
            source=source,
            line=number,
            owner=owner,
            partner=match["partner"].strip(),
            country=country,
            date_text=date.group(0).strip() if date else None,
            year=_earliest_year(rest),
            # 'Rovaniemi (Finland) – since 1976' says no form: its list heading does.
            form=_form(rest) or _form(heading),
            status=_status(rest),
            quote=line,
        )
    ]


def _sentence_facts(source: str, number: int, line: str, owner: str) -> list[PageFact]:
    form = _form(line)
    if not form:
        return []
    facts = []
    for match in SENTENCE_PARTNER.finditer(line):
        country = match["country"] or _country_of_adjective(match["adjective"] or "")
        facts.append(
            PageFact(
                source=source,
                line=number,
                owner=owner,
                partner=match["partner"],
                country=country or "",
                date_text=match["year"],
                year=int(match["year"]),
                form=form,
                status=_status(line),
                quote=line,
            )
        )
    return facts


def _form(text: str) -> str | None:
    found = [m for p in FORM_PATTERNS for m in re.finditer(p, text, re.IGNORECASE)]
    return min(found, key=lambda m: m.start()).group(0) if found else None


def _status(text: str) -> str | None:
    found = [
        (m.start(), value)
        for p, value in STATUS_PATTERNS
        for m in re.finditer(p, text, re.IGNORECASE)
    ]
    return max(found)[1] if found else None


def _earliest_year(text: str) -> int | None:
    years = [int(y) for y in re.findall(YEAR, text)]
    return min(years) if years else None


def _country_of_adjective(adjective: str) -> str:
    """'Italian' -> 'Italy', through the country vocabulary (English names and adjectives)."""
    for entry in load("countries").values():
        if isinstance(entry, dict) and adjective in entry.get("en_aliases", []):
            return entry.get("en", "")
    return ""
