"""The BM25 keyword index, built from each unit's term ids made once per unit version.

A unit's BM25 terms are those bm25s.tokenize makes for llama-index's BM25Retriever. They are numbered by a
vocabulary that only grows (TermIds), so a statement's term ids stay valid while it is served, and the index of
a set of statements is their id arrays put together: document frequencies, IDF and every (unit, term) score
are then computed over whole arrays, with bm25s' own formulas (its default method, "lucene") and dtypes, so
the scores are those bm25s computes when it indexes the same terms itself. IDF and the average unit length
are global, so a change rescores every unit; that is array arithmetic, not tokenizing or counting in Python.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN
from llama_index.retrievers.bm25 import BM25Retriever

BM25_TOKENS = r"(?u)\b\w\w+\b"  # llama-index's BM25Retriever's default token pattern
_SPLIT = re.compile(BM25_TOKENS).findall
STEMMER = Stemmer.Stemmer("english")
BM25_STOPWORDS = frozenset(STOPWORDS_EN)  # what bm25s.tokenize(stopwords="en") removes: the index was built so
K1, B = 1.5, 0.75  # bm25s.BM25()'s defaults
COMPACT_RATIO = 2  # renumber the terms once the vocabulary holds more than this many times the live terms


def keyword_terms(text: str) -> tuple[str, ...]:
    """A text's BM25 terms as bm25s.tokenize makes them for llama-index's BM25Retriever: lowercase words of its
    token pattern, English stop words out, Snowball stems (interned: units share them)."""
    words = [w for w in _SPLIT(text.lower()) if w not in BM25_STOPWORDS]
    return tuple(map(sys.intern, STEMMER.stemWords(words))) if words else ()


class TermIds:
    """Term -> id, for every term a served unit has had (ids are never reused, until compact() renumbers)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._remaps: list[np.ndarray] = []  # old id -> new id, one per compact(): its index is the generation

    @property
    def generation(self) -> int:
        """How many times the ids were renumbered: ids made in an earlier generation need current()."""
        return len(self._remaps)

    def of(self, terms: Iterable[str]) -> list[int]:
        """The ids of terms, numbering the new ones."""
        ids = self.ids
        return [ids.setdefault(t, len(ids)) for t in terms]

    def compact(self, live: np.ndarray) -> None:
        """Keep only the terms whose ids are marked live, renumbered in order."""
        remap = (np.cumsum(live, dtype=np.int64) - 1).astype(np.int32)
        self.ids = {t: int(remap[i]) for t, i in self.ids.items() if live[i]}
        self._remaps.append(remap)

    def current(self, terms: UnitTerms) -> UnitTerms:
        """Units' term ids in the latest numbering (the same object when they are in it already)."""
        ids = terms.ids
        for remap in self._remaps[terms.generation :]:
            ids = remap[ids]
        return terms if ids is terms.ids else replace(terms, ids=ids, generation=self.generation)


@dataclass(frozen=True)
class UnitTerms:
    """Some units' BM25 terms as ids: per unit its distinct terms (first occurrence order) and their counts."""

    ids: np.ndarray  # int32: every unit's distinct term ids, unit after unit
    tf: np.ndarray  # float32: how often each occurs in its unit
    distinct: np.ndarray  # int64: how many distinct terms each unit has
    length: np.ndarray  # int64: how many terms each unit has
    generation: int = 0  # the TermIds generation the ids belong to

    @classmethod
    def of(cls, unit_terms: Sequence[tuple[str, ...]], term_ids: TermIds) -> UnitTerms:
        """The term ids and counts of units' terms."""
        counts = [Counter(term_ids.of(terms)) for terms in unit_terms]
        ids = np.fromiter((i for c in counts for i in c), np.int32)
        tf = np.fromiter((n for c in counts for n in c.values()), np.float32)
        distinct = np.fromiter(map(len, counts), np.int64, len(counts))
        length = np.fromiter(map(len, unit_terms), np.int64, len(unit_terms))
        return cls(ids, tf, distinct, length, term_ids.generation)


def keyword_index(parts: Sequence[UnitTerms], term_ids: TermIds) -> BM25Retriever:
    """llama-index's BM25 retriever over the units of parts (in order): the index bm25s builds from the same
    terms (what from_defaults(nodes=...) makes), without copying every node into its corpus or tokenizing."""
    ids = np.concatenate([p.ids for p in parts])
    tf = np.concatenate([p.tf for p in parts]).astype(np.float64)
    distinct = np.concatenate([p.distinct for p in parts])
    length = np.concatenate([p.length for p in parts])
    units, columns = len(length), len(term_ids.ids)
    rows = np.repeat(np.arange(units, dtype=np.int32), distinct)
    df = np.bincount(ids, minlength=columns)
    idf = np.zeros(columns, dtype=np.float32)
    seen = np.unique(df[df > 0])
    table = np.array([math.log(1 + (units - int(d) + 0.5) / (int(d) + 0.5)) for d in seen], dtype=np.float32)
    idf[df > 0] = table[np.searchsorted(seen, df[df > 0])]
    # bm25s scores unit by unit: idf * tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), in float64, kept as float32
    norm = K1 * ((1 - B) + B * length.astype(np.float64) / (length.mean() or 1.0))  # all empty: no scores at all
    scores = (idf[ids].astype(np.float64) * (tf / (np.repeat(norm, distinct) + tf))).astype(np.float32)
    key = ids.astype(np.uint16) if columns <= 1 << 16 else ids  # 16-bit keys sort stably by radix, in linear time
    order = np.argsort(key, kind="stable")  # by term, each term's units in order: bm25s' CSC layout
    indptr = np.zeros(columns + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    index = bm25s.BM25(k1=K1, b=B)
    index.scores = {"data": scores[order], "indices": rows[order], "indptr": indptr, "num_docs": units}
    index.vocab_dict = dict(term_ids.ids)  # this index's own: the shared one grows while it serves
    index.unique_token_ids_set = set(index.vocab_dict.values())
    index.nonoccurrence_array = None
    return BM25Retriever(existing_bm25=index, stemmer=STEMMER, token_pattern=BM25_TOKENS, similarity_top_k=1)


def live_terms(parts: Iterable[UnitTerms], term_ids: TermIds) -> np.ndarray | None:
    """Which term ids the parts use, when the vocabulary has grown COMPACT_RATIO times past them; else None."""
    parts = list(parts)
    live = np.zeros(len(term_ids.ids), dtype=bool)
    for part in parts:
        live[part.ids] = True
    return live if len(live) > COMPACT_RATIO * max(1, int(live.sum())) else None
