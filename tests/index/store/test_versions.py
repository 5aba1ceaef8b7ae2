"""A write costs what it changes: one statement's units are added, replaced or deleted, and no other unit is
written; an index from before document versions is migrated by the next write."""

from __future__ import annotations

import json
import shutil

import numpy as np

from index.core import answer, ingest_paths, remove_documents
from index.settings import BUNDLED_CORPUS
from index.store.records import embedding_text, to_record, unit_key, unit_to_node
from index.store.sweep import orphan_folders
from index.store.writer import manifest_entry
from ingest.units import read_document
from tests.index.store.served import served_ids, stored_ids

TOPICS = ["rail cargo", "ferry crossings", "postal parcels", "airport screening", "tunnel inspections"]


def statements(folder, count: int, sentences: int = 30) -> list:
    """count statements of their own years and topics, each of `sentences` sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        year, topic = 1990 + i, TOPICS[i % len(TOPICS)]
        body = " ".join(f"Officials reviewed {topic} case {n} of the {year} season." for n in range(sentences))
        path = folder / f"cbcf-{year}-statement.txt"
        path.write_text(f"CBCF {year} Joint Statement\n\n{body}")
        paths.append(path)
    return paths


def by_document(ids: set[str]) -> dict[str, set[str]]:
    """Stored record ids grouped by doc_id."""
    grouped: dict[str, set[str]] = {}
    for record in ids:
        grouped.setdefault(unit_key(record)[0], set()).add(record)
    return grouped


def test_one_statement_into_a_larger_index_writes_only_its_own_units(empty_engine, tmp_path):
    ingest_paths([BUNDLED_CORPUS, *statements(tmp_path / "many", 12)], empty_engine.store, empty_engine.embedder)
    before, collection = stored_ids(empty_engine), empty_engine.store.active().collection
    assert len(before) == 74 + 12 * 30

    upload = tmp_path / "upload" / "cbcf-2031-joint-statement.txt"
    upload.parent.mkdir()
    upload.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study drones over lakes. They met twice.")
    report = ingest_paths([upload], empty_engine.store, empty_engine.embedder)
    assert report.added == ["cbcf-2031-joint-statement"] and report.units_embedded == 2
    after = stored_ids(empty_engine)
    assert empty_engine.store.active().collection == collection  # the same collection, not a copy
    assert after - before == set(by_document(after)["cbcf-2031-joint-statement"]) and len(after - before) == 2
    assert before <= after  # every other unit untouched, in the version it had
    assert after == served_ids(empty_engine)
    assert not answer("What about drones over lakes?", engine=empty_engine).abstained


def test_replacing_and_deleting_a_statement_removes_its_superseded_units(empty_engine, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    ingest_paths([corpus], empty_engine.store, empty_engine.embedder)
    first = by_document(stored_ids(empty_engine))
    washington, ottawa = "2022-cbcf-joint-statement-washington", "2023-cbcf-joint-statement-ottawa"

    path = corpus / f"{washington}.txt"
    path.write_text(path.read_text() + "\n\nMinisters also agreed to study drone smuggling over the border.\n")
    report = ingest_paths([corpus], empty_engine.store, empty_engine.embedder)
    assert report.updated == [washington] and report.units_embedded == len(first[washington]) + 1
    second = by_document(stored_ids(empty_engine))
    assert second[ottawa] == first[ottawa] and not second[washington] & first[washington]
    assert len(second[washington]) == len(first[washington]) + 1
    assert stored_ids(empty_engine) == served_ids(empty_engine)

    remove_documents({washington}, empty_engine.store, empty_engine.embedder)
    assert by_document(stored_ids(empty_engine)) == {ottawa: first[ottawa]}
    assert stored_ids(empty_engine) == served_ids(empty_engine)
    assert [d["doc_id"] for d in empty_engine.documents()] == [ottawa]


def write_unversioned_index(store, embedder) -> str:
    """An index as cbcf wrote it before document versions: a collection per write, records without a
    version, and an `active` record naming the collection with a manifest of unversioned entries."""
    collection = store.new_collection()
    documents = {}
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc, units = read_document(path)
        nodes = [unit_to_node(unit, doc) for unit in units]
        vectors = np.asarray(embedder.embed_documents([embedding_text(n) for n in nodes]), dtype=np.float32)
        metadatas = [{k: v for k, v in to_record(n, "").items() if k != "version"} for n in nodes]
        collection.add(ids=[n.node_id for n in nodes], embeddings=vectors, metadatas=metadatas)
        documents[doc.meta.doc_id] = manifest_entry(doc, len(units))
    old = {"collection": collection.name, "model": embedder.model_name, "documents": documents, "updated": 1.0}
    store._registry.upsert(ids=["active"], embeddings=[[1.0]], documents=[json.dumps(old)])
    return collection.name


def test_an_index_from_before_versions_is_served_then_migrated_by_the_next_write(empty_engine, tmp_path):
    old = write_unversioned_index(empty_engine.store, empty_engine.embedder)
    empty_engine.refresh(force=True)
    assert empty_engine.manifest.legacy and len(empty_engine.require_snapshot().retriever.nodes) == 74
    assert not answer("what was agreed on ghost guns?", engine=empty_engine).abstained
    chroma_dir = empty_engine.store.local_dir
    folders = {p.name for p in chroma_dir.iterdir() if p.is_dir()}

    upload = tmp_path / "cbcf-2031-joint-statement.txt"
    upload.write_text("CBCF 2031 Joint Statement\n\nMinisters agreed to study drones over lakes.")
    report = ingest_paths([upload], empty_engine.store, empty_engine.embedder)
    assert report.added == ["cbcf-2031-joint-statement"] and report.units_embedded == 1  # the rest was copied
    active = empty_engine.store.active()
    assert not active.legacy and active.collection != old
    assert empty_engine.store.unit_collections() == [active.collection]
    assert len(stored_ids(empty_engine)) == 75 and stored_ids(empty_engine) == served_ids(empty_engine)
    now = {p.name for p in chroma_dir.iterdir() if p.is_dir()}
    assert len(now - folders) == 1 and len(folders - now) == 1  # the old collection's segment folder went with it
    assert orphan_folders(chroma_dir) == []
    assert not answer("What about drones over lakes?", engine=empty_engine).abstained


def test_a_collection_worn_by_replaced_units_is_rebuilt_from_the_live_ones(empty_engine, tmp_path, monkeypatch):
    from index.store import writer

    monkeypatch.setattr(writer, "WORN_FLOOR", 100)  # rebuild past 100 units written and twice the live ones
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    ingest_paths([corpus], empty_engine.store, empty_engine.embedder)
    first = empty_engine.store.active()
    assert first.written == 74
    path = corpus / "2022-cbcf-joint-statement-washington.txt"
    seen = []
    for n in range(4):  # each replaces the 27-unit statement: 28, 29, ... units more written
        path.write_text(path.read_text() + f"\n\nMinisters also agreed to study drone route {n}.\n")
        report = ingest_paths([corpus], empty_engine.store, empty_engine.embedder)
        active = empty_engine.store.active()
        seen.append((active.collection != first.collection, active.written))
        assert report.units_embedded == 27 + n + 1  # a rebuild copies the unchanged statement, embeds no more
        assert stored_ids(empty_engine) == served_ids(empty_engine)
    # written before each write: 74, 102, 131 (not over 2 × the live units), then 161 > 2 × 78: rebuilt,
    # and the new collection holds only the live units
    assert seen == [(False, 102), (False, 131), (False, 161), (True, 47 + 31)]
    assert empty_engine.store.unit_collections() == [empty_engine.store.active().collection]
    assert orphan_folders(empty_engine.store.local_dir) == []
    assert not answer("what was agreed on ghost guns?", engine=empty_engine).abstained
