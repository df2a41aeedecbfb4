"""The `assistant` command: a thin shell over the core (ingest, ask, chat, serve, eval, prune,
feedback)."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.config import get_settings
from assistant.errors import AssistantError

app = typer.Typer(
    help="ZMP twinning assistant: which Polish towns partner with whom, since when, and how we know.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command("ingest")
def ingest_command(
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even if the corpus did not change.")
    ] = False,
) -> None:
    """Load corpus/ into DuckDB and Chroma, with a progress bar and a summary."""
    from assistant.ingest import ingest

    settings = get_settings()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        result = ingest(settings, force=force, progress=progress)
    if result.skipped:
        console.print(
            f"Corpus unchanged (version {result.version}): nothing to do. Use --force to rebuild."
        )
        return
    print_summary(result)


def print_summary(result) -> None:
    table = Table(title=f"Ingestion summary (corpus version {result.version})")
    for column in (
        "file",
        "lines",
        "rows loaded",
        "reported",
        "headers",
        "blanks",
        "passages",
        "boilerplate",
    ):
        table.add_column(column, justify="left" if column == "file" else "right")
    for f in result.files:
        table.add_row(
            f.source, str(f.total_lines), str(f.rows), str(f.reported), str(f.headers),
            str(f.blanks), str(f.passages), str(f.boilerplate),
        )  # fmt: skip
    console.print(table)
    for f in result.files:
        if f.problem:
            console.print(f"[yellow]{f.source}[/yellow]: {f.problem}")
        for reason, count in f.reasons.items():
            console.print(f"  {f.source}: {count} line(s) reported: {reason}")
    if result.repairs:
        repairs = Table(title="Encoding damage (U+FFFD) found and how it was resolved")
        for column in ("file", "line", "field", "as written", "resolved to"):
            repairs.add_column(column)
        for source, line, field, written, resolved in result.repairs:
            repairs.add_row(
                source,
                str(line),
                field,
                written,
                resolved or "(unresolved: no single real unit fits)",
            )
        console.print(repairs)
    for s in getattr(result, "places", []):
        console.print(
            f"Places (GeoNames), {s.source}, {s.side}s: {s.placed} placed, {s.ambiguous} ambiguous"
            f" (candidates kept), {s.unplaced} unplaced, of {s.total}",
            highlight=False,
        )
        if s.unplaced_names:
            console.print(f"  unplaced: {'; '.join(s.unplaced_names)}", highlight=False)
    if result.page_facts:
        console.print(f"Page facts extracted: {result.page_facts}")
    passages = sum(f.passages for f in result.files)
    console.print(
        f"Passages embedded: {result.embedded} (the other {passages - result.embedded} unchanged, from the cache)"
    )


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in Polish or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly the API's JSON.")] = False,
    conversation: Annotated[
        str | None, typer.Option("--conversation", help="Continue this conversation.")
    ] = None,
) -> None:
    """Answer one question."""
    from assistant.core import Assistant

    with Assistant.open(get_settings()) as assistant:
        result = assistant.answer(question, conversation)
    if as_json:
        sys.stdout.write(
            json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        )
        return
    from assistant.chat import render_answer

    render_answer(result, console)


@app.command("chat")
def chat_command() -> None:
    """An interactive conversation in the terminal (Ctrl-D or 'exit' to leave)."""
    from assistant.chat import run_chat
    from assistant.core import Assistant

    with Assistant.open(get_settings()) as assistant:
        run_chat(assistant)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the HTTP service (ingests first if there is no index yet)."""
    from assistant import index
    from assistant.ingest import ingest

    settings = get_settings()
    if index.current_dir(settings) is None:
        err.print("No index yet: ingesting the corpus first.")
    result = ingest(
        settings
    )  # cheap when nothing changed; rebuilds after a corpus or schema change
    if not result.skipped:
        print_summary(result)
    from assistant.web.server import serve

    serve(settings, host=host, port=port, workers=workers)


@app.command("eval")
def eval_command(
    file: Annotated[
        Path | None, typer.Argument(help="A gold JSON-lines file (default: tests/gold/*.jsonl).")
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Exit non-zero below this overall accuracy.")
    ] = 0.97,
    show_failures: Annotated[int, typer.Option(help="How many failures to print.")] = 20,
    perturb: Annotated[
        bool,
        typer.Option(
            "--perturb",
            help="Ask every passing case again in lower case without diacritics, with a typo, "
            "a greeting, no question mark and a filler clause; report the share that stays the same.",
        ),
    ] = False,
) -> None:
    """Run a gold question set and print accuracy by category and language."""
    from assistant.core import Assistant
    from assistant.evaluate import run_eval, run_perturb

    with Assistant.open(get_settings()) as assistant:
        if perturb:
            share = run_perturb(assistant, file, console=console, show=show_failures)
        else:
            accuracy = run_eval(
                assistant, file, console=console, show_failures=show_failures
            ).accuracy
    if perturb and share < threshold:
        fail(f"stability {share:.3f} is below the threshold {threshold:.2f}.")
    if not perturb and accuracy < threshold:
        fail(f"accuracy {accuracy:.3f} is below the threshold {threshold:.2f}.")


@app.command("prune")
def prune_command(
    days: Annotated[
        int | None,
        typer.Option(min=1, help="Delete conversations idle this many days (default: setting)."),
    ] = None,
) -> None:
    """Delete conversations idle for ASSISTANT_CONVERSATION_DAYS (or --days); keep feedback."""
    from assistant.conversation import open_store

    settings = get_settings()
    days = days or settings.conversation_days
    with open_store(settings) as store:
        pruned = store.prune(days)
    console.print(
        f"Deleted {pruned.conversations} conversation(s) ({pruned.turns} turn(s)) idle for over "
        f"{days} days; feedback is kept."
    )


class Rating(StrEnum):
    up = "up"
    down = "down"


@app.command("feedback")
def feedback_command(
    rating: Annotated[Rating | None, typer.Option(help="Only this rating.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only feedback from this day on (YYYY-MM-DD).")
    ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """List rated answers: the question, the answer's first line and the comment."""
    from datetime import date

    from assistant.conversation import open_store

    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        fail(f"--since must be a date like 2026-12-01, not {since!r}.")
    with open_store(get_settings()) as store:
        rated = store.feedback(rating.value if rating else None, day)
    columns = ("created", "rating", "question", "answer", "comment", "conversation", "turn")
    rows = [
        (r.created, r.rating, r.question or "", r.answer_first_line, r.comment or "",
         r.conversation_id, "" if r.turn is None else str(r.turn))
        for r in rated
    ]  # fmt: skip
    if as_csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return
    if not rows:
        console.print("No feedback matches.")
        return
    table = Table(title=f"Feedback ({len(rows)})")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except AssistantError as error:
        err.print(f"[red]Error:[/red] {error}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # a user sees one line; the traceback goes to the log
        logging.getLogger("assistant").debug("unexpected error", exc_info=True)
        err.print(
            f"[red]Error:[/red] {type(error).__name__}: {error}", highlight=False, soft_wrap=True
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
