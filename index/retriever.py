"""Hybrid retrieval: BM25 and Chroma vector search over the same units, fused by RRF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.retrievers.bm25 import BM25Retriever
from llama_index.vector_stores.chroma import ChromaVectorStore

from index.nodes import embedding_text

RRF_K = 60
LOAD_PAGE = 5000
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass
class Candidate:
    """A retrieved unit with the evidence from each retriever."""

    node: TextNode
    cosine: float = 0.0
    vector_rank: int | None = None
    bm25_score: float = 0.0
    bm25_rank: int | None = None
    fused: float = 0.0

    @property
    def year(self) -> int:
        """The year of the statement the unit belongs to."""
        return int(self.node.metadata["year"])


def load_nodes(collection, page: int = LOAD_PAGE) -> list[TextNode]:
    """Every unit node stored in a Chroma collection, read in pages (one huge get hits SQLite's limits)."""
    nodes, offset = [], 0
    while True:
        got = collection.get(include=["metadatas", "documents"], limit=page, offset=offset)
        for node_id, meta, text in zip(got["ids"], got["metadatas"], got["documents"]):
            node = metadata_dict_to_node(meta, text=text)
            node.id_ = node_id
            nodes.append(node)
        if len(got["ids"]) < page:
            break
        offset += page
    nodes.sort(key=lambda n: (n.metadata["doc_id"], n.metadata["position"]))
    return nodes


class HybridRetriever:
    """Retrieves candidate units for a question from keyword and vector search."""

    def __init__(self, collection, nodes: list[TextNode], candidates: int = 20):
        self.nodes = nodes
        self.by_id = {n.node_id: n for n in nodes}
        self.years = sorted({int(n.metadata["year"]) for n in nodes})
        self.candidates = candidates
        self._vector_store = ChromaVectorStore(chroma_collection=collection)
        self._bm25: dict[int | None, BM25Retriever] = {}
        self._bm25_for(None)  # build the keyword index now, not on the first question

    def _bm25_for(self, year: int | None) -> BM25Retriever | None:
        """The keyword retriever over all units, or a year's view of it (a weight mask, no re-indexing)."""
        if None not in self._bm25:
            keyword_nodes = [TextNode(id_=n.node_id, text=embedding_text(n), metadata={}) for n in self.nodes]
            self._bm25[None] = BM25Retriever.from_defaults(
                nodes=keyword_nodes, similarity_top_k=min(self.candidates, len(self.nodes))
            )
        if year not in self._bm25:
            mask = [int(int(n.metadata["year"]) == year) for n in self.nodes]
            if not any(mask):
                return None
            base = self._bm25[None]
            view = BM25Retriever(
                existing_bm25=base.bm25, similarity_top_k=min(self.candidates, sum(mask)), corpus_weight_mask=mask
            )
            view.corpus = base.corpus
            self._bm25[year] = view
        return self._bm25[year]

    def _vector(self, embeddings: list[list[float]], year: int | None) -> list[list[NodeWithScore]]:
        """Nearest units for each question vector, in one Chroma call.

        The nodes are already in memory, so only ids and distances are read back: deserialising the
        stored node JSON for every hit (as ChromaVectorStore.query does) was a third of the answer time.
        """
        result = self._vector_store._collection.query(
            query_embeddings=embeddings,
            n_results=min(self.candidates, len(self.nodes)),
            where={"year": year} if year is not None else None,
            include=["distances"],
        )
        # Cosine space: distance = 1 - cosine.
        return [
            [NodeWithScore(node=self.by_id[i], score=1.0 - d) for i, d in zip(ids, dists) if i in self.by_id]
            for ids, dists in zip(result["ids"], result["distances"])
        ]

    def retrieve(self, keywords: str, embeddings: list[list[float]], year: int | None = None) -> list[Candidate]:
        """Candidates ranked by reciprocal rank fusion of keyword and vector searches."""
        found: dict[str, Candidate] = {}

        def fuse(hits: list[NodeWithScore], is_vector: bool) -> None:
            for rank, hit in enumerate(hits):
                node = self.by_id[hit.node.node_id]
                cand = found.setdefault(node.node_id, Candidate(node=node))
                if is_vector:
                    cand.vector_rank = min(rank, cand.vector_rank if cand.vector_rank is not None else rank)
                else:
                    cand.bm25_score, cand.bm25_rank = float(hit.score), rank
                cand.fused += 1.0 / (RRF_K + rank + 1)

        for hits in self._vector(embeddings, year):
            fuse(hits, is_vector=True)
        bm25 = self._bm25_for(year) if keywords.strip() else None
        if bm25 is not None:
            fuse([h for h in bm25.retrieve(QueryBundle(keywords)) if h.score > 0], is_vector=False)
        self._score_cosines(found, embeddings)
        return sorted(found.values(), key=lambda c: c.fused, reverse=True)

    def _score_cosines(self, found: dict[str, Candidate], embeddings: list[list[float]]) -> None:
        """Best cosine of each candidate against any of the question vectors."""
        if not found:
            return
        got = self._vector_store._collection.get(ids=list(found), include=["embeddings"])
        queries = np.asarray(embeddings, dtype=np.float32)
        vectors = np.asarray(got["embeddings"], dtype=np.float32)
        best = (vectors @ queries.T).max(axis=1)
        for node_id, value in zip(got["ids"], best):
            found[node_id].cosine = float(value)
