"""A page file (.txt, .md, .html, .pdf) -> plain text whose lines citations point at.

For HTML and PDF the extracted text is what ingestion keeps and `/api/sources`
serves, so it must come out the same every time for the same file.
"""

from __future__ import annotations

import re
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}

# Elements that start a new line of text; everything else flows inline.
BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
]  # fmt: skip
DROPPED_TAGS = ["script", "style", "noscript", "template", "head", "svg", "iframe"]


def extract_text(path: Path) -> str:
    """The text of a page file; raises ValueError for a type it cannot read."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    if suffix in HTML_SUFFIXES:
        return html_to_text(path.read_bytes().decode("utf-8", errors="replace"))
    if suffix in PDF_SUFFIXES:
        return pdf_to_text(path)
    raise ValueError(f"{path.name}: pages must be .txt, .md, .html, .htm or .pdf")


def html_to_text(html: str) -> str:
    """Block elements become lines, paragraphs are separated by one blank line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n\n" if tag.name in ("p", "h1", "h2", "h3", "h4", "h5", "h6") else "\n")
        tag.insert_after("\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    return _squeeze_blank_lines(lines)


def pdf_to_text(path: Path) -> str:
    """Each page's text lines, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError) as error:
        raise ValueError(f"{path.name}: cannot read the PDF ({error})") from error
    lines: list[str] = []
    for page in pages:
        lines.extend(line.rstrip() for line in page.splitlines())
        lines.append("")
    return _squeeze_blank_lines(lines)


def _squeeze_blank_lines(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
