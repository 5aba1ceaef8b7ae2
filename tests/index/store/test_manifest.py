"""The manifest kept in pages: a round trip, a write that rewrites only the pages of the documents it touches, the
single-record format read and migrated, a page deleted between a reader's two reads, unnamed pages swept."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields

import pytest

from index.core import ingest_paths, remove_documents
from index.settings import EngineSettings
from index.store.chroma import ACTIVE_ID, Journal, Manifest, Store
from index.store.manifest import PAGES, PageMissing, is_page, page_of
from index.store.sweep import sweep
from tests.index.store.test_versions import statements


def entry(doc_id: str, version: str) -> dict:
    return {"doc_id": doc_id, "title": f"Statement {doc_id}", "year": 2000, "hash": "ab" * 8, "units": 3} | {
        "version": version
    }


def manifest(serial: int, documents: dict[str, dict]) -> Manifest:
    return Manifest("cbcf-units-test", "model", dict(documents), serial, written=3 * len(documents))


def page_number(record: str) -> int:
    return int(record.removeprefix("page-").split(".")[0])


def pages(store: Store) -> set[str]:
    """Every manifest page record in the registry."""
    return {record for record in store._registry.get(include=[])["ids"] if is_page(record)}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(EngineSettings(data_dir=tmp_path / "data", chroma_host=None))


def other(store: Store) -> Store:
    """Another Store (own page cache, own view of the head) over the same database."""
    return Store(EngineSettings(data_dir=store.local_dir.parent, chroma_host=None), client=store.client)


def written(store: Store, serial: int, documents: dict[str, dict]) -> Manifest:
    """A whole write's registry records: journal and staged pages, head, then the journal and replaced pages gone."""
    made = manifest(serial, documents)
    store.begin(Journal(made.collection), made)
    store.swap(made)
    store.finish()
    return made


def test_a_paged_manifest_reads_back_as_it_was_written(store):
    documents = {f"doc-{i}": entry(f"doc-{i}", f"v{i}.1") for i in range(300)}
    made = written(store, 1, documents)
    read = other(store).active()
    assert read == made
    assert read.documents == documents
    head = json.loads(store._registry.get(ids=[ACTIVE_ID], include=["documents"])["documents"][0])
    assert "documents" not in head and head["page_count"] == PAGES
    assert set(head["pages"].values()) == pages(store)
    assert len(pages(store)) == len({page_of(d) for d in documents})
    assert all(record.split(".")[1] == "1" for record in pages(store))  # named by the serial that wrote them


def test_a_write_rewrites_only_the_pages_of_the_documents_it_changes(store):
    documents = {f"doc-{i}": entry(f"doc-{i}", f"v{i}.1") for i in range(300)}
    written(store, 1, documents)
    before = pages(store)
    changed = dict(documents) | {"doc-7": entry("doc-7", "new.2"), "doc-new": entry("doc-new", "new.2")}
    del changed["doc-12"]
    written(store, 2, changed)
    after = pages(store)
    touched = {page_of("doc-7"), page_of("doc-new"), page_of("doc-12")}
    assert len(after - before) == len(touched) and len(before - after) == len(touched)  # replaced, and deleted
    assert {page_number(record) for record in after - before} == touched
    assert all(record.split(".")[1] == "2" for record in after - before)
    assert other(store).active().documents == changed
    written(store, 3, changed)  # nothing changed: no page is written
    assert pages(store) == after


def test_a_statement_added_through_ingest_writes_one_page(empty_engine, tmp_path):
    paths = statements(tmp_path / "corpus", 12, sentences=2)
    ingest_paths(paths, empty_engine.store, empty_engine.embedder)
    store = empty_engine.store
    before = pages(store)
    report = ingest_paths(statements(tmp_path / "more", 13, sentences=2)[-1:], store, empty_engine.embedder)
    assert report.added == ["cbcf-2002-statement"]
    after = pages(store)
    number = page_of("cbcf-2002-statement")
    assert [page_number(record) for record in after - before] == [number]  # one page written
    assert [page_number(record) for record in before - after] in ([], [number])  # the one it replaced, deleted
    assert store.unnamed_pages() == [] and store.pending() is None
    remove_documents({"cbcf-2002-statement"}, store, empty_engine.embedder)
    assert len(other(store).active().documents) == 12 and store.unnamed_pages() == []


