"""Group cleaned lines into paragraphs and attach each to its section heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cleaning import clean_lines, dated_line, split_dateline

_TERMINAL = (".", "!", "?", ":", ";", ",", "”", '"')
_MAX_HEADING_WORDS = 12
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+")  # a heading's number: "1. ", "IV) "
_LABEL = re.compile(r"^[A-Z][a-z]+( [a-z]+)?:\s")
_FIGURE = re.compile(r":\s*[$€£]?\d")  # "… — Canada: 287": a row of figures, not a heading


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of statement text and the heading it sits under."""

    text: str
    section: str | None
    index: int


@dataclass(frozen=True)
class Structure:
    """The title line (if any) and the paragraphs of a document."""

    title: str | None
    paragraphs: list[Paragraph]


def looks_like_heading(line: str) -> bool:
    """Whether a line reads as a short section heading rather than prose."""
    if not _label_shaped(line, 100, _MAX_HEADING_WORDS):
        return False
    # Headings capitalise most of their longer words ("Reducing Firearms Violence").
    long_words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    capitalised = [w for w in long_words if w[0].isupper()]
    return not long_words or len(capitalised) / len(long_words) >= 0.6


def _short_label(line: str) -> bool:
    """A short capitalised line that ends without punctuation and is no dateline, label or list."""
    return _label_shaped(line, 60, 8)


def _label_shaped(line: str, max_chars: int, max_words: int) -> bool:
    """A capitalised line of at most max_chars and max_words that ends without punctuation and is no list of
    topics ("Focused on A, B, and C"), no byline or label ("From: Public Safety Canada") and no wrapped news
    dateline ("VANCOUVER: Ministers … met in Vancouver, British") or line that is only a date ("May 6, 2031")."""
    if not line or len(line) > max_chars or len(line.split()) > max_words or not line[0].isupper():
        return False
    if line.endswith(_TERMINAL) or line.count(",") >= 2 or _LABEL.match(line) or _FIGURE.search(line):
        return False
    return split_dateline(line)[0] is None and dated_line(line) is None


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _split_block(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of one block, keeping heading lines separate."""
    pieces: list[str] = []
    current: list[str] = []
    for line in block:
        bare = _NUMBERED.sub("", line, count=1)
        if bare != line and looks_like_heading(bare):
            line = bare  # "1. Illegal Firearms": a numbered heading is named by its words
        starts = not current or current[-1].endswith(_TERMINAL)
        if (looks_like_heading(line) or dated_line(line) is not None) and starts:
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(line)
        else:
            current.append(line)
    if current:
        pieces.append(" ".join(current))
    return pieces


def parse_structure(text: str, title: str | None = None, headings: frozenset[str] | None = None) -> Structure:
    """Find the title, the headings and the paragraphs under them (headings given by the format win, e.g. Word's)."""
    pieces: list[str] = []
    alone: set[str] = set()  # lines that are a block by themselves, blank lines around them
    for block in _blocks(clean_lines(text)):
        split = _split_block(block)
        pieces += split
        if len(block) == 1:
            alone.add(split[0])
    if headings is not None:
        return _by_marked_headings(pieces, title, headings)
    if title is None and pieces and len(pieces[0]) <= 200 and not pieces[0].endswith((".", "!", "?")):
        title = pieces.pop(0)
    elif title is not None and pieces and pieces[0] == title:
        pieces.pop(0)
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for i, piece in enumerate(pieces):
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        # a short line on its own before prose heads it even in sentence case ("Next steps")
        labels = piece in alone and _short_label(piece) and following is not None and following.endswith(".")
        if (looks_like_heading(piece) or labels) and following is not None and not looks_like_heading(following):
            section = re.sub(r"\s+", " ", piece)
            continue
        if looks_like_heading(piece) and following is None:
            continue  # a stray trailing label carries no statement content
        paragraphs.append(Paragraph(text=piece, section=section, index=len(paragraphs)))
    return Structure(title=title, paragraphs=paragraphs)


def _by_marked_headings(pieces: list[str], title: str | None, headings: frozenset[str]) -> Structure:
    if pieces and (pieces[0] == title or (title is None and pieces[0] in headings)):
        title = pieces.pop(0)
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for piece in pieces:
        if piece in headings:
            section = piece
        else:
            paragraphs.append(Paragraph(text=piece, section=section, index=len(paragraphs)))
    return Structure(title=title, paragraphs=paragraphs)
