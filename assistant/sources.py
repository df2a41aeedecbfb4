"""What each corpus file is, in words: its own description, so answers name their sources truthfully.

A corpus file may have a sidecar `<file>.toml` beside it (`miasta-i-gminy-2009.tsv.toml`):

    name_en = "the 2009 ZMP survey"           # how answers name it
    name_pl = "ankieta ZMP z 2009 r."
    title_en = "ZMP 2009 survey: partnerships of Polish cities and gminas"
    title_pl = "Ankieta ZMP 2009: partnerstwa polskich miast i gmin"
    publisher = "Związek Miast Polskich"
    year = 2009                               # the year the data describe
    language = "pl"                           # the language the file is written in

With no sidecar (a table dropped into corpus/tables/), a neutral label comes from the file
name ('ankieta-2015.tsv' -> 'the table “ankieta 2015”', year 2015). Ingestion stores one row
per file in the DuckDB table `sources`; answers read it with `read_sources` / `describe_source`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from assistant.errors import CorpusError
from assistant.vocabulary import load

SIDECAR_SUFFIX = ".toml"
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
COLUMNS = [
    ("source", "VARCHAR"), ("kind", "VARCHAR"), ("language", "VARCHAR"), ("name_en", "VARCHAR"),
    ("name_pl", "VARCHAR"), ("title_en", "VARCHAR"), ("title_pl", "VARCHAR"),
    ("publisher", "VARCHAR"), ("year", "INTEGER"), ("described", "BOOLEAN"),
]  # fmt: skip


@dataclass(frozen=True)
class Source:
    source: str  # corpus path
    kind: str  # 'table' or 'page'
    language: str | None  # 'pl', 'en' or None (not known)
    name_en: str
    name_pl: str
    title_en: str
    title_pl: str
    publisher: str | None
    year: int | None
    described: bool  # True when a sidecar describes it, False for a label from the file name

    def name(self, lang: str) -> str:
        return self.name_pl if lang == "pl" else self.name_en

    def title(self, lang: str) -> str:
        return self.title_pl if lang == "pl" else self.title_en

    def as_row(self) -> list:
        return [getattr(self, column) for column, _ in COLUMNS]


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def describe_file(path: Path, source: str, kind: str, language: str | None = None) -> Source:
    """The file's description from its sidecar, or a neutral one from its name."""
    side = sidecar_path(path)
    data: dict = {}
    if side.is_file():
        try:
            data = tomllib.loads(side.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise CorpusError(f"Cannot read the description {side.name}: {error}") from error
    words = load("page_answers_en")["sources"], load("page_answers_pl")["sources"]
    stem = path.name.rsplit(".", 1)[0]
    label = " ".join(stem.replace("_", " ").replace("-", " ").split())
    derived = {
        "name_en": words[0][kind].format(label=label),
        "name_pl": words[1][kind].format(label=label),
    }
    year = data.get("year")
    if year is None and (found := _YEAR.findall(stem)):
        year = int(found[-1])
    return Source(
        source=source,
        kind=kind,
        language=data.get("language") or language,
        name_en=str(data.get("name_en") or derived["name_en"]),
        name_pl=str(data.get("name_pl") or derived["name_pl"]),
        title_en=str(data.get("title_en") or data.get("name_en") or derived["name_en"]),
        title_pl=str(data.get("title_pl") or data.get("name_pl") or derived["name_pl"]),
        publisher=data.get("publisher"),
        year=int(year) if year is not None else None,
        described=bool(data),
    )


def store(con: duckdb.DuckDBPyConnection, sources: list[Source]) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS sources ({columns})")
    marks = ", ".join("?" * len(COLUMNS))
    con.executemany(f"INSERT INTO sources VALUES ({marks})", [s.as_row() for s in sources])


def read_sources(con: duckdb.DuckDBPyConnection) -> dict[str, Source]:
    """corpus path -> its description ({} for an index built before descriptions existed)."""
    cursor = con.cursor()
    try:
        rows = cursor.execute(f"SELECT {', '.join(c for c, _ in COLUMNS)} FROM sources").fetchall()
    except duckdb.Error:
        return {}
    finally:
        cursor.close()
    return {row[0]: Source(*row) for row in rows}


def _known(con_or_sources) -> dict[str, Source]:
    if isinstance(con_or_sources, dict):
        return con_or_sources
    return read_sources(con_or_sources)


def describe_source(con_or_sources, source: str, lang: str) -> str:
    """How an answer names a corpus file: 'the 2009 ZMP survey', 'the table “ankieta 2015”'."""
    found = _known(con_or_sources).get(source)
    if found is not None:
        return found.name(lang)
    label = " ".join(Path(source).stem.replace("-", " ").replace("_", " ").split())
    kind = "table" if "/tables/" in source else "page"
    return load(f"page_answers_{lang}")["sources"][kind].format(label=label)


def describe_sources(con_or_sources, sources: list[str], lang: str) -> str:
    """Several files named once each, in order: 'the 2009 ZMP survey and the table “ankieta 2015”'."""
    known = _known(con_or_sources)
    names = list(dict.fromkeys(describe_source(known, s, lang) for s in sources))
    words = load(f"page_answers_{lang}")["sources"]
    if len(names) <= 1:
        return names[0] if names else ""
    return words["list_sep"].join(names[:-1]) + words["list_and"] + names[-1]


def source_year(con_or_sources, source: str) -> int | None:
    """The year a file's data describe (for 'the survey dates from 2009'), if known."""
    found = _known(con_or_sources).get(source)
    return found.year if found else None


def page_language(con_or_sources, source: str) -> str | None:
    found = _known(con_or_sources).get(source)
    return found.language if found else None
