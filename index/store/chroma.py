"""Chroma storage: one unit collection per embedding model, and the manifest that says which units are live.

The registry collection holds four kinds of record: `active`, the manifest's head (which collection, which
model, a serial number that grows with every write, and the page records holding the documents' entries and
versions); the pages (manifest.py); `pending`, the journal of the write in progress (the versions it adds and
the ones it supersedes, so a killed writer's leftovers can be found); and the write lease (lease.py). The head,
the journal and the lease are one record each, so each changes in one write.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field

import chromadb
from chromadb.config import Settings as ChromaSettings

from index.settings import EngineSettings
from index.store.lease import WriteLease
from index.store.manifest import Manifest, Pages, is_page

ACTIVE_ID = "active"
PENDING_ID = "pending"
# Registry records between persists of the registry's (one-dimensional, tiny) vector index. Chroma keeps every
# record written to a collection in its write log until that collection's index is persisted, and each write
# reads through the log: with the default (1000) a registry's log held up to a thousand manifest versions.
REGISTRY_SYNC = 10


class StoreUnavailable(RuntimeError):
    """The Chroma store can't be reached: a write can't be made now (reads serve the loaded index)."""


@dataclass
class Journal:
    """The write in progress: the collection it writes and the (doc_id, version) pairs it adds or supersedes."""

    collection: str
    added: list[tuple[str, str]] = field(default_factory=list)
    superseded: list[tuple[str, str]] = field(default_factory=list)


def version_of(content_hash: str, serial: int) -> str:
    """A document version: its content hash's prefix and the serial of the manifest that first names it."""
    return f"{content_hash[:12]}.{serial}"


def make_client(settings: EngineSettings):
    """An embedded persistent client, or an HTTP client when a Chroma host is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host,
            port=settings.chroma_port,
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


class Store:
    """Reads and swaps the manifest; creates, opens and drops unit collections."""

    def __init__(self, settings: EngineSettings, client=None):
        embedded = client is None and not settings.chroma_host
        self.client = client or make_client(settings)
        self.prefix = settings.collection_prefix
        self.search_ef = settings.hnsw_search_ef
        self.local_dir = settings.chroma_dir if embedded else None  # where segment folders live, if here
        self._registry = self._open_registry()
        self._manifest = Pages(self._registry, ACTIVE_ID)
        self._stale: list[str] = []  # page records the last swap stopped naming, deleted by finish()

    def _open_registry(self):
        """The registry collection, made to persist its vector index every REGISTRY_SYNC records."""
        sync = {"hnsw:sync_threshold": REGISTRY_SYNC, "hnsw:batch_size": REGISTRY_SYNC}
        name = f"{self.prefix}-registry"
        registry = self.client.get_or_create_collection(name, metadata=sync, embedding_function=None)
        if (registry.configuration_json or {}).get("hnsw", {}).get("sync_threshold", 0) > REGISTRY_SYNC:
            registry.modify(configuration={"hnsw": {"sync_threshold": REGISTRY_SYNC, "batch_size": REGISTRY_SYNC}})
        return registry

    def write_lease(self, wait_s: float = 60.0) -> WriteLease:
        """The lease a writer holds while it changes the index (see lease.py)."""
        return WriteLease(self._registry, wait_s=wait_s)

    def reachable(self) -> bool:
        """Whether the store answers right now."""
        try:
            self.client.heartbeat()
        except Exception:
            return False
        return True

    def active(self) -> Manifest | None:
        """The manifest currently served, or None before the first ingest."""
        return self._manifest.read()

    def swap(self, manifest: Manifest) -> None:
        """Make a manifest the one readers serve: its changed pages, then its head in one write (the caller
        holds the lease)."""
        manifest.updated = time.time()
        self._stale = self._manifest.write(manifest)

    def unnamed_pages(self) -> list[str]:
        """Manifest page records the head doesn't name: a write's superseded pages if its tidying failed, or
        the pages of a writer killed before its head (the caller holds the lease, so no write is under way)."""
        named = self._manifest.named() or set()
        return [r for r in self._registry.get(include=[])["ids"] if is_page(r) and r not in named]

    def drop_records(self, records: list[str]) -> None:
        """Delete registry records (unnamed manifest pages)."""
        if records:
            self._registry.delete(ids=records)

    def pending(self) -> Journal | None:
        """The journal of a write that has not finished (a writer killed mid-write leaves it behind)."""
        data = self._read(PENDING_ID)
        if data is None:
            return None
        return Journal(data["collection"], [tuple(p) for p in data["added"]], [tuple(p) for p in data["superseded"]])

    def begin(self, journal: Journal, manifest: Manifest | None = None) -> None:
        """Record what a write is about to add and supersede, before it touches any unit; with the manifest it
        will swap in, the manifest pages that will change are written in the same upsert (no head names them yet)."""
        pages = self._manifest.stage(manifest) if manifest is not None else {}
        ids, texts = [PENDING_ID, *pages], [json.dumps(asdict(journal)), *pages.values()]
        self._registry.upsert(ids=ids, embeddings=[[1.0]] * len(ids), documents=texts)

    def finish(self) -> None:
        """Forget the journal (everything the write added or superseded has been dealt with), and delete the
        manifest pages the last swap stopped naming, or those a failed write staged."""
        stale, self._stale = self._stale, []
        self._registry.delete(ids=[PENDING_ID, *stale, *self._manifest.abandon()])

    def _read(self, record: str) -> dict | None:
        got = self._registry.get(ids=[record], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def collection(self, name: str):
        """A unit collection by name."""
        return self.client.get_collection(name, embedding_function=None)

    def catch_up(self, name: str) -> None:
        """Bring this process's copy of a collection's vector index up to writes other processes made.

        An embedded Chroma applies its write log to a process's in-memory HNSW index when that process writes,
        not when it reads: another process's units (a `cbcf ingest` beside `cbcf serve`) are counted but not
        searched until then. Deleting an id that doesn't exist is a write that changes nothing. A Chroma
        server is one process: nothing to do; nor when the newest manifest this Store has seen is one it swapped
        in itself (this process made every write that manifest names).
        """
        if self.local_dir is not None and not self._manifest.own_newest():
            self.collection(name).delete(ids=[f"{self.prefix}-no-such-unit"])

    def new_collection(self):
        """Create an empty unit collection (first ingest, or a new embedding model)."""
        name = f"{self.prefix}-units-{uuid.uuid4().hex[:12]}"
        metadata = {"hnsw:space": "cosine", "hnsw:search_ef": self.search_ef}
        return self.client.create_collection(name, metadata=metadata, embedding_function=None)

    def unit_collections(self) -> list[str]:
        """Names of every unit collection in the store, served or not."""
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        return [n for n in names if n.startswith(f"{self.prefix}-units-")]

    def drop(self, name: str) -> bool:
        """Delete a unit collection; False when it was already gone."""
        try:
            self.client.delete_collection(name)
        except Exception:  # already deleted by another writer: nothing to do
            return False
        return True
