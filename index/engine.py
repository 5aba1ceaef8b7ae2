"""The loaded index: embedder, store and retriever, built once and refreshed on new ingests."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass

from threadpoolctl import threadpool_limits

from index.embedding import Embedder
from index.expansions import stem
from index.llm import make_llm
from index.query import Vocabulary, tokens
from index.retriever import HybridRetriever, load_units
from index.settings import Settings
from index.store import Generation, Store

REFRESH_SECONDS = 2.0


@dataclass(frozen=True)
class TermStats:
    """How many units there are and in how many of them each stem occurs."""

    units: int
    df: dict[str, int]


class IndexNotReady(RuntimeError):
    """Nothing has been ingested yet."""


class Engine:
    """Everything answer() needs, shared across requests."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from llama_index.core import Settings as LlamaSettings
        from llama_index.core.llms import MockLLM

        # The extractive answerer needs no LLM; a mock keeps llama-index from reaching for OpenAI.
        LlamaSettings.llm = MockLLM()
        # The model's threads already use every core and spin briefly after each call; numpy's products
        # here are small, and on a single BLAS thread they stop fighting the model for the cores.
        threadpool_limits(1, user_api="blas")
        self.settings = settings
        self.embedder = embedder or Embedder.from_settings(settings)
        self.store = store or Store(settings)
        self.llm = make_llm(settings)
        self.generation: Generation | None = None
        self.retriever: HybridRetriever | None = None
        self.vocabulary = Vocabulary([])
        self.places: dict[str, int] = {}
        self._term_stats = TermStats(0, {})
        self._dictionary = self.embedder.dictionary()
        self._answers: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        self._checked = 0.0
        self.refresh(force=True)

    @property
    def ready(self) -> bool:
        """Whether an index is loaded."""
        return self.retriever is not None

    def refresh(self, force: bool = False) -> bool:
        """Load the active generation if it changed since the last check."""
        if not force and not self.refresh_due():
            return False
        with self._lock:
            self._checked = time.monotonic()
            active = self.store.active()
            if active is None or (self.generation and active.collection == self.generation.collection):
                return False
            collection = self.store.collection(active.collection)
            nodes, vectors = load_units(collection, active.documents)
            self.generation = active
            if not nodes:
                self.retriever = None
                return True
            self.retriever = HybridRetriever(
                collection, nodes, vectors, exact_max_units=self.settings.exact_search_max_units
            )
            texts = [f"{n.text} {n.metadata.get('section', '')}" for n in nodes]
            self.vocabulary = Vocabulary(texts, self._dictionary)
            self.places = _place_names(active)
            self._term_stats = _count_terms(nodes)
            return True

    def refresh_due(self) -> bool:
        """Whether the next refresh() would look for a newly activated index in the store."""
        return time.monotonic() - self._checked >= REFRESH_SECONDS

    async def refresh_off_loop(self) -> None:
        """refresh() for an event loop: when a check is due, it (and any reload) runs in a worker thread."""
        if self.refresh_due():
            await asyncio.to_thread(self.refresh)

    def require_retriever(self) -> HybridRetriever:
        """The current retriever, or IndexNotReady."""
        self.refresh()
        if self.retriever is None:
            raise IndexNotReady("no statements are indexed yet: run `cbcf ingest`")
        return self.retriever

    def cached_answer(self, key: tuple):
        """A copy of the answer given to the same question on the current index, if any."""
        with self._lock:
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
        return hit.model_copy(deep=True) if hit is not None else None

    def remember_answer(self, key: tuple, reply) -> None:
        """Keep an answer for repeated questions (bounded by the query cache size)."""
        with self._lock:
            self._answers[key] = reply.model_copy(deep=True)
            while len(self._answers) > self.settings.query_cache_size:
                self._answers.popitem(last=False)

    def term_stats(self) -> TermStats:
        """Document frequencies of stems over the loaded units."""
        return self._term_stats

    def documents(self) -> list[dict]:
        """Manifest records of the indexed documents."""
        self.refresh()
        return list(self.generation.documents.values()) if self.generation else []


def _place_names(generation: Generation) -> dict[str, int]:
    """Lowercase place names (and their first word) mapped to a statement year."""
    names: dict[str, int] = {}
    counts: dict[str, int] = {}
    for doc in generation.documents.values():
        place = (doc.get("place") or "").lower()
        if not place:
            continue
        for name in {place, place.split(",")[0].strip()}:
            names[name] = doc["year"]
            counts[name] = counts.get(name, 0) + 1
    # A place that hosted several statements does not pin down a year.
    return {name: year for name, year in names.items() if counts[name] == 1}


def _count_terms(nodes) -> TermStats:
    df: Counter[str] = Counter()
    for node in nodes:
        words = tokens(f"{node.text} {node.metadata.get('section', '')}")
        df.update({stem(w) if w.isalpha() else w for w in words})
    return TermStats(len(nodes), dict(df))
