"""Test-only: the real web app over a scripted assistant, so browser tests exercise the widget.

Serving it: `python -m uvicorn scripted_core_app:create_app --factory` with tests/ on the
path. The answers are fixed, but conversations, turns and feedback go through the real
conversation store, and every citation quotes real corpus lines.
"""

from __future__ import annotations

from pathlib import Path

from stand_in import StandIn

from assistant.config import Settings, get_settings
from assistant.models import Answer, Citation, Data
from assistant.web import app as web_app

XSS_ANSWER = (
    'Zobacz <img src=x onerror="window.__xss=1"> oraz <script>window.__xss=2</script> '
    "i [kliknij](javascript:window.__xss=3) **pogrubione** [1]"
)
COLUMNS = [
    "unit",
    "unit_type",
    "country",
    "partner",
    "agreement_year",
    "other_form",
    "source",
    "line",
]
TABLE = "corpus/tables/miasta-i-gminy-2009.tsv"
PAGE = "corpus/pages/olsztyn-partner-cities.txt"


def _lines(settings: Settings, source: str) -> list[str]:
    path = Path(settings.corpus_dir) / source.removeprefix("corpus/")
    return path.read_text(encoding="utf-8").split("\n")


def _find(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _answer_for(text: str, settings: Settings) -> Answer:
    page = _lines(settings, PAGE)
    table = _lines(settings, TABLE)
    if "xss" in text.lower():
        n = _find(page, "Rovaniemi")
        return Answer(
            language="pl",
            route="documents",
            answer=XSS_ANSWER,
            citations=[Citation(id=1, source=PAGE, lines=(n, n), quote=page[n - 1])],
        )
    if "rovaniemi" in text.lower():
        n = _find(page, "Rovaniemi")
        return Answer(
            language="en",
            route="documents",
            answer=(
                "Olsztyn has been partnered with **Rovaniemi** (Finland) since 1976 [1]. "
                "This answer is long enough to arrive in several streamed pieces, word by word, "
                "so that the widget shows it while it is still being written. See also "
                "https://example.org/twinning for more."
            ),
            citations=[Citation(id=1, source=PAGE, lines=(n, n), quote=page[n - 1])],
        )
    # A table answer: 25 real rows of the survey, each with its source line.
    rows: list[list] = []
    start = _find(table, "Bukowno\tSłowacja")
    for n in range(start - 12, len(table)):
        cells = table[n - 1].split("\t")
        if len(cells) >= 4 and cells[0] and not cells[0].startswith("polskie miasto"):
            rows.append([cells[0], "gmina", cells[1], cells[2], cells[3] or None, None, TABLE, n])
        if len(rows) == 25:
            break
    bukowno = _find(table, "Bukowno\tSłowacja")
    return Answer(
        language="pl",
        route="table",
        answer=(
            f"Znalazłem **{len(rows)}** partnerstw, na przykład:\n"
            f"- Bukowno – Rudnany (Słowacja), umowa z 2008 r. [1]\n"
            f"- oraz {len(rows) - 1} innych (pełna lista w tabeli)."
        ),
        data=Data(columns=COLUMNS, rows=rows, total=len(rows)),
        sql="SELECT ... -- scripted",
        citations=[
            Citation(id=1, source=TABLE, lines=(bukowno, bukowno), quote=table[bukowno - 1])
        ],
    )


def create_app():
    """The real app over a scripted assistant (this process serves tests only)."""
    settings = get_settings()
    return web_app.create_app(StandIn(settings, lambda text: _answer_for(text, settings)))
