"""Plain data types passed from the loaders through to the index."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentMeta:
    """Descriptive metadata of one statement."""

    doc_id: str
    title: str
    date: str
    year: int
    place: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """A loaded statement: its metadata, its raw text and the cleaned text."""

    meta: DocumentMeta
    path: str
    raw_text: str
    text: str
    content_hash: str


@dataclass(frozen=True)
class Unit:
    """One indexed sentence with its context window and location."""

    unit_id: str
    doc_id: str
    sentence: str
    window: str
    section: str | None
    paragraph: int
    position: int
    extra: dict = field(default_factory=dict)
