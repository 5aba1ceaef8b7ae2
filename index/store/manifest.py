"""The manifest, and how it is kept in the registry collection: a small head and pages of document entries.

Each document's entry belongs to one of PAGES pages, by a stable hash of its doc_id. A page is an immutable
registry record, `page-<number>.<serial>.<nonce>`, written once by the write that made it and never changed.
The head (record `active`) holds the collection, the model, the serial and the record of each non-empty page.
A write upserts the pages whose entries changed, then the head: the head's upsert is the commit point, as the
single manifest record's was, so readers see the whole old or the whole new manifest. A reader reads the head,
then only the page records it has not read before. A head with a `documents` field is the older format (one
record holding every entry): it is read as it is, and the next write turns it into pages.
"""

from __future__ import annotations

import json
import threading
import uuid
import zlib
from dataclasses import dataclass, field, fields

PAGES = 64
PAGE_PREFIX = "page-"
READ_ATTEMPTS = 5  # head reads when a page it names is deleted meanwhile (a write swapped and tidied)


@dataclass
class Manifest:
    """What readers serve: the unit collection, its model, and each document's entry (with its version).

    A manifest written before documents had versions (one collection per write) has entries without a
    "version": its collection holds exactly its units, untagged. The next write migrates it. Entries are
    shared with the store's page cache: replace an entry, never change one in place.
    """

    collection: str
    model: str
    documents: dict[str, dict] = field(default_factory=dict)
    serial: int = 0
    updated: float = 0.0
    written: int = 0  # units ever added to the collection, live or not (what its HNSW files hold)

    @property
    def legacy(self) -> bool:
        """Whether the manifest predates document versions."""
        return any("version" not in entry for entry in self.documents.values())

    def versions(self) -> dict[str, str | None]:
        """doc_id -> the version of its units that readers may see."""
        return {doc_id: entry.get("version") for doc_id, entry in self.documents.items()}


class PageMissing(RuntimeError):
    """A page record the head names is gone: a write replaced the head (and deleted the page) meanwhile."""


def page_of(doc_id: str) -> int:
    """The page a document's entry is kept in (crc32: the same in every process, unlike hash())."""
    return zlib.crc32(doc_id.encode("utf-8")) % PAGES


def split(documents: dict[str, dict]) -> dict[int, dict[str, dict]]:
    """A manifest's entries by page (empty pages left out)."""
    pages: dict[int, dict[str, dict]] = {}
    for doc_id, entry in documents.items():
        pages.setdefault(page_of(doc_id), {})[doc_id] = entry
    return pages


def is_page(record: str) -> bool:
    """Whether a registry record id is a manifest page."""
    return record.startswith(PAGE_PREFIX)


