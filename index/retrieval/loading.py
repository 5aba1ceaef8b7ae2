"""Reading units and vectors from the store: all a manifest names, or only some documents' current versions.

A collection can hold units no manifest names yet (a write in progress adds them before it swaps the
manifest) or any more (superseded, deleted just after the swap). Only the units of the versions the
manifest names are loaded; the others' ids are returned as strays, for a sweep to consider.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from llama_index.core.schema import TextNode

from index.store.records import from_record, unit_key

LOAD_PAGE = 5000
DOCS_PER_READ = 100


@dataclass
class Loaded:
    """Units (nodes) and their vectors (row i belongs to node i), and the record ids that were skipped."""

    nodes: list[TextNode] = field(default_factory=list)
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    strays: list[str] = field(default_factory=list)


def load_units(collection, documents: dict[str, dict], page: int = LOAD_PAGE) -> Loaded:
    """Every unit of the versions the manifest (documents) names, and its vector, read in pages."""
    loaded = _Reader(documents)
    offset = 0
    while True:
        got = collection.get(include=["metadatas", "embeddings"], limit=page, offset=offset)
        loaded.take(got)
        if len(got["ids"]) < page:
            return loaded.done()
        offset += page


def load_documents(collection, documents: dict[str, dict], doc_ids: list[str], page: int = LOAD_PAGE) -> Loaded:
    """The units and vectors of some documents, in the versions the manifest (documents) names."""
    loaded = _Reader(documents)
    for start in range(0, len(doc_ids), DOCS_PER_READ):
        chunk = doc_ids[start : start + DOCS_PER_READ]
        pairs = [{"$and": [{"doc_id": d}, {"version": documents[d]["version"]}]} for d in chunk]
        where = pairs[0] if len(pairs) == 1 else {"$or": pairs}
        offset = 0
        while True:
            got = collection.get(where=where, include=["metadatas", "embeddings"], limit=page, offset=offset)
            loaded.take(got)
            if len(got["ids"]) < page:
                break
            offset += page
    return loaded.done()


def in_order(nodes: list[TextNode], vectors: np.ndarray) -> tuple[list[TextNode], np.ndarray]:
    """Units sorted by year, statement and position (each year one contiguous block), with their vectors."""
    order = sorted(range(len(nodes)), key=lambda i: _order_key(nodes[i]))
    return [nodes[i] for i in order], vectors[order] if len(order) else vectors


def _order_key(node: TextNode) -> tuple:
    meta = node.metadata
    return int(meta["year"]), meta["doc_id"], meta["position"]


class _Reader:
    """Collects the pages of a read: the manifest's units, and the ids of the others."""

    def __init__(self, documents: dict[str, dict]):
        self.documents = documents
        self.nodes: list[TextNode] = []
        self.vectors: list[np.ndarray] = []
        self.strays: list[str] = []

    def take(self, got: dict) -> None:
        for record, meta, vector in zip(got["ids"], got["metadatas"], got["embeddings"]):
            doc_id, version = unit_key(record)
            entry = self.documents.get(doc_id)
            if entry is None or entry.get("version") != version:
                self.strays.append(record)
                continue
            self.nodes.append(from_record(record, meta, self.documents))
            self.vectors.append(np.asarray(vector, dtype=np.float32))

    def done(self) -> Loaded:
        if not self.nodes:
            return Loaded(strays=self.strays)
        nodes, vectors = in_order(self.nodes, np.vstack(self.vectors))
        return Loaded(nodes, vectors, self.strays)
