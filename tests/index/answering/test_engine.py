"""The engine follows the manifest by document: a write elsewhere changes only that document's units in memory."""

from __future__ import annotations

import threading

from index.answering import engine as engine_module
from index.core import answer, ingest_paths, remove_documents
from index.retrieval.snapshot import Snapshot
from index.settings import BUNDLED_CORPUS
from index.store.chroma import Store

OTTAWA = "2023-cbcf-joint-statement-ottawa"
NEW = "cbcf-2031-joint-statement"


def in_memory(engine) -> dict:
    """node_id -> the node object the engine holds."""
    return {n.node_id: n for n in engine.require_snapshot().retriever.nodes}


def test_a_write_by_another_writer_is_followed_by_reading_only_its_document(empty_engine, tmp_path):
    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)
    empty_engine.refresh(force=True)
    before = in_memory(empty_engine)
    elsewhere = Store(empty_engine.settings)  # another process's or replica's store

    path = tmp_path / f"{NEW}.txt"
    path.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study drones over the lakes. They met twice.")
    ingest_paths([path], elsewhere, empty_engine.embedder)
    assert empty_engine.refresh(force=True)
    after = in_memory(empty_engine)
    assert set(after) == set(before) | {f"{NEW}:00000", f"{NEW}:00001"}
    assert all(after[node_id] is node for node_id, node in before.items())  # kept in memory, not read again
    assert empty_engine.require_snapshot().retriever.vectors.shape == (76, 384)
    reply = answer("What about drones over the lakes?", engine=empty_engine)
    assert reply.citations[0].doc_id == NEW  # found by both searches, rebuilt from memory

    path.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study boats on the lakes.")
    ingest_paths([path], elsewhere, empty_engine.embedder)
    empty_engine.refresh(force=True)
    replaced = in_memory(empty_engine)
    assert set(replaced) == set(before) | {f"{NEW}:00000"} and replaced[f"{NEW}:00000"].text.endswith("the lakes.")
    assert "boats" in replaced[f"{NEW}:00000"].text
    assert "drones over the lakes" not in answer("What about drones over the lakes?", engine=empty_engine).answer

    remove_documents({NEW, OTTAWA}, elsewhere, empty_engine.embedder)
    empty_engine.refresh(force=True)
    left = in_memory(empty_engine)
    assert set(left) == {n for n in before if not n.startswith(OTTAWA)}
    assert all(left[node_id] is before[node_id] for node_id in left)
    assert empty_engine.require_snapshot().years == [2022]


def test_nothing_is_reloaded_when_the_manifest_did_not_change(empty_engine):
    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)
    empty_engine.refresh(force=True)
    snapshot = empty_engine.snapshot
    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)  # unchanged: no write
    assert not empty_engine.refresh(force=True) and empty_engine.snapshot is snapshot


def test_a_statement_written_by_another_process_is_found_through_hnsw(tmp_path, embedder):
    """Embedded Chroma in two processes (`cbcf ingest` beside `cbcf serve`): the engine's HNSW index searches
    the units the other process wrote once it follows the manifest."""
    import numpy as np

    from tests.conftest import make_engine
    from tests.index.store.killed_write import run_write

    data = tmp_path / "data"
    assert run_write(data, "none", BUNDLED_CORPUS) == 0
    engine = make_engine(data, embedder, exact_search_max_units=0)  # every vector search goes to HNSW
    question = "What about drones over the lakes?"
    engine.require_snapshot().retriever.vector_search(np.asarray([embedder.embed_query(question)]), None)

    path = tmp_path / f"{NEW}.txt"
    path.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study drones over the lakes. They met twice.")
    assert run_write(data, "none", path) == 0  # another process
    assert engine.refresh(force=True), engine.store_error
    retriever = engine.require_snapshot().retriever
    rows = retriever.vector_search(np.asarray([embedder.embed_query(question)]), None)[0]
    assert retriever.nodes[rows[0]].node_id == f"{NEW}:00000"


def test_answers_come_from_the_loaded_snapshot_while_a_write_is_followed(empty_engine, tmp_path, monkeypatch):
    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)
    empty_engine.refresh(force=True)
    loaded = empty_engine.snapshot
    path = tmp_path / f"{NEW}.txt"
    path.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study drones over the lakes.")
    ingest_paths([path], Store(empty_engine.settings), empty_engine.embedder)  # another replica's write
    release, advance = threading.Event(), Snapshot.advance

    def slow_advance(snapshot, *args):
        assert release.wait(60), "the answer below waited for the follow"
        return advance(snapshot, *args)

    monkeypatch.setattr(Snapshot, "advance", slow_advance)
    monkeypatch.setattr(engine_module, "REFRESH_SECONDS", 0.0)  # every answer finds a check due
    during = answer("What about drones over the lakes? (during)", engine=empty_engine)  # starts the follow
    again = answer("What about drones over the lakes? (still during)", engine=empty_engine)
    assert empty_engine.snapshot is loaded
    assert NEW not in {c.doc_id for c in during.citations + again.citations}
    release.set()
    empty_engine.wait_for_follow()
    assert empty_engine.snapshot is not loaded and NEW in empty_engine.snapshot.parts
    assert answer("What about drones over the lakes? (after)", engine=empty_engine).citations[0].doc_id == NEW
