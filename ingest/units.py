"""Read one statement file into a Document and its sentence units."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from ingest.cleaning import split_dateline
from ingest.loaders import load
from ingest.metadata import build_meta
from ingest.models import Document, Unit
from ingest.sections import Paragraph, parse_structure
from ingest.sentences import split_long, split_sentences

# Bump when cleaning, sectioning or sentence rules change, so documents are re-ingested.
INGEST_VERSION = "5"
MAX_UNIT_CHARS = 500


def read_document(path: Path, given: dict | None = None) -> tuple[Document, list[Unit]]:
    """Load, clean and split a file (given: metadata over the sidecar's); raise LoadError/MetadataError."""
    loaded = load(path)
    raw = loaded.text
    structure = parse_structure(raw, loaded.title, loaded.headings)
    paragraphs = list(structure.paragraphs)
    place_hint = None
    if paragraphs:
        place_hint, first = split_dateline(paragraphs[0].text)
        paragraphs[0] = Paragraph(first, paragraphs[0].section, paragraphs[0].index)
    text = "\n\n".join(p.text for p in paragraphs)
    meta = build_meta(path, structure.title, text, place_hint, given)
    digest = hashlib.sha256()
    digest.update(INGEST_VERSION.encode())
    digest.update(json.dumps(asdict(meta), sort_keys=True).encode())
    digest.update(raw.encode())
    doc = Document(
        meta=meta,
        path=str(path),
        raw_text=raw,
        text=text,
        content_hash=digest.hexdigest(),
    )
    return doc, make_units(meta.doc_id, paragraphs)


def make_units(doc_id: str, paragraphs: list[Paragraph]) -> list[Unit]:
    """One unit per sentence, numbered in document order; a very long sentence is searched in parts split at
    clause boundaries, which share its sentence number so that the whole sentence is what gets quoted."""
    sentences = [(p, s) for p in paragraphs for s in split_sentences(p.text)]
    rows = [(p, n, part) for n, (p, s) in enumerate(sentences) for part in split_long(s, MAX_UNIT_CHARS)]
    return [
        Unit(
            unit_id=f"{doc_id}:{i:05d}",
            doc_id=doc_id,
            sentence=text,
            section=para.section,
            paragraph=para.index,
            position=i,
            sentence_no=n,
        )
        for i, (para, n, text) in enumerate(rows)
    ]
