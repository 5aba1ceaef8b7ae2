"""A snapshot that followed writes document by document searches and reads questions exactly like one made from
scratch on the same manifest, and its keyword index scores exactly like the one bm25s builds itself."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from index.core import ingest_paths, remove_documents
from index.retrieval import keywords
from index.retrieval.keywords import TermIds, UnitTerms, keyword_index, keyword_terms
from index.retrieval.snapshot import Reading, Snapshot
from index.settings import BUNDLED_CORPUS
from index.store.chroma import Store
from index.store.records import embedding_text

WASHINGTON, OTTAWA = "2022-cbcf-joint-statement-washington", "2023-cbcf-joint-statement-ottawa"
QUESTIONS = [
    "fentanyl precursor chemicals",
    "drones over the lakes",
    "firearms smuggling across the border",
    "human trafficking victims support",
    "Canada Border Services Agency officers",
]


def bm25s_own(unit_terms: list[tuple[str, ...]]) -> bm25s.BM25:
    """The index bm25s builds from the units' terms itself."""
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(term, len(vocab)) for term in terms] for terms in unit_terms]
    index = bm25s.BM25()
    index.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    return index


def assert_same_scores(index: bm25s.BM25, reference: bm25s.BM25, queries: list[list[str]]) -> None:
    """Every single term of the reference's vocabulary, and each query, scores every unit the same."""
    for query in [[term] for term in reference.vocab_dict if term] + queries:
        assert np.array_equal(index.get_scores(query), reference.get_scores(query)), query


def test_the_keyword_index_scores_as_bm25s_does(engine):
    units = [keyword_terms(embedding_text(n)) for n in engine.require_snapshot().retriever.nodes]
    units += [(), ("border", "border", "border"), ("zzyzx",)]  # no terms, one term repeated, a term of its own
    ids = TermIds()
    ids.of(["never", "used"])  # ids that no unit has: their columns are empty
    built = keyword_index([UnitTerms.of(units[:40], ids), UnitTerms.of(units[40:], ids)], ids).bm25
    queries = [list(keyword_terms(q)) for q in QUESTIONS] + [["never", "border", "border"]]
    assert_same_scores(built, bm25s_own(units), queries)


def assert_same_snapshot(followed: Snapshot, scratch: Snapshot, queries: np.ndarray) -> None:
    """The same units, vectors, searches, vocabulary, statistics and corpus facts."""
    mine, theirs = followed.retriever, scratch.retriever
    assert [n.node_id for n in mine.nodes] == [n.node_id for n in theirs.nodes]
    assert np.array_equal(mine.vectors, theirs.vectors) and mine.year_rows == theirs.year_rows
    bm25_queries = [list(keyword_terms(q)) for q in QUESTIONS]
    assert_same_scores(mine._bm25.bm25, theirs._bm25.bm25, bm25_queries)
    for year in (None, *theirs.years):
        got = [
            (c.node.node_id, c.fused, c.bm25_score, c.cosine) for c in mine.retrieve(" ".join(QUESTIONS), queries, year)
        ]
        assert got == [
            (c.node.node_id, c.fused, c.bm25_score, c.cosine)
            for c in theirs.retrieve(" ".join(QUESTIONS), queries, year)
        ]
    vocabulary, expected = followed.corpus.vocabulary, scratch.corpus.vocabulary
    assert vocabulary.units_of == expected.units_of
    assert (vocabulary.words, vocabulary.stems) == (expected.words, expected.stems)
    assert followed.term_stats == scratch.term_stats
    for field in ("lexicon", "places", "years", "ordinals", "names"):
        assert getattr(followed.corpus, field) == getattr(scratch.corpus, field), field
    assert followed.headings == scratch.headings
    assert {d: p.sentences for d, p in followed.parts.items()} == {d: p.sentences for d, p in scratch.parts.items()}
    for node in theirs.nodes:
        assert followed.sentence_text(node) == scratch.sentence_text(node)
        assert followed.previous_sentence(node) == scratch.previous_sentence(node)


@pytest.mark.parametrize("compact_ratio", [keywords.COMPACT_RATIO, 1])
def test_a_followed_snapshot_ranks_exactly_like_one_made_from_scratch(
    empty_engine, tmp_path, monkeypatch, compact_ratio
):
    monkeypatch.setattr(keywords, "COMPACT_RATIO", compact_ratio)  # 1: term ids renumbered at every removal
    engine = empty_engine
    ingest_paths([BUNDLED_CORPUS], engine.store, engine.embedder)
    engine.refresh(force=True)
    elsewhere = Store(engine.settings)  # another replica's writes
    queries = np.asarray(engine.embedder.embed_queries(QUESTIONS), dtype=np.float32)
    new = tmp_path / "cbcf-2031-joint-statement-lakes.txt"

    def write(text: str) -> None:
        new.write_text(text)
        ingest_paths([new], elsewhere, engine.embedder)

    steps = [
        lambda: write(
            "CBCF 2031 Joint Statement\n\nThis was the third meeting of the Forum.\n\nDrones over the lakes are "
            "watched by the Canada Border Services Agency (CBSA) and the Lake Patrol Task Force. They met twice."
        ),
        lambda: write("CBCF 2031 Joint Statement\n\nMinisters agreed to study boats on the lakes."),
        lambda: remove_documents({OTTAWA}, elsewhere, engine.embedder),
        lambda: remove_documents({new.stem}, elsewhere, engine.embedder),
    ]
    for step in steps:
        before = engine.snapshot
        step()
        assert engine.refresh(force=True)
        followed = engine.snapshot
        kept = {n.node_id: n for n in before.retriever.nodes}
        assert any(kept.get(n.node_id) is n for n in followed.retriever.nodes)  # followed, not read again
        fresh = Reading(engine._reading.dictionary, engine.lexicon, engine.settings.exact_search_max_units)
        scratch = Snapshot.load(engine.store, engine.store.active(), fresh)
        assert_same_snapshot(followed, scratch, queries)
    assert (engine._reading.term_ids.generation > 0) == (compact_ratio == 1)
