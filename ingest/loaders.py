"""Read statement files of each supported format into plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.tables import html_tables_written_out, markdown_tables_written_out

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


class LoadError(Exception):
    """A file could not be read as a statement."""


def is_supported(path: Path) -> bool:
    """Whether the file's suffix is one the loaders read."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Loaded:
    """A file's text, and what its format says outright about its title and headings."""

    text: str
    title: str | None = None
    headings: frozenset[str] | None = None  # None: the headings are recognised from the text itself


def load_text(path: Path) -> str:
    """Return the text of a .txt, .md, .html, .pdf or .docx file, or raise LoadError."""
    return load(path).text


def load(path: Path) -> Loaded:
    """Read a statement file of any supported format, or raise LoadError."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}")
    title, headings = None, None
    try:
        if suffix == ".docx":
            from ingest.word import read_docx

            word = read_docx(path)
            text, title, headings = word.text, word.title, word.headings or None
        elif suffix == ".pdf":
            text = _load_pdf(path)
        elif suffix in (".html", ".htm"):
            text, title, headings = _marked_up(_load_html(path))
        else:
            text = _read_utf8(path)
            if suffix in (".md", ".markdown"):
                text, title, headings = _marked_up(markdown_tables_written_out(text))
    except LoadError:
        raise
    except Exception as exc:  # any parser failure is a bad file, not a crash
        raise LoadError(f"{type(exc).__name__}: {exc}") from exc
    if not text.strip():
        raise LoadError("no text could be extracted")
    return Loaded(text, title, headings)


def _read_utf8(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data:
        raise LoadError("binary content in a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _load_html(path: Path) -> str:
    import trafilatura

    html = html_tables_written_out(path.read_bytes().decode("utf-8", errors="replace"))
    # as Markdown: its blocks apart (a dateline is not run into the first sentence) and its headings marked
    options = {"include_comments": False, "include_tables": False, "favor_precision": True}
    text = trafilatura.extract(html, output_format="markdown", **options)
    if not text:
        raise LoadError("no main content found in the HTML")
    return text


_MD_HEADING_LINE = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")


def _marked_up(markdown: str) -> tuple[str, str | None, frozenset[str] | None]:
    """Markdown's plain text, its title (a first-level heading before anything else) and its other headings:
    the headings it marks are its sections, whatever their case ("Next steps"); None when it marks none."""
    title, headings, lines = None, set(), []
    for line in _HTML_COMMENT.sub("", markdown).split("\n"):
        match = _MD_HEADING_LINE.match(line)
        if match:
            words = _strip_markdown(match.group(2)).strip()
            if len(match.group(1)) == 1 and title is None and not headings and not any(x.strip() for x in lines):
                title = words
            elif words:
                headings.add(words)
            line = words
        lines.append(line)
    return _strip_markdown("\n".join(lines)), title, frozenset(headings) or None


def _load_pdf(path: Path) -> str:
    from pypdf import PdfReader

    from ingest.pdf import pdf_text

    return pdf_text(PdfReader(str(path)))


# [ \t], not \s: a match must not reach over a line break and swallow the blank line that ends a paragraph.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]*(>[ \t]?)+", re.MULTILINE)  # a blockquote's marks: "> “…,” said …"
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # a note to editors, never shown


def _strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)
