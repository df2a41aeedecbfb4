"""Rich rendering of an Answer for the terminal (ask and chat)."""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from assistant.models import Answer


def print_answer(result: Answer, console: Console, max_rows: int = 20) -> None:
    console.print(Markdown(result.answer))
    if result.data and result.data.rows:
        table = Table(show_lines=False)
        for column in result.data.columns:
            table.add_column(column)
        for row in result.data.rows[:max_rows]:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        if result.data.total > max_rows:
            console.print(f"… and {result.data.total - max_rows} more rows (use --json for all).")
    for c in result.citations:
        console.print(
            f"[dim][{c.id}] {c.source}:{c.lines[0]}-{c.lines[1]}[/dim]  {c.quote!r}",
            highlight=False,
        )
