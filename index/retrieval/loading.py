"""Reading units and vectors from the store: all a manifest names, or only some documents' current versions.

A collection can hold units no manifest names yet (a write in progress adds them before it swaps the
manifest) or any more (superseded, deleted just after the swap). Only the units of the versions the
manifest names are loaded; the others' ids are returned as strays, for a sweep to consider. A read in pages
can skip or repeat records when another writer adds or deletes some meanwhile: each document's units are
counted against its manifest entry, and a document found incomplete is read again on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from llama_index.core.schema import TextNode

from index.store.records import from_record, unit_key

LOAD_PAGE = 5000
DOCS_PER_READ = 100


class IndexChanged(RuntimeError):
    """Units a manifest names could not all be read: a later write deleted them meanwhile (read again)."""


@dataclass
class Loaded:
    """Units (nodes) and their vectors (row i belongs to node i), and the record ids that were skipped."""

    nodes: list[TextNode] = field(default_factory=list)
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    strays: list[str] = field(default_factory=list)


def load_units(collection, documents: dict[str, dict], page: int = LOAD_PAGE) -> Loaded:
    """Every unit of the versions the manifest (documents) names, and its vector, read in pages."""
    reader = _Reader(documents, list(documents))
    offset = 0
    while True:
        got = collection.get(include=["metadatas", "embeddings"], limit=page, offset=offset)
        reader.take(got)
        if len(got["ids"]) < page:
            break
        offset += page
    return _complete(collection, reader, page)


def load_documents(collection, documents: dict[str, dict], doc_ids: list[str], page: int = LOAD_PAGE) -> Loaded:
    """The units and vectors of some documents, in the versions the manifest (documents) names."""
    reader = _Reader(documents, doc_ids)
    _read(collection, reader, doc_ids, page)
    return _complete(collection, reader, page)


def _complete(collection, reader: _Reader, page: int) -> Loaded:
    """The read, once every document has all its units (those that haven't are read again, once)."""
    if missing := reader.incomplete():
        _read(collection, reader, missing, page)
    if missing := reader.incomplete():
        raise IndexChanged(f"{len(missing)} statements changed while the index was read, e.g. {missing[0]}")
    return reader.done()


def _read(collection, reader: _Reader, doc_ids: list[str], page: int) -> None:
    """Read the units of some documents' current versions, DOCS_PER_READ documents at a time."""
    documents = reader.documents
    for start in range(0, len(doc_ids), DOCS_PER_READ):
        chunk = doc_ids[start : start + DOCS_PER_READ]
        pairs = [{"$and": [{"doc_id": d}, {"version": documents[d]["version"]}]} for d in chunk]
        where = pairs[0] if len(pairs) == 1 else {"$or": pairs}
        offset = 0
        while True:
            got = collection.get(where=where, include=["metadatas", "embeddings"], limit=page, offset=offset)
            reader.take(got)
            if len(got["ids"]) < page:
                break
            offset += page


def in_order(nodes: list[TextNode], vectors: np.ndarray) -> tuple[list[TextNode], np.ndarray]:
    """Units sorted by year, statement and position (each year one contiguous block), with their vectors."""
    order = sorted(range(len(nodes)), key=lambda i: _order_key(nodes[i]))
    return [nodes[i] for i in order], vectors[order] if len(order) else vectors


def _order_key(node: TextNode) -> tuple:
    meta = node.metadata
    return int(meta["year"]), meta["doc_id"], meta["position"]


class _Reader:
    """Collects the pages of a read: the manifest's units (each once), and the ids of the others."""

    def __init__(self, documents: dict[str, dict], wanted: list[str]):
        self.documents, self.wanted = documents, wanted
        self.rows: dict[str, tuple[TextNode, np.ndarray]] = {}
        self.strays: dict[str, None] = {}
        self.counts: dict[str, int] = {}

    def take(self, got: dict) -> None:
        for record, meta, vector in zip(got["ids"], got["metadatas"], got["embeddings"]):
            doc_id, version = unit_key(record)
            entry = self.documents.get(doc_id)
            if entry is None or entry.get("version") != version:
                self.strays[record] = None
            elif record not in self.rows:
                self.rows[record] = (from_record(record, meta, self.documents), np.asarray(vector, dtype=np.float32))
                self.counts[doc_id] = self.counts.get(doc_id, 0) + 1

    def incomplete(self) -> list[str]:
        """Wanted documents with fewer units read than their manifest entry counts."""
        return [d for d in self.wanted if self.counts.get(d, 0) < self.documents[d]["units"]]

    def done(self) -> Loaded:
        if not self.rows:
            return Loaded(strays=list(self.strays))
        nodes, vectors = in_order([n for n, _ in self.rows.values()], np.vstack([v for _, v in self.rows.values()]))
        return Loaded(nodes, vectors, list(self.strays))
