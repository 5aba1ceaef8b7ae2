"""Apply loaded documents to the index: diff by content hash, write only what changed, swap the manifest.

A write, under the store's lease: note in the journal what it will add and supersede; add the new
versions' units (embedded, or copied in a full rebuild); swap the manifest (one upsert: readers now see
the new versions and no longer the old); delete the superseded units; forget the journal; sweep. A failure
before the swap deletes what it added. A writer killed anywhere leaves the journal, and the next writer (or
the next engine to start) deletes what it names that the manifest doesn't.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from index.embedding.embedder import Embedder
from index.store.chroma import Journal, Manifest, Store, StoreUnavailable, version_of
from index.store.lease import WriteConflict
from index.store.sweep import sweep
from index.store.versions import copy_units, delete_versions, embed_into
from ingest.models import Document, Unit
from ingest.pipeline import IngestReport, discover, load_all

Progress = Callable[[int, int], None]
WORN_FLOOR, WORN_RATIO = 20_000, 2  # rebuild once more units were written into a collection than both of these
log = logging.getLogger("cbcf.store")


class IngestFailed(Exception):
    """The ingest stopped part-way; the previously active index is still served."""


def manifest_entry(doc: Document, unit_count: int, version: str | None = None) -> dict:
    """The manifest record kept for an indexed document."""
    entry = asdict(doc.meta) | {"path": doc.path, "hash": doc.content_hash, "units": unit_count}
    return entry | ({"version": version} if version else {})


def update_index(
    loaded: dict[str, tuple[Document, list[Unit]]],
    report: IngestReport,
    store: Store,
    embedder: Embedder,
    *,
    prune: bool = False,
    remove: set[str] | frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> IngestReport:
    """Write new and changed documents' units, swap the manifest, delete superseded units, holding the
    store's write lease: writers (threads, processes, replicas) take turns, each starting from the manifest
    the one before it swapped in, so no acknowledged write is lost. WriteConflict when the lease isn't free
    in time."""
    with _lease(store):
        return _apply(loaded, report, store, embedder, prune=prune, remove=remove, progress=progress)


@contextmanager
def _lease(store: Store):
    try:
        lease = store.write_lease()
        lease.__enter__()
    except WriteConflict:
        raise
    except Exception as exc:
        raise StoreUnavailable(f"the index store can't be reached, nothing was changed: {exc}") from exc
    try:
        yield lease
    finally:
        try:
            lease.__exit__(None, None, None)
        except Exception:  # the store went away: the lease expires by itself
            pass


def _apply(
    loaded: dict[str, tuple[Document, list[Unit]]],
    report: IngestReport,
    store: Store,
    embedder: Embedder,
    *,
    prune: bool,
    remove: set[str] | frozenset[str],
    progress: Progress | None,
) -> IngestReport:
    """update_index's work, done while holding the lease."""
    try:
        active = store.active()
        sweep(store, active)  # what a killed writer left, before this write's journal replaces its
    except Exception as exc:
        raise StoreUnavailable(f"the index store can't be reached, nothing was changed: {exc}") from exc
    same_model = active is not None and active.model == embedder.model_name
    old_docs = dict(active.documents) if active and same_model else {}
    skipped_paths = {path for path, _ in report.skipped}

    keep: dict[str, dict] = {}
    todo: list[tuple[Document, list[Unit]]] = []
    for doc_id, (doc, units) in loaded.items():
        previous = old_docs.get(doc_id)
        if previous and previous["hash"] == doc.content_hash:
            report.unchanged.append(doc_id)
            keep[doc_id] = {**previous, "path": doc.path}
        else:
            (report.updated if previous else report.added).append(doc_id)
            todo.append((doc, units))
    for doc_id, entry in old_docs.items():
        if doc_id in loaded:
            continue
        if doc_id in remove or (prune and entry.get("path") not in skipped_paths):
            report.removed.append(doc_id)
        else:
            keep[doc_id] = entry
    if active and not same_model:
        report.removed.extend(d for d in active.documents if d not in loaded and d not in keep)

    report.units_total = sum(e["units"] for e in keep.values()) + sum(len(u) for _, u in todo)
    if not report.changed and active is not None and same_model:
        return report
    _write(active, keep, todo, store, embedder, report, progress)
    return report


