"""A page's text -> passages: numbered sections, list items and paragraphs, boilerplate flagged.

Every passage keeps the 1-based line range it came from, and its `text` is exactly
those lines, so a citation can quote it verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text import fold

MAX_PASSAGE_CHARS = 1500  # a longer run of lines is cut at a line boundary


@dataclass(frozen=True)
class Passage:
    source: str  # corpus path: 'corpus/pages/olsztyn-partner-cities.txt'
    start_line: int  # 1-based, inclusive
    end_line: int  # 1-based, inclusive
    text: str  # the lines start..end joined with "\n", verbatim
    section: str = ""  # '1.5', or the heading the passage stands under
    boilerplate: bool = False
    # The page title and the headings above the passage. It is searched and embedded
    # with the text (so "Rovaniemi (Finland) – since 1976" knows it is about Olsztyn),
    # but never quoted.
    context: str = ""

    @property
    def id(self) -> str:
        return f"{self.source}#L{self.start_line}-L{self.end_line}"

    @property
    def search_text(self) -> str:
        """Context plus text, with line-break hyphenation undone: what search and embedding see."""
        return clean(f"{self.context}\n{self.text}" if self.context else self.text)


@dataclass(frozen=True)
class BoilerplateRule:
    name: str
    pattern: str  # a regular expression over the folded (lower-case ASCII) block text
    footer: bool = False  # everything after a match is site footer too


# Site furniture, recognised by what it says (matched against the folded text of a block).
BOILERPLATE_RULES: list[BoilerplateRule] = [
    BoilerplateRule("skip-link", r"^(idz do tresci|przejdz do tresci|skip to (main )?content)$"),
    BoilerplateRule(
        "accessibility", r"change contrast|zmien kontrast|add to favourites|dodaj do ulubionych"
    ),
    BoilerplateRule("cookies", r"\bcookie|ciasteczk"),
    BoilerplateRule("download-link", r"download icon|^pobierz$"),
    BoilerplateRule(
        "newsletter", r"zapisz sie do newslettera|subscribe to (our )?newsletter", footer=True
    ),
    BoilerplateRule("newsletter", r"newsletter"),
    BoilerplateRule(
        "personal-data",
        r"dan(e|ych|ymi) osobow|ochron(a|y) danych|\brodo\b|wycofania zgody|skargi do organu"
        r"|personal data|privacy policy|polityka prywatnosci",
    ),
    BoilerplateRule(
        "show-more", r"^(wiecej|mniej|pokaz wiecej|zwin|more|less|show more|read more)$"
    ),
    BoilerplateRule(
        "site-menu",
        r"^(media gallery|galeria( zdjec)?|multimedia|kalendarz wydarzen|dokumenty|aktualnosci"
        r"|print|drukuj|share|udostepnij)$",
    ),
    BoilerplateRule("publisher-footer", r"narodowy instytut samorzadu terytorialnego", footer=True),
]

_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]\s+(?=\S)")
_BULLET = re.compile(r"^\s*[•·▪◦*]\s+")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(?=\w)")
_TERMINAL = tuple(".!?:;")


def clean(text: str) -> str:
    """Join words broken across lines ('rozwi- \\n\\n jania' -> 'rozwijania') and collapse spaces."""
    return " ".join(_HYPHEN_BREAK.sub(r"\1", text).split())


def boilerplate_rule(text: str) -> BoilerplateRule | None:
    """The first boilerplate rule that a block of text matches, or None for content."""
    folded = " ".join(fold(text).split())
    for rule in BOILERPLATE_RULES:
        if re.search(rule.pattern, folded):
            return rule
    return None


def count_boilerplate(passages: list[Passage]) -> int:
    return sum(p.boilerplate for p in passages)


@dataclass
class _Block:
    start: int
    end: int
    kind: str  # 'numbered', 'bullet', 'item' (of a list under a heading), 'paragraph', 'heading'
    label: str = ""  # number of a numbered block: '1.5'
    parent: str = ""  # the heading of the list an item belongs to
    chars: int = 0
    lines: list[str] = field(default_factory=list)


def split_page(source: str, text: str) -> list[Passage]:
    """Split a page's text into passages (boilerplate included, flagged)."""
    lines = text.splitlines()
    blocks = _blocks(lines)
    return _passages(source, lines, blocks)


def _kind(line: str) -> str:
    if _NUMBERED.match(line):
        return "numbered"
    if _BULLET.match(line):
        return "bullet"
    return "text"


