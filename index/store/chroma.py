"""Chroma storage: generations of the unit collection behind one atomic 'active' pointer."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

import chromadb
from chromadb.config import Settings as ChromaSettings

from index.settings import EngineSettings
from index.store.lease import WriteLease

ACTIVE_ID = "active"
COPY_BATCH = 1000


class StoreUnavailable(RuntimeError):
    """The Chroma store can't be reached: a write can't be made now (reads serve the loaded index)."""


@dataclass
class Generation:
    """What the active pointer names: a unit collection and the manifest of its documents."""

    collection: str
    model: str
    documents: dict[str, dict] = field(default_factory=dict)
    updated: float = 0.0


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
    """Reads and swaps generations of the unit collection."""

    def __init__(self, settings: EngineSettings, client=None):
        self.client = client or make_client(settings)
        self.prefix = settings.collection_prefix
        self.search_ef = settings.hnsw_search_ef
        self._registry = self.client.get_or_create_collection(f"{self.prefix}-registry", embedding_function=None)

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

    def active(self) -> Generation | None:
        """The generation currently served, or None before the first ingest."""
        got = self._registry.get(ids=[ACTIVE_ID], include=["documents"])
        if not got["ids"]:
            return None
        data = json.loads(got["documents"][0])
        return Generation(**data)

    def collection(self, name: str):
        """A unit collection by name."""
        return self.client.get_collection(name, embedding_function=None)

    def new_collection(self):
        """Create an empty unit collection for the next generation."""
        name = f"{self.prefix}-units-{uuid.uuid4().hex[:12]}"
        metadata = {"hnsw:space": "cosine", "hnsw:search_ef": self.search_ef}
        return self.client.create_collection(name, metadata=metadata, embedding_function=None)

    def copy_documents(self, source_name: str, target, doc_ids: list[str]) -> int:
        """Copy the stored units (with their vectors) of some documents to another collection."""
        if not doc_ids:
            return 0
        source = self.collection(source_name)
        copied = 0
        for doc_id in doc_ids:
            offset = 0
            while True:
                got = source.get(
                    where={"doc_id": doc_id}, include=["embeddings", "metadatas"], limit=COPY_BATCH, offset=offset
                )
                if not got["ids"]:
                    break
                target.add(ids=got["ids"], embeddings=got["embeddings"], metadatas=got["metadatas"])
                copied += len(got["ids"])
                offset += len(got["ids"])
        return copied

    def activate(self, generation: Generation) -> None:
        """Point readers at a generation in one write, then drop the generation it replaced."""
        previous = self.active()
        generation.updated = time.time()
        self._registry.upsert(
            ids=[ACTIVE_ID],
            embeddings=[[1.0]],
            documents=[json.dumps(generation.__dict__)],
            metadatas=[{"collection": generation.collection}],
        )
        if previous and previous.collection != generation.collection:
            self.drop(previous.collection)

    def drop(self, name: str) -> None:
        """Delete a unit collection, ignoring one that is already gone."""
        try:
            self.client.delete_collection(name)
        except Exception:  # already deleted by another writer: nothing to do
            pass

    def drop_orphans(self) -> list[str]:
        """Delete unit collections left by an interrupted ingest."""
        active = self.active()
        keep = active.collection if active else None
        dropped = []
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith(f"{self.prefix}-units-") and name != keep:
                self.drop(name)
                dropped.append(name)
        return dropped