def _write(active: Manifest | None, keep, todo, store: Store, embedder: Embedder, report, progress) -> None:
    """Add the new versions, swap the manifest, delete what it superseded (see the module's docstring)."""
    serial = (active.serial if active else 0) + 1
    live = sum(e["units"] for e in keep.values()) + sum(len(units) for _, units in todo)
    rebuild = _rebuild(active, embedder.model_name, live)
    if rebuild and active is not None:
        why = "an index from before document versions" if active.legacy else "a worn or other model's collection"
        log.info("rebuilding %s into a new collection (%d statements copied)", why, len(keep))
    documents = dict(keep)
    versions = {doc.meta.doc_id: version_of(doc.content_hash, serial) for doc, _ in todo}
    copied = {d: version_of(e["hash"], serial) for d, e in keep.items()} if rebuild and keep else {}
    written = (
        (0 if rebuild else active.written)
        + sum(len(units) for _, units in todo)
        + sum(keep[d]["units"] for d in copied)
    )
    for doc_id, version in copied.items():
        documents[doc_id] = {**documents[doc_id], "version": version}
    for doc, units in todo:
        documents[doc.meta.doc_id] = manifest_entry(doc, len(units), versions[doc.meta.doc_id])
    old = active.versions() if active and not rebuild else {}
    superseded = [(d, v) for d, v in old.items() if v is not None and documents.get(d, {}).get("version") != v]
    try:
        if active is not None:
            store.catch_up(active.collection)  # before reading or writing what another process may have written
        target = store.new_collection() if rebuild else store.collection(active.collection)
        journal = Journal(target.name, [*versions.items(), *copied.items()], superseded)
        manifest = Manifest(target.name, embedder.model_name, documents, serial, written=written)
        store.begin(journal, manifest)
    except Exception as exc:
        raise StoreUnavailable(f"the index store can't be reached, nothing was changed: {exc}") from exc
    try:
        if copied:
            sources = {d: (keep[d].get("version"), v) for d, v in copied.items()}
            copy_units(store.collection(active.collection), target, sources)
        embed_into(target, todo, versions, embedder, report, progress)
        store.swap(manifest)
    except BaseException as exc:
        if _landed(store, target.name, serial):  # the swap was made, only its answer was lost: it stands
            log.warning("the manifest swap was acknowledged late: %r", exc)
            return _tidy(store, target, superseded)
        _undo(store, target, rebuild, journal.added)
        if isinstance(exc, Exception) and not store.reachable():
            raise StoreUnavailable(f"the index store went away during the write, previous index kept: {exc}") from exc
        if isinstance(exc, Exception):
            raise IngestFailed(f"ingest stopped, previous index kept: {exc}") from exc
        raise
    _tidy(store, target, superseded)


def _tidy(store: Store, target, superseded: list[tuple[str, str]]) -> None:
    """After the swap: delete the superseded units, the journal, and whatever else the manifest doesn't name.
    The new manifest is served already, so a failure here only leaves space to a later sweep."""
    try:
        delete_versions(target, superseded)
        store.finish()
        sweep(store, store.active())
    except Exception as exc:
        log.warning("written, but superseded units are left for the next sweep: %r", exc)


def _landed(store: Store, collection: str, serial: int) -> bool:
    """Whether the store serves the manifest this write swapped in (False when that can't be told)."""
    try:
        active = store.active()
    except Exception:
        return False
    return active is not None and (active.collection, active.serial) == (collection, serial)


def _rebuild(active: Manifest | None, model: str, live_units: int) -> bool:
    """Whether a write goes into a new collection: the first write, a new model, an index from before versions,
    or a collection worn by replaced and deleted units (Chroma's HNSW index only marks them deleted, so its
    files keep growing with every unit ever written; copying the live units into a new collection, vectors
    and all, costs in proportion to the writes that wore it, and gives the space back)."""
    if active is None or active.model != model or active.legacy:
        return True
    return active.written > max(WORN_FLOOR, WORN_RATIO * live_units)


def _undo(store: Store, target, rebuild: bool, added: list[tuple[str, str]]) -> None:
    """Delete what a failed write added; if the store can't be reached, the journal keeps it for a sweep."""
    try:
        if rebuild:
            store.drop(target.name)
        else:
            delete_versions(target, added)
        store.finish()
    except Exception as exc:
        log.warning("a failed write's units are left for the next sweep: %r", exc)


def ingest_paths(
    paths: list,
    store: Store,
    embedder: Embedder,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    max_units: int | None = None,
    meta: dict | None = None,
) -> IngestReport:
    """Read the given files and folders and bring the index up to date with them.

    max_units: a statement with more sentences than this is skipped (reported with the reason), not indexed.
    meta: metadata fields (title, year, place, url) that override the file's own, for a single file.
    """
    report = IngestReport()
    files, skipped = discover([Path(p) for p in paths])
    if meta and len(files) + len(skipped) != 1:
        raise ValueError("metadata can be given for one file only")
    report.skipped.extend(skipped)
    loaded = load_all(files, report, meta)
    for doc_id, (doc, units) in list(loaded.items()):
        if max_units is not None and len(units) > max_units:
            report.skipped.append((doc.path, f"{len(units)} sentences, over the limit of {max_units} per statement"))
            del loaded[doc_id]
    return update_index(loaded, report, store, embedder, prune=prune, progress=progress)


def remove_documents(doc_ids: set[str], store: Store, embedder: Embedder) -> IngestReport:
    """Drop documents from the index (their units are deleted); unknown ids are ignored."""
    return update_index({}, IngestReport(), store, embedder, remove=frozenset(doc_ids))
