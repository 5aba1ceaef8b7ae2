import shutil
import threading

import numpy as np
import pytest

from index.core import IngestFailed, answer, ingest_paths
from index.settings import BUNDLED_CORPUS
from index.store import versions as build
from tests.index.store.served import served_ids, stored_ids

GHOST = "what was agreed on ghost guns?"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, folder)
    return folder


def ingest(engine, *paths, prune=False):
    report = ingest_paths(list(paths), engine.store, engine.embedder, prune=prune)
    engine.refresh(force=True)
    return report


def test_reingest_skips_unchanged_replaces_changed_and_prunes_removed(empty_engine, corpus):
    first = ingest(empty_engine, corpus)
    assert sorted(first.added) == ["2022-cbcf-joint-statement-washington", "2023-cbcf-joint-statement-ottawa"]
    assert first.units_embedded == first.units_total > 50

    again = ingest(empty_engine, corpus)
    assert again.units_embedded == 0 and not again.changed and len(again.unchanged) == 2

    path = corpus / "2022-cbcf-joint-statement-washington.txt"
    path.write_text(path.read_text() + "\n\nMinisters also agreed to study drone smuggling over the border.\n")
    changed = ingest(empty_engine, corpus)
    assert changed.updated == ["2022-cbcf-joint-statement-washington"]
    assert changed.unchanged == ["2023-cbcf-joint-statement-ottawa"]
    assert changed.units_embedded == first.units_total - 47 + 1  # only the 2022 statement was re-embedded
    drone = answer("What about drone smuggling?", engine=empty_engine)
    assert not drone.abstained and "drone smuggling" in drone.citations[0].quote

    path.unlink()
    kept = ingest(empty_engine, corpus)
    assert kept.removed == [] and len(empty_engine.documents()) == 2
    pruned = ingest(empty_engine, corpus, prune=True)
    assert pruned.removed == ["2022-cbcf-joint-statement-washington"]
    assert [d["doc_id"] for d in empty_engine.documents()] == ["2023-cbcf-joint-statement-ottawa"]
    assert answer("What did the 2023 statement say about ghost guns?", engine=empty_engine).citations


def test_bad_file_is_skipped_with_its_path_and_the_rest_is_indexed(empty_engine, corpus):
    bad = corpus / "broken-2024.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    report = ingest(empty_engine, corpus)
    assert [p for p, _ in report.skipped] == [str(bad)]
    assert len(report.added) == 2
    assert not answer(GHOST, engine=empty_engine).abstained


class FailingEmbedder:
    """Wraps the real embedder and fails after a number of batches, like a crash mid-ingest."""

    def __init__(self, real, fail_after):
        self.real, self.fail_after, self.calls = real, fail_after, 0
        self.model_name, self.batch_size = real.model_name, 8

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls > self.fail_after:
            raise RuntimeError("simulated failure while embedding")
        return self.real.embed_documents(texts)


def test_failed_ingest_leaves_the_previous_index_answering(empty_engine, corpus, tmp_path, monkeypatch):
    ingest(empty_engine, corpus)
    # Small windows and writes, so the failure comes after some units of the new generation are stored.
    monkeypatch.setattr(build, "EMBED_WINDOW", 8)
    monkeypatch.setattr(build, "WRITE_BATCH", 4)
    before = empty_engine.store.active()
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "cbcf-2024.txt").write_text(
        "Forum 2024\n\n" + " ".join(f"Sentence number {i} about drones." for i in range(40))
    )
    failing = FailingEmbedder(empty_engine.embedder, fail_after=4)
    with pytest.raises(IngestFailed, match="previous index kept"):
        ingest_paths([corpus, extra], empty_engine.store, failing)
    after = empty_engine.store.active()
    assert after == before  # the manifest was not swapped
    assert stored_ids(empty_engine) == served_ids(empty_engine)  # the units it had added are gone again
    assert empty_engine.store.pending() is None
    reply = answer(GHOST, engine=empty_engine)
    assert not reply.abstained and "privately manufactured firearms" in reply.citations[0].quote


