"""Ingestion accounts for every table line, loads odd lines as the contract says, and swaps atomically."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from assistant import index
from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.ingest import ingest, stored_version
from tests.conftest import CORPUS, SEEDS

SEED_NAMES = {
    "000_607a565078ff4e1b.txt": "tables/miasta-i-gminy-2009.tsv",
    "001_223b31b91b52186f.txt": "tables/powiaty-2009.tsv",
    "002_b3ac30771098a6a4.txt": "pages/olsztyn-partner-cities.txt",
    "003_9f1e753dbe6e1751.txt": "pages/zmp-wspolpraca-miast-partnerskich.txt",
    "004_52e0ee11430f483c.txt": "pages/bialystok-relacje-partnerskie.txt",
}
GMINY = "corpus/tables/miasta-i-gminy-2009.tsv"
POWIATY = "corpus/tables/powiaty-2009.tsv"


def connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(index.current_dir(settings) / "index.duckdb"), read_only=True)


def row_at(con, source: str, line: int) -> dict:
    cursor = con.execute("SELECT * FROM partnerships WHERE source = ? AND line = ?", [source, line])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchall()
    assert len(found) == 1, f"{source}:{line} is not exactly one row"
    return dict(zip(names, found[0], strict=True))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
@pytest.mark.parametrize("seed", sorted(SEED_NAMES))
def test_corpus_files_are_byte_for_byte_the_seeds(seed):
    assert (CORPUS / SEED_NAMES[seed]).read_bytes() == (SEEDS / seed).read_bytes()


def test_every_table_line_is_a_header_a_blank_a_row_or_reported(built_settings):
    con = connect(built_settings)
    files = con.execute(
        "SELECT source, total_lines, headers, blanks, rows, reported FROM ingest_files WHERE kind = 'table'"
    ).fetchall()
    assert {f[0] for f in files} == {GMINY, POWIATY}
    for source, total, headers, blanks, rows, reported in files:
        text = (CORPUS.parent / source).read_text("utf-8")
        assert total == len(text.split("\n")) - (1 if text.endswith("\n") else 0)
        assert headers + blanks + rows + reported == total
        assert headers >= 2 and blanks > 0
        loaded = con.execute("SELECT count(*) FROM partnerships WHERE source = ?", [source])
        assert loaded.fetchone()[0] == rows
        listed = con.execute("SELECT count(*) FROM ingest_report WHERE source = ?", [source])
        assert listed.fetchone()[0] == reported


def test_every_non_blank_data_line_is_loaded_verbatim(built_settings):
    con = connect(built_settings)
    for source in (GMINY, POWIATY):
        lines = (CORPUS.parent / source).read_text("utf-8").split("\n")
        loaded = dict(
            con.execute("SELECT line, raw FROM partnerships WHERE source = ?", [source]).fetchall()
        )
        for number, raw in loaded.items():
            assert lines[number - 1] == raw
        data_lines = [
            n
            for n, line in enumerate(lines, 1)
            if line.strip() and "kraj partnera" not in line and "umowa\tinna forma" not in line
        ]
        assert sorted(loaded) == data_lines


def test_html_cells_keep_the_raw_text_and_lose_the_tags(built_settings):
    row = row_at(connect(built_settings), GMINY, 21)  # Leszno, 2002 sieć korporacyjna <i>...</i>
    assert row["other_form"] == "2002 sieć korporacyjna <i>Miast Średniej Wielkości</i>"
    assert row["other_year"] == 2002
    assert row["other_text"] == "sieć korporacyjna Miast Średniej Wielkości"
    assert row["agreement_year"] is None
    partner = row_at(connect(built_settings), GMINY, 122)  # <i>Mahiloŭ (Mohylew)</i>
    assert partner["partner_names"] == ["Mahiloŭ", "Mohylew"]


def test_a_url_in_the_other_form_cell_is_text_not_a_year(built_settings):
    row = row_at(connect(built_settings), GMINY, 1048)  # Łeba, http://towntwinning.pl/
    assert row["other_form"] == "http://towntwinning.pl/"
    assert row["other_year"] is None and row["agreement_year"] is None


def test_a_row_can_carry_both_years(built_settings):
    row = row_at(connect(built_settings), GMINY, 261)  # Karpacz - Pec pod Sněžkou: 2005 and 2008
    assert (row["agreement_year"], row["other_year"]) == (2005, 2008)


def test_bd_means_no_data_not_a_year(built_settings):
    row = row_at(connect(built_settings), GMINY, 25)  # Oleszyce - Güssing b.d. b.d.
    assert row["no_data"] is True
    assert row["agreement_year"] is None and row["other_year"] is None
    assert row["agreement"] == "b.d."


def test_other_form_year_and_letter_of_intent_are_split(built_settings):
    row = row_at(
        connect(built_settings), POWIATY, 10
    )  # Powiat bielski (Bielsk Podlaski), 2005 list intencyjny
    assert row["unit_name"] == "Powiat bielski" and row["unit_qualifier"] == "Bielsk Podlaski"
    assert row["unit_type"] == "powiat" and row["lp"] == 6
    assert (row["other_year"], row["other_text"], row["letter_of_intent"]) == (
        2005,
        "list intencyjny",
        True,
    )
    since = row_at(connect(built_settings), GMINY, 2000)  # od 1992
    assert since["other_year"] == 1992


def test_disambiguators_and_partner_variants_are_split(built_settings):
    con = connect(built_settings)
    row = row_at(con, GMINY, 9)
    assert (row["unit_name"], row["unit_qualifier"]) == ("Czernichów", "pow. żywiecki")
    assert row["country"] == "Austria"
    brest = con.execute(
        "SELECT partner_names FROM partnerships WHERE partner = 'Brest (Brześć)' LIMIT 1"
    ).fetchone()
    assert brest[0] == ["Brest", "Brześć"]


def test_encoding_damage_is_flagged_and_repaired_where_one_unit_fits(built_settings):
    con = connect(built_settings)
    damaged = con.execute(
        "SELECT line, unit, unit_lookup FROM partnerships WHERE damaged ORDER BY line"
    ).fetchall()
    assert len(damaged) == 13
    krakow = [d for d in damaged if d[1] == "Krak\ufffdw"]
    assert krakow == [(536, "Krak\ufffdw", "Kraków")]
    repaired = dict(
        con.execute("SELECT written, resolved FROM repairs WHERE field = 'unit'").fetchall()
    )
    assert repaired["Ostr\ufffdw Mazowiecka"] == "Ostrów Mazowiecka"
    partners = con.execute(
        "SELECT count(*) FROM repairs WHERE field = 'partner' AND resolved IS NULL"
    ).fetchone()
    assert partners[0] == 8  # Danish and Estonian names: no real unit in the data to repair them to
    assert (
        con.execute("SELECT count(*) FROM partnerships WHERE unit_lookup = 'Kraków'").fetchone()[0]
        == 34
    )


def test_a_new_csv_table_loads_and_an_unknown_layout_is_reported(corpus_copy, tmp_path):
    (corpus_copy / "tables" / "nowe-2024.csv").write_text(
        "polskie miasto/gmina,kraj partnera,miasto partnerskie,umowa,inna forma\n"
        "Kraków,Niemcy,Norymberga,1979,\n"
        '"Nowa Gmina (pow. testowy)",Czechy,"Brno, Ostrava",,2020 list intencyjny\n'
        "Zła linia bez kolumn\n",
        "utf-8",
    )
    (corpus_copy / "tables" / "notatki.tsv").write_text("cokolwiek\tinnego\n1\t2\n", "utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    result = ingest(settings)
    by_source = {f.source: f for f in result.files}
    new = by_source["corpus/tables/nowe-2024.csv"]
    assert (new.total_lines, new.headers, new.rows, new.reported) == (4, 1, 2, 1)
    unknown = by_source["corpus/tables/notatki.tsv"]
    assert unknown.rows == 0 and unknown.reported == 2 and "header" in unknown.problem
    con = connect(settings)
    row = row_at(con, "corpus/tables/nowe-2024.csv", 3)
    assert row["partner_names"] == ["Brno", "Ostrava"] and row["other_year"] == 2020
    assert (
        con.execute("SELECT count(*) FROM partnerships WHERE source = ?", [GMINY]).fetchone()[0]
        == 3349
    )


def test_unchanged_corpus_is_skipped_and_force_rebuilds(built_settings):
    before = index.current_dir(built_settings)
    assert ingest(built_settings).skipped
    assert index.current_dir(built_settings) == before
    rebuilt = ingest(built_settings, force=True)
    assert not rebuilt.skipped and rebuilt.index_dir != before
    assert stored_version(rebuilt.index_dir) == rebuilt.version


def test_a_failed_ingestion_leaves_the_previous_index_in_use(corpus_copy, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    first = ingest(settings)
    (corpus_copy / "tables" / "miasta-i-gminy-2009.tsv").write_text("changed\n", "utf-8")

    def crash(step, done, total):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        ingest(settings, progress=crash)
    assert index.current_dir(settings) == first.index_dir
    assert (
        connect(settings).execute("SELECT count(*) FROM partnerships").fetchone()[0] == 3349 + 443
    )
    assert not list((tmp_path / "data" / "index").glob(".build-*"))


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        ingest(Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "nowhere"))


def test_a_killed_ingestion_leaves_the_previous_index_in_use(corpus_copy, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    first = ingest(settings)
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(corpus_copy),
    }
    process = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "--force"], env=env)
    deadline = time.monotonic() + 60
    while not list((settings.data_dir / "index").glob(".build-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert index.current_dir(settings) == first.index_dir
    assert (
        connect(settings).execute("SELECT count(*) FROM partnerships").fetchone()[0] == 3349 + 443
    )
    again = ingest(settings, force=True)  # the next run cleans up the abandoned build
    assert not list((settings.data_dir / "index").glob(".build-*"))
    assert index.current_dir(settings) == again.index_dir


def test_rows_are_stored_in_list_order_with_their_rank_and_reference(built_settings):
    """list_order is the rank of ORDER BY unit_label, country, partner, source, line; the id
    ascends with (source, line); ref is source:line (assistant/sql/load.py); a partner cell has
    one list of name variants (what the partner filter's partner_variants table relies on)."""
    from assistant.sql.load import LIST_ORDER

    con = connect(built_settings)
    try:
        misranked = con.execute(
            f"SELECT count(*) FROM (SELECT list_order, row_number() OVER (ORDER BY {LIST_ORDER}) "
            "AS rank, id, row_number() OVER (ORDER BY source, line) AS by_line, ref, "
            "source || ':' || line AS cited FROM partnerships) "
            "WHERE list_order <> rank OR id <> by_line OR ref <> cited"
        ).fetchone()[0]
        stored = [r[0] for r in con.execute("SELECT list_order FROM partnerships").fetchall()]
        two_lists = con.execute(
            "SELECT count(*) FROM (SELECT partner FROM partner_variants GROUP BY partner "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
    finally:
        con.close()
    assert misranked == 0
    assert stored == sorted(stored)
    assert two_lists == 0
