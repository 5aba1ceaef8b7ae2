"""Units of document versions in a collection: embed and write a version, copy one across, delete some."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from index.embedding.embedder import Embedder
from index.embedding.priority import bulk_thread
from index.store.records import VERSION_MARK, embedding_text, record_id, to_record, unit_to_node
from ingest.models import Document, Unit
from ingest.pipeline import IngestReport

WRITE_BATCH = 1000  # units per Chroma add (smaller batches cost more per unit and still stall on its flushes)
EMBED_WINDOW = 1024  # distinct texts per model call: enough to batch by length, few enough to overlap writes
COPY_BATCH = 1000
DELETE_CLAUSES = 100  # (doc_id, version) pairs per delete call


def embed_into(
    target,
    todo: list[tuple[Document, list[Unit]]],
    versions: dict[str, str],
    embedder: Embedder,
    report: IngestReport,
    progress=None,
) -> None:
    """Embed each distinct unit text once and store every unit, tagged with its document's new version.

    The distinct texts go to the model EMBED_WINDOW at a time, in the order they first occur; the model
    batches each window's texts by length. As soon as every text up to some unit is embedded, the units
    up to it are handed to one writer thread, so Chroma's writes overlap the model's next window.
    Units reach Chroma in document order because Chroma builds its HNSW graph in arrival order: units
    sorted by length (each repeated sentence's copies together) made a graph that found about half of
    the true 20 nearest units at 74,000 units, against 93% in document order. Memory is that of one
    upload: its nodes, and one vector per distinct text.
    """
    nodes = [unit_to_node(unit, doc) for doc, units in todo for unit in units]
    rows: dict[str, int] = {}  # distinct text -> its row in vectors, numbered in order of first use
    slot = np.fromiter((rows.setdefault(embedding_text(n), len(rows)) for n in nodes), np.int64, len(nodes))
    # A unit can be written once every distinct text up to the newest it or an earlier unit uses is in.
    newest = np.maximum.accumulate(slot)
    distinct = list(rows)
    vectors = None
    written, pending = 0, []
    with ThreadPoolExecutor(1, thread_name_prefix="cbcf-write", initializer=bulk_thread) as writer:
        for start in range(0, len(distinct), EMBED_WINDOW):
            window = np.asarray(embedder.embed_documents(distinct[start : start + EMBED_WINDOW]), np.float32)
            if vectors is None:
                vectors = np.empty((len(distinct), window.shape[1]), dtype=np.float32)
            vectors[start : start + len(window)] = window
            report.texts_embedded += len(window)
            if progress:
                progress(report.texts_embedded, len(distinct))
            for done in [f for f in pending if f.done()]:
                done.result()  # a failed write stops the ingest now, not after all the embedding
            ready = int(np.searchsorted(newest, start + len(window)))
            batch = (target, nodes[written:ready], vectors[slot[written:ready]], versions)
            pending.append(writer.submit(write_units, *batch))
            written = ready
        for future in pending:
            report.units_embedded += future.result()


def write_units(target, nodes: list, vectors: np.ndarray, versions: dict[str, str]) -> int:
    """Add units and their vectors to a collection, WRITE_BATCH at a time; how many were written."""
    for start in range(0, len(nodes), WRITE_BATCH):
        batch = nodes[start : start + WRITE_BATCH]
        tags = [versions[n.metadata["doc_id"]] for n in batch]
        target.add(
            ids=[record_id(n.node_id, tag) for n, tag in zip(batch, tags)],
            embeddings=vectors[start : start + WRITE_BATCH],
            metadatas=[to_record(n, tag) for n, tag in zip(batch, tags)],
        )
    return len(nodes)


def copy_units(source, target, versions: dict[str, tuple[str | None, str]]) -> int:
    """Copy the stored units (with their vectors) of some documents to another collection under new versions
    (doc_id -> (version now, new version); None now: stored before versions): a rebuild that embeds nothing."""
    copied = 0
    for doc_id, (now, new) in versions.items():
        where = {"doc_id": doc_id} if now is None else {"$and": [{"doc_id": doc_id}, {"version": now}]}
        offset = 0
        while True:
            got = source.get(where=where, include=["embeddings", "metadatas"], limit=COPY_BATCH, offset=offset)
            if not got["ids"]:
                break
            target.add(
                ids=[record_id(r.partition(VERSION_MARK)[0], new) for r in got["ids"]],
                embeddings=got["embeddings"],
                metadatas=[meta | {"version": new} for meta in got["metadatas"]],
            )
            copied += len(got["ids"])
            offset += len(got["ids"])
    return copied


def delete_versions(collection, pairs: list[tuple[str, str]]) -> None:
    """Delete the units of some document versions ((doc_id, version) pairs); gone ones are no error."""
    clauses = [{"$and": [{"doc_id": doc_id}, {"version": version}]} for doc_id, version in pairs]
    for start in range(0, len(clauses), DELETE_CLAUSES):
        chunk = clauses[start : start + DELETE_CLAUSES]
        collection.delete(where=chunk[0] if len(chunk) == 1 else {"$or": chunk})