def _ends_with_hyphen(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) > 1 and stripped[-1] in "-‐" and stripped[-2].isalpha()


def _continues(block: _Block, prev: str, line: str, gap: int) -> bool:
    """Does `line` (after `gap` blank lines) continue `block`, whose last line is `prev`?"""
    if _kind(line) != "text" or block.kind == "heading" or gap > 1:
        return False
    if block.chars > MAX_PASSAGE_CHARS:
        return False
    first = line.strip()[:1]
    if first.islower() or _ends_with_hyphen(prev):
        return True
    open_ended = not prev.rstrip().endswith(_TERMINAL)
    if block.kind == "numbered":
        # A numbered point runs on until a blank line follows a finished sentence
        # (Białystok 1.1 holds a second partner on the next line).
        return gap == 0 or open_ended
    if block.kind == "bullet":
        return gap == 0 or (open_ended and line[:1].isspace())
    if block.kind == "item":
        return False
    return gap == 0 and open_ended


def _is_heading(lines: list[str], i: int, gap_before: int) -> bool:
    """A line of its own in capitals, or a short line ending with ':' that a list follows."""
    line = lines[i].strip()
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and gap_before:
        return True
    follows = i + 1 < len(lines) and lines[i + 1].strip() != ""
    return line.endswith(":") and len(line) <= 100 and follows and _kind(lines[i + 1]) == "text"


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    list_heading = ""  # inside a list: every following line is an item, until a blank line
    gap = 1
    for i, line in enumerate(lines):
        if not line.strip():
            gap += 1
            list_heading = ""
            continue
        if current and _continues(current, lines[current.end - 1], line, gap):
            current.end = i + 1
        else:
            current = _start_block(lines, i, gap, list_heading)
            blocks.append(current)
            if current.kind == "heading" and lines[i].strip().endswith(":"):
                list_heading = line.strip()
        current.chars += len(line)
        gap = 0
    return blocks


def _start_block(lines: list[str], i: int, gap: int, list_heading: str) -> _Block:
    line = lines[i]
    kind = _kind(line)
    if kind == "numbered":
        label = _NUMBERED.match(line).group(1)
        return _Block(i + 1, i + 1, "numbered", label=label)
    if kind == "bullet":
        return _Block(i + 1, i + 1, "bullet", parent=list_heading)
    if list_heading:
        return _Block(i + 1, i + 1, "item", parent=list_heading)
    if _is_heading(lines, i, gap):
        return _Block(i + 1, i + 1, "heading")
    return _Block(i + 1, i + 1, "paragraph")


def _passages(source: str, lines: list[str], blocks: list[_Block]) -> list[Passage]:
    passages: list[Passage] = []
    title = ""
    heading = ""  # the last heading seen: the section of the paragraphs under it
    numbered: dict[str, str] = {}  # '1' -> text of point 1, for the context of 1.5
    in_footer = False
    for block in blocks:
        text = "\n".join(lines[block.start - 1 : block.end])
        rule = boilerplate_rule(text)
        in_footer = in_footer or bool(rule and rule.footer)
        if rule or in_footer:
            passages.append(Passage(source, block.start, block.end, text, heading, True))
            continue
        if not title and _looks_like_title(block, text):
            title = heading = clean(text).rstrip(":")
            continue
        if block.kind == "heading":
            heading = clean(text).rstrip(":")
            continue
        section, context = _section_and_context(block, text, title, heading, numbered)
        passages.append(Passage(source, block.start, block.end, text, section, False, context))
    return passages


def _looks_like_title(block: _Block, text: str) -> bool:
    one_line = block.start == block.end
    return (
        one_line
        and block.kind != "numbered"
        and len(text.strip()) <= 100
        and not text.rstrip().endswith(".")
    )


def _section_and_context(
    block: _Block, text: str, title: str, heading: str, numbered: dict[str, str]
) -> tuple[str, str]:
    if block.kind == "numbered":
        label = block.label
        numbered[label] = _first_words(_NUMBERED.sub("", text, count=1))
        parts = label.split(".")
        ancestors = [numbered.get(".".join(parts[:n]), "") for n in range(1, len(parts))]
        return label, _join(title, *ancestors)
    if block.kind in ("item", "bullet") and block.parent:
        parent = clean(block.parent).rstrip(":")
        return parent, _join(title, parent)
    return heading, _join(title, heading if heading != title else "")


def _first_words(text: str, limit: int = 160) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)
