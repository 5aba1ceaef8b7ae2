"""Hybrid retrieval: BM25 and vector search over the same units, fused by RRF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.retrievers.bm25 import BM25Retriever

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


def load_units(collection, page: int = LOAD_PAGE) -> tuple[list[TextNode], np.ndarray]:
    """Every unit node stored in a Chroma collection and its vector (row i belongs to node i), read in pages."""
    rows: list[tuple[TextNode, np.ndarray]] = []
    offset = 0
    while True:
        got = collection.get(include=["metadatas", "documents", "embeddings"], limit=page, offset=offset)
        for node_id, meta, text, vector in zip(got["ids"], got["metadatas"], got["documents"], got["embeddings"]):
            node = metadata_dict_to_node(meta, text=text)
            node.id_ = node_id
            rows.append((node, np.asarray(vector, dtype=np.float32)))
        if len(got["ids"]) < page:
            break
        offset += page
    rows.sort(key=lambda r: (r[0].metadata["doc_id"], r[0].metadata["position"]))
    nodes = [node for node, _ in rows]
    vectors = np.vstack([v for _, v in rows]) if rows else np.zeros((0, 0), dtype=np.float32)
    return nodes, vectors


class HybridRetriever:
    """Retrieves candidate units for a question from keyword and vector search.

    Vectors are searched exactly in memory while the index has at most `exact_max_units` units (a matrix
    product is faster than an ANN round trip at that size and never misses); larger indexes query Chroma's
    HNSW index. Either way the cosines of keyword-only candidates come from the in-memory matrix.
    """

    def __init__(
        self, collection, nodes: list[TextNode], vectors: np.ndarray, candidates: int = 20, exact_max_units=100_000
    ):
        self.nodes = nodes
        self.vectors = vectors
        self.row = {n.node_id: i for i, n in enumerate(nodes)}
        self.years = sorted({int(n.metadata["year"]) for n in nodes})
        node_years = np.array([int(n.metadata["year"]) for n in nodes], dtype=int)
        self.year_rows = {y: np.flatnonzero(node_years == y) for y in self.years}
        self.candidates = candidates
        self.exact = len(nodes) <= exact_max_units
        self._collection = collection
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
            if year not in self.year_rows:
                return None
            mask = np.zeros(len(self.nodes), dtype=int)
            mask[self.year_rows[year]] = 1
            base = self._bm25[None]
            view = BM25Retriever(
                existing_bm25=base.bm25,
                similarity_top_k=min(self.candidates, int(mask.sum())),
                corpus_weight_mask=mask.tolist(),
            )
            view.corpus = base.corpus
            self._bm25[year] = view
        return self._bm25[year]

    def _vector(self, queries: np.ndarray, year: int | None) -> list[list[int]]:
        """Rows of the nearest units for each question vector, best first."""
        if not self.exact:
            return self._vector_chroma(queries, year)
        rows = self.year_rows.get(year, np.array([], dtype=int)) if year is not None else None
        matrix = self.vectors if rows is None else self.vectors[rows]
        if not len(matrix):
            return [[] for _ in queries]
        k = min(self.candidates, len(matrix))
        found = []
        for scores in queries @ matrix.T:
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top])]
            found.append((rows[top] if rows is not None else top).tolist())
        return found

    def _vector_chroma(self, queries: np.ndarray, year: int | None) -> list[list[int]]:
        """The same search through Chroma's HNSW index, reading back only ids (the nodes are in memory)."""
        result = self._collection.query(
            query_embeddings=queries.tolist(),
            n_results=min(self.candidates, len(self.nodes)),
            where={"year": year} if year is not None else None,
            include=["distances"],
        )
        return [[self.row[i] for i in ids if i in self.row] for ids in result["ids"]]

    def retrieve(self, keywords: str, embeddings, year: int | None = None) -> list[Candidate]:
        """Candidates ranked by reciprocal rank fusion of keyword and vector searches."""
        queries = np.asarray(embeddings, dtype=np.float32).reshape(-1, self.vectors.shape[1] or 1)
        found: dict[int, Candidate] = {}

        def fuse(row: int, rank: int) -> Candidate:
            cand = found.setdefault(row, Candidate(node=self.nodes[row]))
            cand.fused += 1.0 / (RRF_K + rank + 1)
            return cand

        for rows in self._vector(queries, year):
            for rank, row in enumerate(rows):
                cand = fuse(row, rank)
                cand.vector_rank = rank if cand.vector_rank is None else min(rank, cand.vector_rank)
        bm25 = self._bm25_for(year) if keywords.strip() else None
        if bm25 is not None:
            hits: list[NodeWithScore] = [h for h in bm25.retrieve(QueryBundle(keywords)) if h.score > 0]
            for rank, hit in enumerate(hits):
                cand = fuse(self.row[hit.node.node_id], rank)
                cand.bm25_score, cand.bm25_rank = float(hit.score), rank
        if found:
            rows = np.fromiter(found, dtype=int)
            best = (self.vectors[rows] @ queries.T).max(axis=1)  # best cosine against any question vector
            for row, value in zip(rows, best):
                found[int(row)].cosine = float(value)
        return sorted(found.values(), key=lambda c: c.fused, reverse=True)