def test_failed_write_stops_the_ingest_and_leaves_the_previous_index(empty_engine, corpus, monkeypatch):
    ingest(empty_engine, corpus)
    before = empty_engine.store.active()
    monkeypatch.setattr(build, "EMBED_WINDOW", 8)
    monkeypatch.setattr(build, "WRITE_BATCH", 4)
    calls: list[list[str]] = []
    collection = empty_engine.store.collection

    def failing_collection(name):
        opened = collection(name)
        add = opened.add

        def add_then_fail(**kw):
            if threading.current_thread().name.startswith("cbcf-write"):
                if len(calls) == 3:
                    raise ValueError("disk full")
                calls.append(kw["ids"])
            return add(**kw)

        opened.add = add_then_fail
        return opened

    monkeypatch.setattr(empty_engine.store, "collection", failing_collection)
    path = corpus / "2023-cbcf-joint-statement-ottawa.txt"
    path.write_text(path.read_text() + "\n\nMinisters also agreed to study drone smuggling over the border.\n")
    with pytest.raises(IngestFailed, match="previous index kept: disk full"):
        ingest_paths([corpus], empty_engine.store, empty_engine.embedder)
    assert len(calls) == 3  # the writer stored some units before the failure
    monkeypatch.undo()
    assert empty_engine.store.active() == before
    assert stored_ids(empty_engine) == served_ids(empty_engine)
    assert not answer(GHOST, engine=empty_engine).abstained


def test_index_persists_and_is_seen_by_a_second_engine(empty_engine, corpus, embedder):
    from tests.conftest import make_engine

    ingest(empty_engine, corpus)
    second = make_engine(empty_engine.settings.data_dir, embedder)
    assert second.ready and len(second.documents()) == 2
    assert answer(GHOST, engine=second).citations[0].doc_id == "2023-cbcf-joint-statement-ottawa"


def test_nodes_are_loaded_in_pages(engine):
    from index.retrieval.loading import load_units

    collection = engine.store.collection(engine.store.active().collection)
    whole = load_units(collection, engine.manifest.documents)
    paged = load_units(collection, engine.manifest.documents, page=7)
    assert [n.node_id for n in paged.nodes] == [n.node_id for n in whole.nodes] and len(whole.nodes) == 74
    assert whole.vectors.shape == (74, 384) and np.array_equal(whole.vectors, paged.vectors)


def test_each_distinct_text_is_embedded_once_in_order_of_first_use_and_every_unit_gets_its_vector(
    empty_engine, corpus, monkeypatch
):
    calls: list[list[str]] = []
    embed = empty_engine.embedder.embed_documents

    def spy(texts):
        calls.append(list(texts))
        return embed(texts)

    monkeypatch.setattr(empty_engine.embedder, "embed_documents", spy)
    monkeypatch.setattr(build, "EMBED_WINDOW", 16)
    monkeypatch.setattr(build, "WRITE_BATCH", 10)
    report = ingest(empty_engine, corpus)
    sent = [t for call in calls for t in call]
    assert len(sent) == len(set(sent)) == report.texts_embedded and all(len(c) <= 16 for c in calls)
    retriever = empty_engine.require_snapshot().retriever
    in_order = sorted(retriever.nodes, key=lambda n: (n.metadata["doc_id"], n.metadata["position"]))
    assert sent == list(dict.fromkeys(build.embedding_text(n) for n in in_order))
    assert len(retriever.nodes) == report.units_embedded == report.units_total
    stored = empty_engine.store.collection(empty_engine.store.active().collection).get(include=[])["ids"]
    assert [r.partition("@")[0] for r in stored] == [n.node_id for n in in_order]  # the HNSW graph's order
    expected = dict(zip(sent, np.asarray(embed(sent), dtype=np.float32)))
    for node, vector in zip(retriever.nodes, retriever.vectors):
        assert np.allclose(vector, expected[build.embedding_text(node)], atol=1e-5)
