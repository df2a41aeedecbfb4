"""`assistant chat` holds a conversation in a real pseudo-terminal and always leaves cleanly."""

from __future__ import annotations

import sys

import pexpect
import pytest
from live_server import REPO, server_env

from assistant.chat import render_answer
from assistant.models import Answer, Citation, Data

PROMPT = "› "


@pytest.fixture
def chat(built_settings, tmp_path):
    # Conversations go to a fresh data dir sharing the built index (read-only) of the session.
    env = server_env(built_settings.data_dir, NO_COLOR="1", TERM="xterm", COLUMNS="120", LINES="40")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assistant.chat"],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 120),
    )
    child.logfile_read = open(tmp_path / "chat.log", "w", encoding="utf-8")  # noqa: SIM115
    child.expect("Ask in Polish or English")
    child.expect_exact(PROMPT)
    yield child
    child.close(force=True)
    print(f"transcript: {tmp_path / 'chat.log'}")


def answer_then_prompt(child) -> str:
    child.expect_exact(PROMPT)
    return child.before


def test_a_question_a_follow_up_and_exit(chat):
    chat.sendline("Z jakimi miastami współpracuje Kraków?")
    first = answer_then_prompt(chat)
    assert "Traceback" not in first and first.strip()
    chat.sendline("A z Niemcami?")
    second = answer_then_prompt(chat)
    assert "Traceback" not in second and second.strip()
    chat.sendline("exit")
    chat.expect("Goodbye")
    chat.expect(pexpect.EOF)
    chat.close()
    assert chat.exitstatus == 0


def test_errors_are_one_line_and_the_chat_goes_on(chat):
    chat.sendline("")  # an empty line just asks again
    chat.expect_exact(PROMPT)
    chat.sendline("x" * 2001)
    reply = answer_then_prompt(chat)
    assert "✗" in reply and "2000" in reply and "Traceback" not in reply
    error_lines = [line for line in reply.splitlines() if "✗" in line]
    assert len(error_lines) == 1
    chat.sendline("quit")
    chat.expect(pexpect.EOF)


def test_ctrl_d_leaves_cleanly(chat):
    chat.sendeof()
    chat.expect("Goodbye")
    chat.expect(pexpect.EOF)
    chat.close()
    assert chat.exitstatus == 0


def test_ctrl_c_leaves_cleanly(chat):
    chat.sendintr()
    chat.expect("Goodbye")
    chat.expect(pexpect.EOF)
    assert "Traceback" not in chat.before
    chat.close()
    assert chat.exitstatus == 0


def test_history_recalls_the_previous_question(chat):
    chat.sendline("Partners of Olsztyn?")
    answer_then_prompt(chat)
    chat.send("\x1b[A")  # the up arrow brings the last question back
    chat.expect_exact("Partners of Olsztyn?")
    chat.sendline("")
    answer_then_prompt(chat)
    chat.sendline("exit")
    chat.expect(pexpect.EOF)


def test_render_shows_markdown_a_table_with_more_rows_and_citations():
    from rich.console import Console

    console = Console(record=True, width=120, color_system=None)
    rows = [[f"Gmina {i}", "Słowacja", f"[b]Partner {i}[/b]"] for i in range(25)]
    result = Answer(
        language="pl",
        route="table",
        answer="**25** partnerstw [1]",
        data=Data(columns=["unit", "country", "partner"], rows=rows, total=25),
        citations=[
            Citation(id=1, source="corpus/tables/x.tsv", lines=(7, 8), quote="Bukowno\tSłowacja")
        ],
    )
    render_answer(result, console)
    out = console.export_text()
    assert "25 partnerstw [1]" in out
    assert "Gmina 19" in out and "Gmina 20" not in out
    assert "i jeszcze 5 wierszy" in out
    assert "[b]Partner 0[/b]" in out  # cell text is never read as markup
    assert "[1] corpus/tables/x.tsv:7-8" in out and "Bukowno │ Słowacja" in out


def test_render_shows_partnerships_as_unit_country_partner_year_form_in_80_columns():
    from rich.console import Console

    from assistant.sql.query import LIST_COLUMNS

    console = Console(record=True, width=80, color_system=None)
    columns = [*LIST_COLUMNS, "country_en", "other_year"]
    long_partner = "Vranov nad Topľou, okres Vranov nad Topľou, Prešovský kraj"
    row = [
        "Powiat bieszczadzki (Ustrzyki Dolne)",
        "powiat",
        "Słowacja",
        long_partner,
        None,
        "2004 list intencyjny",
        "corpus/tables/powiaty-2009.tsv",
        12,
        "Slovakia",
        2004,
    ]
    result = Answer(language="en", answer="x", data=Data(columns=columns, rows=[row], total=1))
    render_answer(result, console)
    lines = console.export_text().splitlines()
    header = next(line for line in lines if "unit" in line and "partner" in line)
    assert [h.strip() for h in header.strip("┃ ").split("┃")] == [
        "unit",
        "country",
        "partner",
        "year",
        "form",
    ]
    assert all(len(line) <= 80 for line in lines)
    assert any("Slovakia" in line and "2004" in line and "other" in line for line in lines)


def test_render_keeps_an_aggregate_name_and_count():
    from rich.console import Console

    console = Console(record=True, width=80, color_system=None)
    result = Answer(answer="x", data=Data(
        columns=["country", "partnerships", "country_en", "rows"],
        rows=[["Niemcy", 996, "Germany", ["corpus/tables/x.tsv:1"] * 996]], total=1,
    ))  # fmt: skip
    render_answer(result, console)
    out = console.export_text()
    assert "Niemcy" in out and "996" in out and "x.tsv:1" not in out