def test_a_single_record_manifest_is_read_and_the_next_write_turns_it_into_pages(store):
    documents = {f"doc-{i}": entry(f"doc-{i}", f"v{i}.4") for i in range(40)}
    old = manifest(4, documents)
    old.updated = 1.0
    record = {f.name: getattr(old, f.name) for f in fields(old)}  # as cbcf wrote it before pages
    store._registry.upsert(ids=[ACTIVE_ID], embeddings=[[1.0]], documents=[json.dumps(record)])
    assert store.active() == old and pages(store) == set()
    changed = documents | {"doc-1": entry("doc-1", "new.5")}
    written(store, 5, changed)
    head = json.loads(store._registry.get(ids=[ACTIVE_ID], include=["documents"])["documents"][0])
    assert "documents" not in head and set(head["pages"].values()) == pages(store)
    assert other(store).active().documents == changed and store.unnamed_pages() == []


def test_a_page_deleted_between_the_head_and_the_pages_is_read_again_from_the_new_head(store):
    documents = {f"doc-{i}": entry(f"doc-{i}", f"v{i}.1") for i in range(100)}
    written(store, 1, documents)
    reader = other(store)
    named = {int(n): record for n, record in reader._manifest.head()["pages"].items()}  # a reader's first read
    changed = documents | {"doc-3": entry("doc-3", "new.2")}
    written(store, 2, changed)  # a write swaps the head and deletes the page it replaced
    with pytest.raises(PageMissing):
        reader._manifest._documents(named)  # the reader's second read: a page it was told of is gone
    assert reader.active().documents == changed  # read() reads the head again


def test_readers_racing_writes_always_see_a_whole_manifest(store):
    import threading

    versions = [{f"doc-{i}": entry(f"doc-{i}", f"v{i}.{s}") for i in range(60)} for s in range(1, 16)]
    done, seen, errors = threading.Event(), [], []

    def read() -> None:
        while not done.is_set():
            try:
                got = other(store).active()  # a fresh reader: no page cached
            except Exception as exc:
                errors.append(exc)
                return
            if got is not None:
                seen.append((got.serial, got.documents))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    for serial, documents in enumerate(versions, start=1):
        written(store, serial, documents)
    done.set()
    for thread in readers:
        thread.join()
    assert errors == [] and seen
    assert all(documents == versions[serial - 1] for serial, documents in seen)


def test_the_sweep_deletes_pages_no_head_names(store):
    documents = {f"doc-{i}": entry(f"doc-{i}", f"v{i}.1") for i in range(50)}
    made = written(store, 1, documents)
    killed = other(store)  # a writer killed after writing its journal and pages, before its head
    killed.active()
    next_one = manifest(2, documents | {"doc-9": entry("doc-9", "new.2")})
    killed.begin(Journal("cbcf-units-other"), next_one)
    assert len(store.unnamed_pages()) == 1 and store.pending() is not None
    swept = sweep(store, store.active())
    assert len(swept.pages) == 1 and store.unnamed_pages() == [] and store.pending() is None
    assert other(store).active() == made


def test_a_registry_from_before_is_made_to_persist_its_index_every_few_records(tmp_path):
    from index.store.chroma import REGISTRY_SYNC, make_client

    settings = EngineSettings(data_dir=tmp_path / "data", chroma_host=None)
    client = make_client(settings)
    old = client.get_or_create_collection(f"{settings.collection_prefix}-registry", embedding_function=None)
    assert old.configuration_json["hnsw"]["sync_threshold"] > REGISTRY_SYNC  # Chroma's default
    store = Store(settings, client=client)
    assert store._registry.configuration_json["hnsw"]["sync_threshold"] == REGISTRY_SYNC
    for serial in range(1, 4 * REGISTRY_SYNC):
        written(store, serial, {"doc-1": entry("doc-1", f"v.{serial}")})
    assert Store(settings, client=client).active().serial == 4 * REGISTRY_SYNC - 1
    log = sqlite3.connect(settings.chroma_dir / "chroma.sqlite3")  # Chroma's write log, emptied as the index persists
    try:
        kept = log.execute("SELECT count(*) FROM embeddings_queue WHERE topic LIKE ?", (f"%{store._registry.id}",))
        assert kept.fetchone()[0] <= 2 * REGISTRY_SYNC  # of about 5 records written by each of 39 writes
    finally:
        log.close()
