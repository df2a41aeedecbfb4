"""An interactive conversation in the terminal: a thin shell over `Assistant.answer`.

Run it as `assistant chat` or `python -m assistant.chat`. Up/down arrows recall earlier
questions (readline, kept in the data dir); "exit", "quit", Ctrl-D or Ctrl-C leave.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from assistant.config import Settings, get_settings
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.models import Answer

try:  # line editing and history for input(); absent on some platforms
    import readline
except ImportError:  # pragma: no cover
    readline = None

log = logging.getLogger(__name__)

MAX_ROWS = 20
EXIT_WORDS = {"exit", "quit", "q", ":q", "koniec", "wyjdź", "wyjdz"}
NEW_WORDS = {"/new", "/nowa", "new", "nowa"}
BANNER = (
    "ZMP — asystent miast partnerskich / town twinning assistant\n"
    "Pytaj po polsku lub po angielsku · Ask in Polish or English · "
    "'/new' nowa rozmowa / new conversation · 'exit' lub Ctrl-D kończy / leaves"
)
PHRASES = {
    "pl": {
        "more": "… i jeszcze {n} wierszy (razem {total})",
        "sources": "Źródła",
        "forms": {"agreement": "umowa", "other": "inna", "no_data": "b.d."},
    },
    "en": {
        "more": "… and {n} more rows ({total} in all)",
        "sources": "Sources",
        "forms": {"agreement": "agreement", "other": "other", "no_data": "no data"},
    },
}
GOODBYE = "Do widzenia! / Goodbye!"


def history_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / "chat_history"


def _load_history(path: Path) -> None:
    if readline is None:
        return
    readline.set_history_length(1000)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)


def _save_history(path: Path) -> None:
    if readline is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
    except OSError:
        log.debug("could not write the chat history to %s", path)


def _prompt(console: Console) -> str:
    # input() rather than Console.input: readline must know the prompt's width to redraw
    # recalled lines; \001 and \002 tell it that the colour codes take no space.
    if console.is_terminal and not console.no_color:
        return input("\001\033[1;34m\002› \001\033[0m\002")
    return input("› ")


_PARTNERSHIP = ("unit", "country", "partner", "agreement_year", "other_form")
_WIDTHS = {"unit": 20, "country": 11, "partner": 20, "year": 4, "form": 9}


def _compact(
    columns: list[str], rows: list[list], lang: str = "en"
) -> tuple[list[str], list[list]]:
    """A table that fits 80 columns: a partnership as unit, country, partner, year, form; an
    aggregate as its name and count columns (the row lists stay in the JSON)."""
    if all(c in columns for c in _PARTNERSHIP):
        at = {c: columns.index(c) for c in (*_PARTNERSHIP, "other_year", "country_en", "line")
              if c in columns}  # fmt: skip
        forms = PHRASES.get(lang, PHRASES["en"])["forms"]
        out = []
        for row in rows:
            year = row[at["agreement_year"]] or (
                row[at["other_year"]] if "other_year" in at else None
            )
            other = str(row[at["other_form"]] or "")
            form = (
                forms["agreement"]
                if row[at["agreement_year"]]
                else (
                    forms["no_data"] if other.strip() == "b.d." else forms["other"] if other else ""
                )
            )
            country = row[at["country_en"]] if lang == "en" and "country_en" in at else None
            out.append([row[at["unit"]], country or row[at["country"]], row[at["partner"]],
                        "" if year is None else str(year), form])  # fmt: skip
        return ["unit", "country", "partner", "year", "form"], out
    keep = [i for i, c in enumerate(columns) if c not in ("rows", "source", "line") and i < 4]
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]


def render_answer(result: Answer, console: Console, max_rows: int = MAX_ROWS) -> None:
    """The answer as Markdown, its data as a table (first rows), then its citations."""
    phrases = PHRASES.get(result.language, PHRASES["en"])
    console.print(Markdown(result.answer))
    data = result.data
    if data and data.columns and data.rows:
        columns, rows = _compact(data.columns, data.rows[:max_rows], result.language)
        table = Table(show_lines=False, header_style="bold", expand=False)
        for column in columns:
            table.add_column(
                column, overflow="ellipsis", no_wrap=True, max_width=_WIDTHS.get(column, 24)
            )
        for row in rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        hidden = len(data.rows) - max_rows
        if hidden > 0:
            table.caption = phrases["more"].format(n=hidden, total=data.total)
        console.print(table)
    if result.citations:
        console.print(Text(phrases["sources"] + ":", style="bold"))
        for c in result.citations:
            where = str(c.lines[0]) if c.lines[0] == c.lines[1] else f"{c.lines[0]}-{c.lines[1]}"
            line = Text.assemble(
                (f"[{c.id}] ", "bold cyan"),
                (f"{c.source}:{where}", "cyan"),
                "  ",
                (" │ ".join(part for part in c.quote.replace("\n", " ⏎ ").split("\t")), "dim"),
            )
            console.print(line, highlight=False)


def run_chat(assistant: Assistant, console: Console | None = None) -> None:
    """Talk until the user leaves; one conversation id carries follow-ups."""
    console = console or Console()
    history = history_path(assistant.settings)
    _load_history(history)
    console.print(Text(BANNER, style="bold"), highlight=False)
    conversation_id: str | None = None
    try:
        while True:
            try:
                message = _prompt(console)
            except (EOFError, KeyboardInterrupt):
                console.print()
                break
            text = message.strip()
            if not text:
                continue
            if text.lower() in EXIT_WORDS:
                break
            if text.lower() in NEW_WORDS:
                conversation_id = None
                console.print(Text("Nowa rozmowa. / New conversation.", style="dim"))
                continue
            try:
                if console.is_terminal:
                    with console.status("…", spinner="dots"):
                        result = assistant.answer(text, conversation_id)
                else:
                    result = assistant.answer(text, conversation_id)
            except AssistantError as error:
                console.print(Text(f"✗ {error}", style="red"), highlight=False)
                continue
            except KeyboardInterrupt:
                console.print()
                break
            except Exception as error:  # keep the session alive; the traceback goes to the log
                log.exception("answering %r failed", text)
                console.print(
                    Text(f"✗ {type(error).__name__}: {error}", style="red"), highlight=False
                )
                continue
            conversation_id = result.conversation_id
            render_answer(result, console)
            console.print()
    finally:
        _save_history(history)
    console.print(Text(GOODBYE, style="dim"))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with Assistant.open(get_settings()) as assistant:
        run_chat(assistant)


if __name__ == "__main__":
    main()
