"""Read one statement file into a Document and its sentence units."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from ingest.cleaning import dated_line, is_chrome, split_dateline
from ingest.loaders import load
from ingest.metadata import build_meta
from ingest.models import Document, Unit
from ingest.sections import Paragraph, parse_structure
from ingest.sentences import split_long, split_sentences

# Bump when cleaning, sectioning or sentence rules change, so documents are re-ingested.
INGEST_VERSION = "13"
MAX_UNIT_CHARS = 500


def read_document(path: Path, given: dict | None = None) -> tuple[Document, list[Unit]]:
    """Load, clean and split a file (given: metadata over the sidecar's); raise LoadError/MetadataError."""
    loaded = load(path)
    raw = loaded.text
    structure = parse_structure(raw, loaded.title, loaded.headings)
    paragraphs = list(structure.paragraphs)
    place_hint = date_hint = None
    if paragraphs:
        place_hint, first = split_dateline(paragraphs[0].text)
        paragraphs[0] = Paragraph(first, paragraphs[0].section, paragraphs[0].index)
    # a dateline line near the top ("Regina, Saskatchewan — May 6, 2031") gives the meeting's city and date
    dated = next((found for p in paragraphs[:3] if (found := dated_line(p.text))), None)
    if dated:
        place_hint, date_hint = place_hint or dated[0], dated[1]
    text = "\n\n".join(p.text for p in paragraphs)
    meta = build_meta(path, structure.title, text, place_hint, given, date_hint)
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
    # a sentence that is site or print chrome on its own ("Page 1 of 1" run into the last paragraph) is dropped
    sentences = [(p, s) for p in paragraphs for s in split_sentences(p.text) if not is_chrome(s)]
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
