"""Sweeping what killed or finished writes leave behind: units of versions the manifest doesn't name, manifest
pages its head doesn't name, unit collections that aren't served, and the segment folders Chroma keeps on disk
after deleting a collection."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from index.store.chroma import Manifest, Store
from index.store.lease import WriteConflict
from index.store.records import unit_key
from index.store.versions import delete_versions

DELETE_IDS = 1000
SEGMENT_FOLDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Swept:
    """What one sweep deleted."""

    versions: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, version) from a killed write
    records: int = 0  # unit records no manifest names, found when an index was loaded
    pages: list[str] = field(default_factory=list)  # manifest page records the head doesn't name
    collections: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)


def sweep(store: Store, active: Manifest | None, strays: list[str] = ()) -> Swept:
    """Delete everything the manifest doesn't name; the caller holds the write lease.

    strays: record ids a reader saw that the manifest it loaded didn't name; deleted if `active` doesn't
    name them either (a write that started since then would hold the lease, so it can't be one of its).
    """
    swept = Swept()
    served = active.collection if active else None
    named = active.versions() if active else {}
    journal = store.pending()
    if journal is not None:  # a write was killed: its added or superseded versions may still be stored
        if journal.collection == served:
            swept.versions = [p for p in journal.added + journal.superseded if named.get(p[0]) != p[1]]
            delete_versions(store.collection(served), swept.versions)
        store.finish()
    unnamed = [r for r in strays if not _named(r, named)]
    if unnamed and served:
        collection = store.collection(served)
        for start in range(0, len(unnamed), DELETE_IDS):
            collection.delete(ids=unnamed[start : start + DELETE_IDS])
        swept.records = len(unnamed)
    swept.pages = store.unnamed_pages()
    store.drop_records(swept.pages)
    swept.collections = [name for name in store.unit_collections() if name != served and store.drop(name)]
    if store.local_dir is not None:
        swept.folders = remove_orphan_folders(store.local_dir)
    return swept


def _named(record: str, named: dict[str, str | None]) -> bool:
    doc_id, version = unit_key(record)
    return doc_id in named and named[doc_id] == version


def sweep_when_free(store: Store, strays: list[str] = (), seen_in: str | None = None) -> Swept | None:
    """sweep() if no write holds the lease right now; None if one does (it sweeps when it is done).

    strays: ids a reader saw in the collection seen_in (considered only if that collection is still served)."""
    lease = store.write_lease(wait_s=0)
    try:
        lease.__enter__()
    except WriteConflict:
        return None
    try:
        active = store.active()
        return sweep(store, active, strays if active and active.collection == seen_in else [])
    finally:
        lease.__exit__()


def orphan_folders(chroma_dir: Path) -> list[Path]:
    """Segment folders of an embedded Chroma database that no segment in its catalogue names.

    Chroma's delete_collection removes the collection's segments from its sqlite catalogue but leaves
    the vector segment's folder (chroma-core/chroma#5259, #5520). The folders are listed before the
    catalogue is read: a collection created meanwhile has its segments catalogued before its folder
    exists, so it can't be taken for an orphan.
    """
    folders = [p for p in chroma_dir.iterdir() if p.is_dir() and SEGMENT_FOLDER.fullmatch(p.name)]
    if not folders:
        return []
    catalogue = sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        live = {row[0] for row in catalogue.execute("SELECT id FROM segments")}
    finally:
        catalogue.close()
    return [p for p in folders if p.name not in live]


def remove_orphan_folders(chroma_dir: Path) -> list[str]:
    """Delete the orphaned segment folders; their names."""
    removed = []
    for folder in orphan_folders(chroma_dir):
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed
