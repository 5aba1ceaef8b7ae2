"""The loaded engine: model, store, the served index snapshot, the answerer and the cache of answers."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections import OrderedDict

from threadpoolctl import threadpool_limits

from index.answering.base import Answerer
from index.answering.extractive import ExtractiveAnswerer
from index.embedding.embedder import Embedder
from index.models import Answer
from index.question.lexicon import Lexicon
from index.retrieval.calibration import Calibration
from index.retrieval.loading import IndexChanged
from index.retrieval.snapshot import Reading, Snapshot
from index.settings import EngineSettings
from index.store.chroma import Manifest, Store
from index.store.sweep import sweep_when_free

REFRESH_SECONDS = 2.0
READ_ATTEMPTS = 3


class IndexNotReady(RuntimeError):
    """Nothing has been ingested yet."""


log = logging.getLogger("cbcf.engine")


class Engine:
    """Everything answer() needs, shared across requests; follows the store's manifest."""

    def __init__(
        self,
        settings: EngineSettings,
        embedder: Embedder | None = None,
        store: Store | None = None,
        answerer: Answerer | None = None,
    ):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        # The model's threads already use every core and spin briefly after each call; numpy's products
        # here are small, and on a single BLAS thread they stop fighting the model for the cores.
        threadpool_limits(1, user_api="blas")
        self.settings = settings
        self.embedder = embedder or Embedder.from_settings(settings)
        self.store = store or Store(settings)
        self.answerer = answerer or ExtractiveAnswerer()
        self.snapshot: Snapshot | None = None
        self.lexicon = Lexicon.load(settings.lexicon_dir)
        self.calibration = Calibration.load(settings.calibration_file)
        self._reading = Reading(self.embedder.dictionary(), self.lexicon, settings.exact_search_max_units)
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._lock = threading.Lock()  # the answer cache
        self._refresh_lock = threading.Lock()  # one check or reload at a time; answers don't wait for it
        self._follower: threading.Thread | None = None  # the last follow started in the background
        self._checked = 0.0
        self.store_error: str | None = None  # why the store could not be read at the last check, if it couldn't
        self.refresh(force=True)
        self.sweep()

    def sweep(self) -> None:
        """Delete what killed writes left in the store (the write lease permitting; a writer sweeps anyway)."""
        strays = list(self.snapshot.strays) if self.snapshot else []
        try:
            swept = sweep_when_free(self.store, strays, self.manifest.collection if self.manifest else None)
        except Exception as exc:  # the store is down or read-only: nothing to sweep now
            log.warning("could not sweep the store: %r", exc)
            return
        if swept and (swept.versions or swept.records or swept.collections or swept.folders):
            log.info("swept %s", swept)

    @property
    def ready(self) -> bool:
        """Whether an index with units is loaded."""
        return self.snapshot is not None and self.snapshot.retriever is not None

    @property
    def manifest(self) -> Manifest | None:
        """The manifest being served, if any."""
        return self.snapshot.manifest if self.snapshot else None

    def refresh(self, force: bool = False) -> bool:
        """Follow the store's manifest if it changed since the last check: only the changed documents' units
        are read when the collection is the same, the whole index when it isn't (or nothing was loaded).

        force: check now and wait for the follow (writers, start-up, tests); True when a new manifest is
        served. Otherwise a check is made only when due, and while a snapshot is loaded it runs in a background
        thread: the caller, and every answer meanwhile, keeps the loaded snapshot until the new one is ready.

        When the store can't be read (a Chroma server down), the loaded snapshot keeps serving: the error is
        kept in store_error (for /readyz) and the check is repeated on the next refresh that is due. Only a
        first load, with nothing to serve yet, lets the error through.
        """
        if force:
            with self._refresh_lock:
                return self._follow()
        if not self.refresh_due() or not self._refresh_lock.acquire(blocking=False):
            return False  # not due, or another thread is checking: serve what is loaded
        if self.snapshot is None:  # nothing to answer from meanwhile: the caller waits for the first load
            try:
                return self._follow()
            finally:
                self._refresh_lock.release()
        self._checked = time.monotonic()
        try:
            self._follower = threading.Thread(target=self._follow_in_background, name="cbcf-follow", daemon=True)
            self._follower.start()
        except BaseException:
            self._refresh_lock.release()
            raise
        return False

    def _follow_in_background(self) -> None:
        """_follow() in the follower thread, which holds the refresh lock until it is done."""
        try:
            self._follow()
        except Exception:  # a snapshot is loaded, so _follow keeps serving it: only a bug gets here
            log.exception("following the store's manifest failed")
        finally:
            self._refresh_lock.release()

    def wait_for_follow(self, timeout: float | None = None) -> None:
        """Wait until the follow last started in the background (if any) is done."""
        follower = self._follower
        if follower is not None:
            follower.join(timeout)

    def _follow(self) -> bool:
        """refresh()'s work, for the thread holding the refresh lock."""
        self._checked = time.monotonic()
        try:
            active = self.store.active()
            if active is None or (self.snapshot and _same(active, self.snapshot.manifest)):
                self.store_error = None
                return False
            for attempt in range(READ_ATTEMPTS):
                try:
                    snapshot = self._read(active)
                    break
                except IndexChanged:  # a write deleted units while they were read: read its manifest
                    if attempt == READ_ATTEMPTS - 1:
                        raise
                    active = self.store.active()
        except Exception as exc:
            if self.snapshot is None:
                raise
            if self.store_error is None:
                log.warning("store unreadable, serving the loaded index: %r", exc)
            self.store_error = f"{type(exc).__name__}: {exc}"
            return False
        self.snapshot, self.store_error = snapshot, None
        return True

    def _read(self, active: Manifest) -> Snapshot:
        """The snapshot of a manifest: by changed document from the loaded one when it can, else whole."""
        parts = (self.store, active, self._reading)
        self.store.catch_up(active.collection)  # another process may have written it (embedded Chroma)
        if self.snapshot is not None and self.snapshot.follows(active):
            return self.snapshot.advance(*parts)
        return Snapshot.load(*parts)

    def refresh_due(self) -> bool:
        """Whether the next refresh() would look for a newly activated index in the store."""
        return time.monotonic() - self._checked >= REFRESH_SECONDS

    async def refresh_off_loop(self) -> None:
        """refresh() for an event loop: when a check is due, it runs in a worker thread (a first load too)."""
        if self.refresh_due():
            await asyncio.to_thread(self.refresh)

    def require_snapshot(self) -> Snapshot:
        """The snapshot to answer from (checking for a newer one when due), or IndexNotReady."""
        self.refresh()
        snapshot = self.snapshot
        if snapshot is None or snapshot.retriever is None:
            raise IndexNotReady("no statements are indexed yet: run `cbcf ingest`")
        return snapshot

    def cached_answer(self, key: tuple) -> Answer | None:
        """A copy of the answer given to the same question on the current index, if any."""
        with self._lock:
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
        return hit.model_copy(deep=True) if hit is not None else None

    def remember_answer(self, key: tuple, reply: Answer) -> None:
        """Keep an answer for repeated questions (bounded by the query cache size)."""
        with self._lock:
            self._answers[key] = reply.model_copy(deep=True)
            while len(self._answers) > self.settings.query_cache_size:
                self._answers.popitem(last=False)

    def documents(self) -> list[dict]:
        """Manifest records of the indexed documents."""
        self.refresh()
        return list(self.manifest.documents.values()) if self.manifest else []


def _same(one: Manifest, other: Manifest) -> bool:
    """Whether two manifests are the same write's."""
    return (one.collection, one.serial, one.updated) == (other.collection, other.serial, other.updated)
