"""Read a Word (.docx) statement through python-docx: paragraphs in order, headings known by their style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HEADING_STYLE = re.compile(r"^heading\s*\d$", re.IGNORECASE)


@dataclass(frozen=True)
class WordText:
    """The statement's paragraphs as text, its Title-styled line and its heading-styled lines."""

    text: str
    title: str | None
    headings: frozenset[str]


def _style_kind(paragraph) -> str | None:
    """'title', 'heading' or None, from the paragraph's style or the styles it is based on."""
    style = paragraph.style
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return "title"
        if _HEADING_STYLE.match(name):
            return "heading"
        style = style.base_style
    return None


def read_docx(path: Path) -> WordText:
    """The paragraphs of a .docx file, one per block, with the Title and Heading styled ones named."""
    import docx

    title, headings, blocks, in_list = None, set(), [], False
    for paragraph in docx.Document(str(path)).paragraphs:
        # A line break inside a paragraph is layout; soft hyphens are invisible.
        text = re.sub(r"\s+", " ", paragraph.text.replace("\u00ad", "")).strip()
        if not text:
            continue
        kind = _style_kind(paragraph)
        if kind == "title" and title is None and not blocks:
            title = text
        elif kind is not None:
            headings.add(text)
        listed = kind is None and (paragraph.style.name or "").lower().startswith("list")
        if listed and in_list:
            blocks[-1] += "\n" + text  # the items of one list are lines of one block, as in Markdown
        else:
            blocks.append(text)
        in_list = listed
    return WordText("\n\n".join(blocks), title, frozenset(headings))