class Pages:
    """Reads and writes the manifest as head and pages in a registry collection, keeping the pages it has read
    or written (they never change, so a page record id always means the same entries). Thread-safe."""

    def __init__(self, registry, head_id: str):
        self.registry, self.head_id = registry, head_id
        self._lock = threading.Lock()
        self._cache: dict[str, dict[str, dict]] = {}  # page record id -> its entries
        self._base: tuple[int, dict[int, str]] = (-1, {})  # the newest paged head seen: serial, page -> record
        self._staged: tuple[int, dict[int, tuple[str, dict]]] = (-1, {})  # pages upserted before their head
        self._newest, self._own = -1, -2  # serials of the newest head seen and of the last one written here

    def read(self) -> Manifest | None:
        """The manifest the head names, or None before the first write."""
        for _ in range(READ_ATTEMPTS - 1):
            try:
                return self._read_once()
            except PageMissing:  # a write replaced the head meanwhile: read the new one
                continue
        return self._read_once()

    def _read_once(self) -> Manifest | None:
        head = self.head()
        if head is None:
            return None
        with self._lock:
            self._newest = max(self._newest, head.get("serial", 0))
        if "pages" not in head:  # the single-record format
            return Manifest(**head)
        named = {int(n): record for n, record in head.pop("pages").items()}
        layout = head.pop("page_count", None)
        documents = self._documents(named)
        if layout == PAGES:  # a write can compare its pages with these (another layout: it writes every page)
            self._seen(head["serial"], named)
        return Manifest(documents=documents, **head)

    def head(self) -> dict | None:
        """The head record's fields, or None before the first write."""
        got = self.registry.get(ids=[self.head_id], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def named(self) -> set[str] | None:
        """The page records the head names (an empty set for a head without pages; None without a head)."""
        head = self.head()
        return None if head is None else set(head.get("pages", {}).values())

    def own_newest(self) -> bool:
        """Whether the newest head this object has seen is one it wrote (so this process made every write the
        head names)."""
        with self._lock:
            return self._own == self._newest

    def stage(self, manifest: Manifest) -> dict[str, str]:
        """The page records a manifest needs that the head it replaces lacks (record id -> JSON), for the caller
        to upsert before the head; write() then names them instead of writing its own."""
        named, fresh, _ = self._plan(manifest)
        with self._lock:
            self._staged = (manifest.serial, {n: (r, fresh[r]) for n, r in named.items() if r in fresh})
        return {record: json.dumps(entries) for record, entries in fresh.items()}

    def abandon(self) -> list[str]:
        """Forget the staged pages of a write that won't swap its head; their record ids (for the caller to delete)."""
        with self._lock:
            staged, self._staged = self._staged[1], (-1, {})
        return [record for record, _ in staged.values()]

    def write(self, manifest: Manifest) -> list[str]:
        """Upsert the pages that differ from the head this replaces (and weren't staged), then the head naming
        them all; the page records of the replaced head that it no longer names (for the caller to delete)."""
        named, fresh, stale = self._plan(manifest)
        with self._lock:
            staged = {record for record, _ in self._staged[1].values()} if self._staged[0] == manifest.serial else set()
        new = {record: entries for record, entries in fresh.items() if record not in staged}
        if new:
            texts = [json.dumps(entries) for entries in new.values()]
            self.registry.upsert(ids=list(new), embeddings=[[1.0]] * len(new), documents=texts)
        head = {f.name: getattr(manifest, f.name) for f in fields(manifest) if f.name != "documents"}
        head |= {"page_count": PAGES, "pages": {str(n): record for n, record in sorted(named.items())}}
        self.registry.upsert(ids=[self.head_id], embeddings=[[1.0]], documents=[json.dumps(head)])
        with self._lock:
            self._cache.update(fresh)
            self._staged, self._own = (-1, {}), manifest.serial
            self._newest = max(self._newest, manifest.serial)
        self._seen(manifest.serial, named)
        return stale

    def _plan(self, manifest: Manifest) -> tuple[dict[int, str], dict[str, dict], list[str]]:
        """The manifest's page records (page -> record), those to write (record -> entries), and the replaced
        head's records it drops. Pages are compared with the newest head seen when the manifest follows it;
        otherwise (a first write, a migration, another layout) every page is written."""
        with self._lock:
            serial, known = self._base
            known = dict(known) if serial == manifest.serial - 1 else {}
            cache = {record: self._cache.get(record) for record in known.values()}
            ready = self._staged[1] if self._staged[0] == manifest.serial else {}
        named, fresh = {}, {}
        for number, entries in split(manifest.documents).items():
            old = known.get(number)
            if old is not None and cache[old] == entries:
                named[number] = old
                continue
            record, written = ready.get(number, (None, None))
            if written != entries:
                record = f"{PAGE_PREFIX}{number}.{manifest.serial}.{uuid.uuid4().hex[:8]}"
            named[number], fresh[record] = record, entries
        return named, fresh, sorted(set(known.values()) - set(named.values()))

    def _documents(self, named: dict[int, str]) -> dict[str, dict]:
        """Every entry of the named pages: cached ones from memory, the others read in one get."""
        with self._lock:
            have = {record: self._cache.get(record) for record in named.values()}
        missing = [record for record, entries in have.items() if entries is None]
        if missing:
            got = self.registry.get(ids=missing, include=["documents"])
            have.update(zip(got["ids"], (json.loads(text) for text in got["documents"])))
            if len(got["ids"]) < len(missing):
                raise PageMissing(f"manifest pages gone while read: {sorted(set(missing) - set(got['ids']))}")
            with self._lock:
                self._cache.update((record, have[record]) for record in missing)
        documents: dict[str, dict] = {}
        for number in sorted(named):
            documents.update(have[named[number]])
        return documents

    def _seen(self, serial: int, named: dict[int, str]) -> None:
        """Note a head read or written: the newest becomes the base of the next write, and the cache keeps only
        its pages and those of the head just seen."""
        with self._lock:
            if serial >= self._base[0]:
                self._base = (serial, named)
            keep = set(named.values()) | set(self._base[1].values())
            self._cache = {record: entries for record, entries in self._cache.items() if record in keep}
