"""CSV export of an answer: UTF-8 with BOM, Polish letters intact, formulas neutralised, every row with its evidence and places, 404s."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from assistant.web.app import create_app
from assistant.web.export import neutralise


@pytest.fixture(scope="module")
def client(assistant) -> TestClient:
    return TestClient(create_app(assistant), raise_server_exceptions=False)


def ask(client: TestClient, message: str) -> dict:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 200, response.text
    return response.json()


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_answers_rows_export_with_bom_polish_letters_evidence_and_places(client):
    answer = ask(client, "Z jakimi miastami współpracuje Kraków?")
    table = read_csv(client.get(f"/api/export/{answer['conversation_id']}/1.csv"))
    header, rows = table[0], table[1:-2]
    assert len(rows) == answer["data"]["total"]
    assert "evidence (survey line)" in header and "unit voivodeship (GeoNames)" in header
    unit, region = header.index("unit"), header.index("unit voivodeship (GeoNames)")
    assert {r[unit] for r in rows} == {"Kraków"} and {r[region] for r in rows} == {"małopolskie"}
    evidence = header.index("evidence (survey line)")
    assert all(r[evidence].startswith("corpus/tables/") and "Krak" in r[evidence] for r in rows)
    assert "GeoNames" in table[-1][0]


def test_a_long_answer_is_recomputed_beyond_the_50_stored_rows(client):
    answer = ask(client, "partnerships with Germany")
    total = answer["data"]["total"]
    assert total > 50
    table = read_csv(client.get(f"/api/export/{answer['conversation_id']}/1.csv"))
    assert len(table) - 3 == total  # header, the rows, a blank line and the GeoNames credit


def test_cells_that_start_like_formulas_are_neutralised(client, assistant):
    store = assistant.store
    conversation = store.new()
    data = {
        "columns": ["name", "partner"],
        "rows": [["=HYPERLINK(1)", "+1"], ["-2", "@SUM"]],
        "total": 2,
    }
    store.append(conversation, "test", "en", {}, {"answer": "", "data": data})
    table = read_csv(client.get(f"/api/export/{conversation}/1.csv"))
    assert table[1:3] == [["'=HYPERLINK(1)", "'+1"], ["'-2", "'@SUM"]]
    assert neutralise("Łódź") == "Łódź" and neutralise(-3) == -3


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/api/export/no-such-conversation/1.csv", "Unknown conversation"),
        ("/api/export/{cid}/99.csv", "no turn 99"),
    ],
)
def test_unknown_conversation_or_turn_is_a_404_with_detail(client, path, words):
    conversation = ask(client, "partnerzy Krakowa")["conversation_id"]
    response = client.get(path.format(cid=conversation))
    assert response.status_code == 404
    assert words in response.json()["detail"]


def test_a_turn_without_data_is_a_404_with_detail(client):
    answer = ask(client, "What is the weather in Kraków?")
    assert answer["data"] is None
    response = client.get(f"/api/export/{answer['conversation_id']}/1.csv")
    assert response.status_code == 404 and "no data" in response.json()["detail"]
