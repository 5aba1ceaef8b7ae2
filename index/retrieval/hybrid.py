"""Hybrid retrieval: BM25 and vector search over the same units, fused by RRF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from llama_index.core.schema import TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from index.retrieval.keywords import TermIds, UnitTerms, keyword_index, keyword_terms
from index.store.records import VERSION_MARK, embedding_text, unit_key

RRF_K = 60
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


class HybridRetriever:
    """Retrieves candidate units for a question from keyword and vector search.

    Vectors are searched exactly in memory when the units searched (all, or one year's) number at most
    `exact_max_units` (a matrix product is faster than an ANN round trip at that size and never misses);
    larger searches query Chroma's HNSW index. Either way the cosines of all candidates come from the
    in-memory matrix. versions (doc_id -> version, the manifest's) says which of the collection's units
    HNSW may return: units of other versions (a write in progress, or superseded) are passed over.
    """

    def __init__(
        self,
        collection,
        nodes: list[TextNode],
        vectors: np.ndarray,
        candidates=20,
        exact_max_units=20_000,
        versions: dict[str, str | None] | None = None,
        keywords: tuple[BM25Retriever, np.ndarray] | None = None,
    ):
        """keywords: the BM25 index of the units and their years, when the caller made them (units grouped by
        year already); else both are made here."""
        if keywords is not None:
            self._bm25, years = keywords
        else:
            years = np.array([int(n.metadata["year"]) for n in nodes], dtype=int)
            order = np.argsort(years, kind="stable")
            if np.any(np.diff(order) != 1):  # load_units already groups units by year; other callers may not
                nodes, vectors, years = [nodes[i] for i in order], vectors[order], years[order]
            terms = UnitTerms.of([keyword_terms(embedding_text(n)) for n in nodes], ids := TermIds())
            self._bm25 = keyword_index([terms], ids) if nodes else None
        self.nodes, self.vectors = nodes, vectors
        self.row = dict(zip((n.node_id for n in nodes), range(len(nodes))))
        self.years = np.unique(years).tolist()
        self.year_rows = {
            y: slice(int(np.searchsorted(years, y, "left")), int(np.searchsorted(years, y, "right")))
            for y in self.years
        }
        self.candidates = candidates
        self.exact_max_units = exact_max_units
        self._collection = collection
        self.versions = versions  # None: every unit in memory is served, whatever its version

    def keyword_tokens(self, text: str) -> list[str]:
        """The stemmed BM25 query terms of a text, as bm25s.tokenize makes them (without its progress bars)."""
        return list(keyword_terms(text))

    def _keyword(self, keywords: str, year: int | None) -> list[tuple[int, float]]:
        """Rows of the best BM25 matches (score > 0), best first, over all units or one year's.

        llama-index's BM25Retriever builds the index; it is queried directly because its retrieve() turns
        the year mask into an array and deserialises every hit's node JSON on each call.
        """
        tokens = self.keyword_tokens(keywords)
        if not tokens:
            return []
        scores = self._bm25.bm25.get_scores(tokens)
        rows = self._scope(year)
        found = _top(scores[rows], self.candidates, rows.start)
        return [(row, score) for row, score in found if score > 0]

    def vector_search(self, queries: np.ndarray, year: int | None) -> list[list[int]]:
        """Rows of the nearest units for each question vector, best first."""
        rows = self._scope(year)
        if rows.stop - rows.start > self.exact_max_units:
            try:
                return self._vector_chroma(queries, year)
            except Exception as exc:  # Chroma down: the vectors are in memory, so search them exactly
                logging.getLogger("cbcf.retrieval").warning("HNSW search failed, searching exactly: %r", exc)
        scores = self.vectors[rows] @ queries.T  # a view of the year's block: no copy
        return [[row for row, _ in _top(column, self.candidates, rows.start)] for column in scores.T]

    def _scope(self, year: int | None) -> slice:
        """The rows of one year's units, or of all units when year is None."""
        return slice(0, len(self.nodes)) if year is None else self.year_rows.get(year, slice(0, 0))

    def _vector_chroma(self, queries: np.ndarray, year: int | None) -> list[list[int]]:
        """The same search through Chroma's HNSW index, reading back only ids (the nodes are in memory).

        Units of versions the manifest doesn't name are dropped; should that leave too few (a write in
        progress, or superseded units not yet deleted), the search is made again restricted to the
        manifest's versions, which Chroma filters before it searches.
        """
        want = min(self.candidates, len(self.nodes))
        found = self._query(queries, year, want, None)
        short = [i for i, (rows, seen) in enumerate(found) if len(rows) < want and seen > len(rows)]
        if short and self.versions is not None:
            named = sorted({v for v in self.versions.values() if v is not None})
            again = self._query(queries[short], year, want, {"version": {"$in": named}} if named else None)
            for i, redo in zip(short, again):
                found[i] = redo
        return [rows[:want] for rows, _ in found]

    def _query(self, queries: np.ndarray, year: int | None, n: int, where: dict | None) -> list[tuple[list[int], int]]:
        """Rows of the visible units HNSW returns for each question vector, and how many ids it returned."""
        clauses = [c for c in ({"year": year} if year is not None else None, where) if c]
        result = self._collection.query(
            query_embeddings=queries.tolist(),
            n_results=n,
            where=clauses[0] if len(clauses) == 1 else ({"$and": clauses} if clauses else None),
            include=["distances"],
        )
        return [([row for row in map(self._visible, ids) if row is not None], len(ids)) for ids in result["ids"]]

    def _visible(self, record: str) -> int | None:
        """The in-memory row of a unit record HNSW returned, or None when its version isn't served."""
        doc_id, version = unit_key(record)
        row = self.row.get(record.partition(VERSION_MARK)[0])
        if row is None or (self.versions is not None and self.versions.get(doc_id) != version):
            return None
        return row

    def retrieve(self, keywords: str, embeddings, year: int | None = None) -> list[Candidate]:
        """Candidates ranked by reciprocal rank fusion of keyword and vector searches."""
        queries = np.asarray(embeddings, dtype=np.float32).reshape(-1, self.vectors.shape[1] or 1)
        found: dict[int, Candidate] = {}

        def fuse(row: int, rank: int) -> Candidate:
            cand = found.setdefault(row, Candidate(node=self.nodes[row]))
            cand.fused += 1.0 / (RRF_K + rank + 1)
            return cand

        for rows in self.vector_search(queries, year):
            for rank, row in enumerate(rows):
                cand = fuse(row, rank)
                cand.vector_rank = rank if cand.vector_rank is None else min(rank, cand.vector_rank)
        for rank, (row, score) in enumerate(self._keyword(keywords, year) if keywords.strip() else []):
            cand = fuse(row, rank)
            cand.bm25_score, cand.bm25_rank = float(score), rank
        if found:
            rows = np.fromiter(found, dtype=int)
            best = (self.vectors[rows] @ queries.T).max(axis=1)  # best cosine against any question vector
            for row, value in zip(rows, best):
                found[int(row)].cosine = float(value)
        return sorted(found.values(), key=lambda c: c.fused, reverse=True)


def _top(scores: np.ndarray, k: int, offset: int = 0) -> list[tuple[int, float]]:
    """(row, score) of the k highest scores, best first; offset is the row of scores[0]."""
    k = min(k, len(scores))
    if k == 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(t) + offset, float(scores[t])) for t in top]
