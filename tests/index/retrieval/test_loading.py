"""Reading a manifest's units while another writer changes the collection: every unit once, or a clear retry."""

from __future__ import annotations

import pytest

from index.core import ingest_paths, remove_documents
from index.retrieval.loading import IndexChanged, load_documents, load_units
from index.settings import BUNDLED_CORPUS
from index.store.chroma import Store

WASHINGTON, OTTAWA = "2022-cbcf-joint-statement-washington", "2023-cbcf-joint-statement-ottawa"


class WriteAfterFirstPage:
    """A real collection whose first get() is followed by a real write from another store (a replica)."""

    def __init__(self, collection, write):
        self.collection, self.write, self.pages = collection, write, 0

    def get(self, **kw):
        got = self.collection.get(**kw)
        self.pages += 1
        if self.pages == 1:
            self.write()
        return got


def remove_washington(engine) -> None:
    """Delete the 2022 statement through a store of its own, as another replica would."""
    remove_documents({WASHINGTON}, Store(engine.settings), engine.embedder)


@pytest.fixture
def indexed(empty_engine):
    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)
    store = empty_engine.store
    return store, store.active(), store.collection(store.active().collection)


def test_units_deleted_during_a_paged_read_shift_no_unit_of_the_manifest_out(empty_engine, indexed):
    _, before, collection = indexed
    reading = WriteAfterFirstPage(collection, lambda: remove_washington(empty_engine))
    # read against the manifest after the delete: Washington's units vanish between pages, and the offsets
    # of the Ottawa units behind them shift; the Ottawa statement still comes back whole, each unit once
    loaded = load_units(reading, _without(before.documents, WASHINGTON), page=10)
    assert reading.pages > 1 and len(loaded.nodes) == len({n.node_id for n in loaded.nodes}) == 47
    assert {n.metadata["doc_id"] for n in loaded.nodes} == {OTTAWA}


def test_units_of_the_manifest_deleted_during_the_read_are_a_retry(empty_engine, indexed):
    _, before, collection = indexed
    with pytest.raises(IndexChanged, match="changed while the index was read"):
        load_units(WriteAfterFirstPage(collection, lambda: remove_washington(empty_engine)), before.documents, page=10)


def test_changed_documents_are_read_by_version(empty_engine, indexed):
    _, before, collection = indexed
    loaded = load_documents(collection, before.documents, [OTTAWA], page=10)
    assert len(loaded.nodes) == 47 and {n.metadata["doc_id"] for n in loaded.nodes} == {OTTAWA}
    assert loaded.vectors.shape == (47, 384) and loaded.strays == []


def _without(documents: dict, doc_id: str) -> dict:
    return {d: e for d, e in documents.items() if d != doc_id}
