"""corpus/ -> a new index (DuckDB + Chroma), switched in only when all of it succeeded."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from assistant import corpus, index, topics
from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.gazetteer import GAZETTEER_COLUMNS, GAZETTEER_DDL, build_entries
from assistant.places import build_places
from assistant.sql.load import bulk_insert, create_schema, load_tables
from assistant.sql.tables import ParsedTable, parse_table, split_lines
from assistant.vocabulary import country_names

Progress = Callable[[str, int, int], None]  # (step description, done, total)


@dataclass
class FileSummary:
    source: str
    kind: str
    total_lines: int
    headers: int = 0
    blanks: int = 0
    rows: int = 0
    reported: int = 0
    passages: int = 0
    boilerplate: int = 0
    problem: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class IngestResult:
    version: str
    skipped: bool
    index_dir: Path
    files: list[FileSummary] = field(default_factory=list)
    repairs: list[tuple] = field(default_factory=list)
    page_facts: int = 0
    places: list = field(default_factory=list)  # PlacementSummary per table and side
    embedded: int = 0  # passages embedded this time (the others came from the cache)


def ingest(
    settings: Settings, force: bool = False, progress: Progress | None = None
) -> IngestResult:
    files = corpus.scan(settings.corpus_dir)
    version = corpus.version(files, salt=f"{index.SCHEMA_VERSION}|{settings.embeddings}")
    current = index.current_dir(settings)
    if not force and current and stored_version(current) == version:
        return IngestResult(version=version, skipped=True, index_dir=current)

    build = index.new_build_dir(settings)
    try:
        result = _build(settings, files, version, build, progress or (lambda *_: None))
        name = f"{version}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}"
        result.index_dir = index.publish(settings, build, name)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    index.prune(settings)
    if settings.chroma_url:
        _drop_old_collections(settings)
    return result


def _drop_old_collections(settings: Settings) -> None:
    """In server mode old builds' collections live on the server: keep only those of kept indexes."""
    from assistant.retrieval.store import collection_names, drop_collection

    keep = set()
    for path in (settings.data_dir / "index").iterdir():
        if (path / "index.duckdb").exists():
            con = duckdb.connect(str(path / "index.duckdb"), read_only=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key = 'collection'").fetchone()
            finally:
                con.close()
            keep.update(row or ())
    for name in collection_names(chroma_url=settings.chroma_url):
        if name.startswith("passages-") and name not in keep:
            drop_collection(chroma_url=settings.chroma_url, name=name)


def stored_version(index_dir: Path) -> str | None:
    try:
        con = duckdb.connect(str(index_dir / "index.duckdb"), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None


def _build(settings, files, version, build: Path, progress: Progress) -> IngestResult:
    result = IngestResult(version=version, skipped=False, index_dir=build)
    con = duckdb.connect(str(build / "index.duckdb"))
    try:
        create_schema(con)
        tables = [f for f in files if f.kind == "table"]
        parsed: list[ParsedTable] = []
        for done, f in enumerate(tables, 1):
            parsed.append(parse_table(f.source, corpus.read_text(f)))
            progress("Reading tables", done, len(tables))
        result.repairs = load_tables(con, parsed, country_names())
        result.files.extend(_table_summary(t) for t in parsed)
        topics.store(con)
        progress("Placing units and partners (GeoNames)", 0, 1)
        result.places = build_places(con)
        progress("Placing units and partners (GeoNames)", 1, 1)
        pages = [f for f in files if f.kind == "page"]
        summaries, result.embedded = _ingest_pages(settings, con, pages, build, progress)
        result.files.extend(summaries)
        result.page_facts = con.execute("SELECT count(*) FROM page_facts").fetchone()[0]
        _store_sources(con, files, build)
        progress("Building the gazetteer", 0, 1)
        _build_gazetteer(con)
        progress("Building the gazetteer", 1, 1)
        _store_summary(con, result, version, settings)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return result


def _build_gazetteer(con: duckdb.DuckDBPyConnection) -> None:
    """Every name of the tables and page facts, in all its inflected forms (stored: the runtime never regenerates them)."""
    units = con.execute(
        "SELECT DISTINCT unit_label, unit_lookup, unit_qualifier, unit_type FROM partnerships"
    ).fetchall()
    partners = con.execute(
        "SELECT DISTINCT unnest(partner_names), country FROM partnerships"
    ).fetchall()
    # Partners that only a page names (Bornova, Tomsk) are names too, with the page's country.
    polish = {english: polish for polish, english in country_names().items()}
    partners += [
        (partner, polish.get(country, country))
        for partner, country in con.execute(
            "SELECT DISTINCT partner, country FROM page_facts"
        ).fetchall()
    ]
    countries = [r[0] for r in con.execute("SELECT DISTINCT country FROM partnerships").fetchall()]
    # Countries the survey does not have are names too: "twin towns in Australia?" gets a plain "none".
    countries += [name for name in country_names() if name not in countries]
    alternates = con.execute(
        "SELECT a.side, coalesce(n.variant, a.key), a.alternate FROM place_alternates a "
        "LEFT JOIN (SELECT partner, any_value(partner_names[1]) AS variant FROM partnerships "
        "GROUP BY partner) n ON a.side = 'partner' AND n.partner = a.key ORDER BY ALL"
    ).fetchall()
    entries = build_entries(units, partners, countries, alternates)
    con.execute(GAZETTEER_DDL)
    bulk_insert(con, "gazetteer", GAZETTEER_COLUMNS, (e.as_row() for e in entries))


def _store_sources(con: duckdb.DuckDBPyConnection, files, build: Path) -> None:
    """Each file's description (its sidecar '<file>.toml', or a label from its name)."""
    from assistant import sources
    from assistant.language import detect_language

    described = []
    for f in files:
        language = None
        if f.kind == "page":
            kept = build / "extracted" / (f.source + ".txt")
            text = kept.read_text("utf-8") if kept.exists() else corpus.read_text(f)
            language = detect_language(text[:3000])
        described.append(sources.describe_file(f.path, f.source, f.kind, language))
    sources.store(con, described)


def _table_summary(t: ParsedTable) -> FileSummary:
    reasons: dict[str, int] = {}
    for report in t.reports:
        reasons[report.reason] = reasons.get(report.reason, 0) + 1
    return FileSummary(
        source=t.source,
        kind="table",
        total_lines=t.total_lines,
        headers=t.headers,
        blanks=t.blanks,
        rows=len(t.rows),
        reported=len(t.reports),
        problem=t.problem,
        reasons=reasons,
    )


_PASSAGES_DDL = """
CREATE TABLE passages (
    id VARCHAR PRIMARY KEY, source VARCHAR, start_line INTEGER, end_line INTEGER,
    section VARCHAR, context VARCHAR, text VARCHAR, boilerplate BOOLEAN
);
CREATE TABLE page_facts (
    source VARCHAR, line INTEGER, owner VARCHAR, partner VARCHAR, country VARCHAR,
    date_text VARCHAR, year INTEGER, form VARCHAR, status VARCHAR, quote VARCHAR
);
"""
_TEXT_PAGES = {".txt", ".md"}


def collection_name(build: Path) -> str:
    """Chroma collection of a build (stored in its meta: the folder is renamed on publishing)."""
    return f"passages-{build.name.removeprefix('.build-')}"


def _ingest_pages(
    settings, con, pages, build: Path, progress: Progress
) -> tuple[list[FileSummary], int]:
    """Pages -> passages (DuckDB + Chroma) and page facts; HTML/PDF text is kept for citations."""
    from assistant.retrieval import vocabulary

    con.execute(_PASSAGES_DDL)
    if not pages:
        vocabulary.store(con, [])
        return [], 0  # a tables-only corpus needs neither Chroma nor a model
    from assistant.retrieval.embeddings import make_embeddings
    from assistant.retrieval.extract import extract_text
    from assistant.retrieval.pagefacts import extract_page_facts
    from assistant.retrieval.passages import count_boilerplate, split_page
    from assistant.retrieval.store import build_collection

    summaries, every_passage, facts = [], [], []
    for done, f in enumerate(pages, 1):
        if f.path.suffix.lower() in _TEXT_PAGES:
            text = corpus.read_text(f)
        else:
            try:
                text = extract_text(f.path)
            except (
                Exception
            ) as error:  # a parser's own error type: name the file, keep the old index
                raise CorpusError(f"Cannot extract text from {f.source}: {error}") from error
            kept = build / "extracted" / (f.source + ".txt")
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(text, "utf-8")
        passages = split_page(f.source, text)
        every_passage += passages
        facts += extract_page_facts(f.source, text)
        summaries.append(
            FileSummary(
                source=f.source, kind="page", total_lines=len(split_lines(text)),
                passages=sum(not p.boilerplate for p in passages), boilerplate=count_boilerplate(passages),
            )
        )  # fmt: skip
        progress("Splitting pages", done, len(pages))
    bulk_insert(
        con, "passages", _PASSAGE_COLUMNS,
        ([p.id, p.source, p.start_line, p.end_line, p.section, p.context, p.text, p.boilerplate]
         for p in {p.id: p for p in every_passage}.values()),
    )  # fmt: skip
    bulk_insert(
        con, "page_facts", _FACT_COLUMNS,
        ([x.source, x.line, x.owner, x.partner, x.country, x.date_text, x.year, x.form, x.status, x.quote]
         for x in facts),
    )  # fmt: skip
    vocabulary.store(con, every_passage)
    progress("Embedding passages", 0, 1)
    embeddings = make_embeddings(settings.embeddings, cache_dir=settings.data_dir / "cache")
    name = collection_name(build)
    build_collection(
        every_passage, embeddings, name=name,
        persist_dir=None if settings.chroma_url else build / "chroma", chroma_url=settings.chroma_url,
    )  # fmt: skip
    con.execute("INSERT INTO meta VALUES ('collection', ?)", [name])
    progress("Embedding passages", 1, 1)
    return summaries, getattr(embeddings, "computed", 0)


_PASSAGE_COLUMNS = [
    ("id", "VARCHAR"), ("source", "VARCHAR"), ("start_line", "INTEGER"), ("end_line", "INTEGER"),
    ("section", "VARCHAR"), ("context", "VARCHAR"), ("text", "VARCHAR"), ("boilerplate", "BOOLEAN"),
]  # fmt: skip
_FACT_COLUMNS = [
    ("source", "VARCHAR"), ("line", "INTEGER"), ("owner", "VARCHAR"), ("partner", "VARCHAR"),
    ("country", "VARCHAR"), ("date_text", "VARCHAR"), ("year", "INTEGER"), ("form", "VARCHAR"),
    ("status", "VARCHAR"), ("quote", "VARCHAR"),
]  # fmt: skip


def _store_summary(con, result: IngestResult, version: str, settings: Settings) -> None:
    con.executemany(
        "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (f.source, f.kind, f.total_lines, f.headers, f.blanks, f.rows, f.reported,
             f.passages, f.boilerplate, f.problem)
            for f in result.files
        ],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("corpus_version", version),
            ("built_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            ("embeddings", settings.embeddings),
            ("schema_version", index.SCHEMA_VERSION),
        ],
    )
