"""Plain data types passed from the loaders through to the index."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


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

    def fields(self) -> dict:
        """The fields as stored with a unit or in the manifest: missing values as empty strings."""
        return {key: "" if value is None else value for key, value in asdict(self).items()}


# A statement's own fields, in one place: node metadata, the manifest and the API's document list use these.
DOCUMENT_FIELDS = tuple(f.name for f in fields(DocumentMeta))


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
    """One indexed sentence and where it stands in its statement."""

    unit_id: str
    doc_id: str
    sentence: str
    section: str | None
    paragraph: int
    position: int
    sentence_no: int = -1  # the whole sentence this unit is (part of); -1: the unit is a whole sentence
