"""kill -9 of a write at several points, then a restart: a whole index is served (the previous one, or the new
one once its manifest was swapped in) and the start-up sweep leaves nothing behind: no unit of a version the
manifest doesn't name, no other unit collection, no orphaned segment folder, no journal."""

from __future__ import annotations

import shutil
import signal

import pytest

from index.core import answer
from index.settings import BUNDLED_CORPUS, EngineSettings
from index.store.chroma import Store
from index.store.sweep import orphan_folders
from tests.conftest import make_engine
from tests.index.store.killed_write import run_write
from tests.index.store.served import served_ids, stored_ids

NEW = "cbcf-2031-joint-statement"
# point -> whether the new manifest was swapped in before the kill
POINTS = {"journal": False, "adding": False, "swapped": True, "deleted": True}


def assert_nothing_left(engine) -> None:
    """Only the manifest's units, pages, collection and segment folders are stored."""
    store = engine.store
    active = store.active()
    assert store.pending() is None and store.unnamed_pages() == []
    assert store.unit_collections() == [active.collection]
    stored = stored_ids(engine)
    assert stored == served_ids(engine)
    assert sum(entry["units"] for entry in active.documents.values()) == len(stored)
    assert orphan_folders(store.local_dir) == []


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """An index of the bundled statements written by a process that exited, and a changed corpus: one statement
    replaced (its old units are superseded) and one added."""
    root = tmp_path_factory.mktemp("killed")
    template = root / "template"
    assert run_write(template, "none", BUNDLED_CORPUS) == 0
    changed = root / "changed"
    shutil.copytree(BUNDLED_CORPUS, changed)
    washington = changed / "2022-cbcf-joint-statement-washington.txt"
    washington.write_text(washington.read_text() + "\n\nMinisters also agreed to study drone smuggling at sea.\n")
    (changed / f"{NEW}.txt").write_text(
        "CBCF 2031 Joint Statement\n\n" + " ".join(f"Ministers discussed sea lane number {i}." for i in range(12))
    )
    before = Store(EngineSettings(data_dir=template, chroma_host=None)).active()
    return template, changed, before


@pytest.mark.parametrize("point", POINTS)
def test_a_write_killed_anywhere_leaves_a_whole_index_and_a_restart_sweeps_the_rest(written, point, tmp_path, embedder):
    template, changed, before = written
    data = tmp_path / "data"
    shutil.copytree(template, data)
    assert run_write(data, point, changed) == -signal.SIGKILL

    engine = make_engine(data, embedder)  # a restart: load what the manifest names, then sweep
    after = engine.store.active()
    if POINTS[point]:
        assert after.serial == before.serial + 1 and set(after.documents) == {*before.documents, NEW}
        reply = answer("What about drone smuggling?", engine=engine)
        assert not reply.abstained and "drone smuggling" in reply.citations[0].quote
    else:
        assert after == before
    assert not answer("what was agreed on ghost guns?", engine=engine).abstained
    assert_nothing_left(engine)
    # the dead writer's lease was taken over at once (same machine, process gone): the next write goes through
    assert run_write(data, "none", changed) == 0


def test_a_first_ingest_killed_leaves_no_collection_or_folder(tmp_path, embedder):
    data = tmp_path / "data"
    assert run_write(data, "adding", BUNDLED_CORPUS) == -signal.SIGKILL
    store = Store(EngineSettings(data_dir=data, chroma_host=None))
    assert store.active() is None and len(store.unit_collections()) == 1  # the half-written one
    engine = make_engine(data, embedder)
    assert not engine.ready
    assert engine.store.unit_collections() == [] and engine.store.pending() is None
    assert orphan_folders(engine.store.local_dir) == []


def test_units_no_manifest_names_are_swept_when_an_engine_loads_the_index(embedder, tmp_path):
    """Units a journal doesn't know of (a writer whose lease had expired, say) are found by the next load."""
    data = tmp_path / "data"
    assert run_write(data, "none", BUNDLED_CORPUS) == 0
    store = Store(EngineSettings(data_dir=data, chroma_host=None))
    collection = store.collection(store.active().collection)
    got = collection.get(limit=3, include=["embeddings", "metadatas"])
    strays = [f"{r.partition('@')[0]}@0123456789ab.99" for r in got["ids"]]
    metadatas = [m | {"version": "0123456789ab.99"} for m in got["metadatas"]]
    collection.add(ids=strays, embeddings=got["embeddings"], metadatas=metadatas)

    restarted = make_engine(data, embedder)
    assert len(restarted.require_snapshot().retriever.nodes) == 74  # never served
    assert not set(strays) & stored_ids(restarted)
    assert_nothing_left(restarted)
