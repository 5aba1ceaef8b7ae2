"""What one API process holds: settings, the engine (built once), metrics, limiter, write lock."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from bot.api.metrics import Metrics
from bot.api.ratelimit import RateLimiter
from bot.api.settings import HTTPSettings
from bot.feedback import FeedbackSettings, FeedbackStore
from index.core import Engine, LLMUnavailable, ingest_paths, open_engine

log = logging.getLogger("cbcf.api")
RETRY_SECONDS = 5.0
EngineFactory = Callable[[], Engine]


class AppState:
    """Shared per-process state; the engine is built at start-up, or retried when that failed."""

    def __init__(
        self,
        settings: HTTPSettings,
        engine: Engine | None = None,
        engine_factory: EngineFactory | None = None,
        feedback: FeedbackStore | None = None,
    ):
        self.settings = settings
        self._feedback = feedback
        self.engine = engine
        self._open_engine = engine_factory or open_engine
        self.metrics = Metrics()
        self.limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_storage, "cbcf-requests")
        self.auth_failures = RateLimiter(settings.auth_failures_per_minute, settings.rate_limit_storage, "cbcf-auth")
        self.write_lock = threading.Lock()
        self.startup_error: str | None = None
        self._build_lock = threading.Lock()
        self._feedback_lock = threading.Lock()
        self._last_try = 0.0

    def start(self) -> None:
        """Build the engine and, if the index is empty, ingest the bundled statements."""
        with self._build_lock:
            self._last_try = time.monotonic()
            try:
                if self.engine is None:
                    self.engine = self._open_engine()
                if not self.engine.ready and self.settings.auto_ingest:
                    self._ingest_bundled()
                self.startup_error = None
            except (ValidationError, LLMUnavailable):
                raise  # a setting that can never work: fail the start instead of waiting unready forever
            except Exception as exc:  # keep serving /healthz and report it on /readyz
                self.startup_error = f"{type(exc).__name__}: {exc}"
                log.error("engine start failed: %s", self.startup_error)

    @property
    def feedback(self) -> FeedbackStore:
        """The store of given answers and votes: the one handed in, else CBCF_SLACK_DB or the engine's data dir."""
        with self._feedback_lock:
            if self._feedback is None:
                data_dir = self.engine.settings.data_dir if self.engine is not None else None
                where = FeedbackSettings(data_dir=data_dir) if data_dir is not None else FeedbackSettings()
                self._feedback = FeedbackStore(where.db_path)
        return self._feedback

    def _ingest_bundled(self) -> None:
        corpus = self.engine.settings.corpus_dir
        log.info("index is empty; ingesting %s", corpus)
        with self.write_lock:
            ingest_paths([corpus], self.engine.store, self.engine.embedder)
        self.engine.refresh(force=True)

    async def engine_for_request(self) -> Engine | None:
        """get_engine for the event loop: a retried start-up (it may build the index) runs in a worker thread."""
        if self.engine is not None and not self.startup_error:
            return self.engine
        return await run_in_threadpool(self.get_engine)

    def get_engine(self) -> Engine | None:
        """The engine, retrying a failed start at most every few seconds."""
        if (self.engine is None or self.startup_error) and time.monotonic() - self._last_try >= RETRY_SECONDS:
            self.start()
        return self.engine if not self.startup_error else None
