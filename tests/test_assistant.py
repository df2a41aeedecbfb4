"""One runtime object: an `Assistant` owns its index, store and model; two live side by side,
and a server picks up a new index by opening a new one and closing the old one."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.core import Assistant
from assistant.errors import IndexMissing
from assistant.ingest import ingest
from assistant.web.app import create_app
from assistant.web.current import Current

KRAKOW_ROW = "Kraków\tIslandia\tReykjavík\t2019\t\n"


@pytest.fixture
def tables_only(corpus_copy, tmp_path) -> Settings:
    """A corpus of the survey tables alone (quick to ingest), in its own data dir."""
    shutil.rmtree(corpus_copy / "pages")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    ingest(settings)
    return settings


def add_row(settings: Settings, line: str) -> None:
    table = settings.corpus_dir / "tables" / "miasta-i-gminy-2009.tsv"
    text = table.read_text("utf-8")
    table.write_text(text.rstrip("\n") + "\n" + line, "utf-8")


def krakow_total(assistant) -> int:
    return assistant.answer("partnerzy Krakowa").data.total


def test_two_assistants_over_two_indexes_answer_side_by_side(assistant, tables_only):
    add_row(tables_only, KRAKOW_ROW)
    ingest(tables_only)
    with Assistant.open(tables_only) as other:
        for _ in range(2):  # interleaved: neither replaces the other's index
            assert krakow_total(assistant) == 34
            assert krakow_total(other) == 35
        assert other.store is not assistant.store
        assert other.index_name != assistant.index_name


def test_closing_an_assistant_closes_its_index_and_its_own_store(tables_only):
    opened = Assistant.open(tables_only)
    conversation = opened.answer("partnerzy Krakowa").conversation_id
    opened.close()
    with pytest.raises(duckdb.ConnectionException):
        opened.runtime.con.execute("SELECT 1")
    with Assistant.open(tables_only) as again:  # the conversation outlives the assistant
        assert again.answer("a w 2005?", conversation).conversation_id == conversation


def test_no_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexMissing, match="assistant ingest"):
        Assistant.open(Settings(data_dir=tmp_path / "empty"))


def test_a_server_picks_up_a_new_index_and_closes_the_old_one_after_its_last_request(
    tables_only,
):
    current = Current(tables_only)
    with current.lease() as first:
        assert krakow_total(first) == 34
        add_row(tables_only, KRAKOW_ROW)
        ingest(tables_only)  # a new index is published while a request is still answering
        with current.lease() as second:
            assert second is not first and krakow_total(second) == 35
        assert krakow_total(first) == 34  # the old one stays open for its own request
    with pytest.raises(duckdb.ConnectionException):
        first.runtime.con.execute("SELECT 1")  # ...and is closed after it
    with current.lease() as third:
        assert third is second and second.store is first.store  # one store, lent to both
    current.close()


def test_over_http_the_next_request_after_an_ingest_answers_from_the_new_index(tables_only):
    with TestClient(create_app(settings=tables_only)) as client:
        ask = {"message": "partnerzy Krakowa"}
        assert client.post("/api/chat", json=ask).json()["data"]["total"] == 34
        add_row(tables_only, KRAKOW_ROW)
        ingest(tables_only)
        assert client.post("/api/chat", json=ask).json()["data"]["total"] == 35
        assert client.get("/api/health").json()["status"] == "ok"


def test_an_app_given_an_assistant_leaves_it_open(assistant):
    with TestClient(create_app(assistant)) as client:
        assert client.get("/api/health").json()["rows"] > 3000
    assert krakow_total(assistant) == 34  # the caller, not the app, closes it
