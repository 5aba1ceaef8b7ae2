"""The project's embedder behind llama-index's BaseEmbedding, so llama-index pipelines use the same model."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr


class LlamaEmbedding(BaseEmbedding):
    """Queries go through the embedder's cache and micro-batcher; passages through its batched encode."""

    _embedder: object = PrivateAttr()

    @classmethod
    def wrap(cls, embedder) -> LlamaEmbedding:
        """A llama-index embedding object over an Embedder."""
        wrapped = cls(model_name=embedder.model_name, embed_batch_size=embedder.batch_size)
        wrapped._embedder = embedder
        return wrapped

    @classmethod
    def class_name(cls) -> str:
        """llama-index's name for this embedding class."""
        return "CbcfEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [v.tolist() for v in self._embedder.embed_documents(texts)]
