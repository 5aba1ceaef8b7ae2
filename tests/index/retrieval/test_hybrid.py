"""The hybrid retriever: exact in-memory vector search agrees with Chroma's HNSW search."""

from __future__ import annotations

import numpy as np

from index.retrieval.hybrid import HybridRetriever
from index.retrieval.loading import load_units

QUESTIONS = [
    "fentanyl precursor chemicals",
    "who hosted the forum in Ottawa",
    "human trafficking victims support",
    "firearms smuggling across the border",
]


def _retrievers(engine) -> tuple[HybridRetriever, HybridRetriever]:
    collection = engine.store.collection(engine.store.active().collection)
    loaded = load_units(collection, engine.manifest.documents)
    nodes, vectors, versions = loaded.nodes, loaded.vectors, engine.manifest.versions()
    exact = HybridRetriever(collection, nodes, vectors, exact_max_units=len(nodes), versions=versions)
    hnsw = HybridRetriever(collection, nodes, vectors, exact_max_units=0, versions=versions)
    return exact, hnsw


def test_exact_and_hnsw_vector_search_find_the_same_units(engine):
    exact, hnsw = _retrievers(engine)
    queries = np.asarray(engine.embedder.embed_queries(QUESTIONS), dtype=np.float32)
    for year in (None, *exact.years):
        for ours, theirs in zip(exact.vector_search(queries, year), hnsw.vector_search(queries, year)):
            assert ours[:5] == theirs[:5]
            assert (
                len(ours)
                == len(theirs)
                == min(20, len(exact.nodes[exact.year_rows[year]]) if year else len(exact.nodes))
            )


def test_year_scope_only_returns_that_year(engine):
    exact, _ = _retrievers(engine)
    query = engine.embedder.embed_queries(["commitments on cross-border crime"])
    for year in exact.years:
        found = exact.retrieve("cross-border crime", query, year)
        assert found and {c.year for c in found} == {year}


def test_candidates_carry_their_true_cosine(engine):
    exact, hnsw = _retrievers(engine)
    query = engine.embedder.embed_queries(["firearms smuggling across the border"])
    for retriever in (exact, hnsw):
        found = retriever.retrieve("firearms smuggling", query)
        for cand in found:
            stored = retriever.vectors[retriever.row[cand.node.node_id]]
            assert abs(cand.cosine - float(stored @ np.asarray(query[0], dtype=np.float32))) < 1e-5
        assert found[0].vector_rank == 0 or found[0].bm25_rank == 0


def test_keyword_search_ranks_units_holding_the_term_and_respects_the_year(engine):
    exact, _ = _retrievers(engine)
    hits = exact._keyword("ransomware attacks", None)
    assert hits and all(score > 0 for _, score in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert "ransomware" in exact.nodes[hits[0][0]].text.lower()
    for year in exact.years:
        assert all(int(exact.nodes[row].metadata["year"]) == year for row, _ in exact._keyword("ransomware", year))
    assert exact._keyword("the and of", None) == []  # stopwords only


def test_units_given_in_any_order_are_grouped_by_year_and_found_alike(engine):
    exact, _ = _retrievers(engine)
    shuffled = np.random.default_rng(7).permutation(len(exact.nodes))
    mixed = HybridRetriever(None, [exact.nodes[i] for i in shuffled], exact.vectors[shuffled])
    for year, rows in mixed.year_rows.items():
        assert {n.metadata["year"] for n in mixed.nodes[rows]} == {year}
    query = engine.embedder.embed_queries(["support for victims of human trafficking"])
    for year in (None, *exact.years):
        ours = [c.node.node_id for c in mixed.retrieve("trafficking victims", query, year)]
        assert ours == [c.node.node_id for c in exact.retrieve("trafficking victims", query, year)]
    for node_id, row in mixed.row.items():
        assert np.array_equal(mixed.vectors[row], exact.vectors[exact.row[node_id]])


def test_keyword_tokens_match_what_bm25s_tokenize_makes(engine):
    import bm25s

    retriever = engine.require_snapshot().retriever
    texts = [
        *QUESTIONS,
        "What did the Ministers AGREE on in 2023's meeting — guns, drugs & the RCMP?",
        "the of and",
        "",
        "co-operation on mass-marketing fraud, 2022/2023",
    ]
    for text in texts:
        expected = bm25s.tokenize(
            text,
            stopwords="en",
            stemmer=retriever._bm25.stemmer,
            token_pattern=retriever._bm25.token_pattern,
            return_ids=False,
            show_progress=False,
        )[0]
        assert retriever.keyword_tokens(text) == expected


def test_new_generations_search_hnsw_with_the_configured_breadth(tmp_path, embedder):
    from index.core import ingest_paths
    from index.settings import BUNDLED_CORPUS
    from tests.conftest import make_engine

    eng = make_engine(tmp_path, embedder, hnsw_search_ef=321, exact_search_max_units=0)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    collection = eng.store.collection(eng.store.active().collection)
    assert collection.configuration_json["hnsw"]["ef_search"] == 321
    queries = np.asarray(eng.embedder.embed_queries(QUESTIONS), dtype=np.float32)
    exact = HybridRetriever(
        collection, eng.snapshot.retriever.nodes, eng.snapshot.retriever.vectors, exact_max_units=10**6
    )
    found, expected = eng.snapshot.retriever.vector_search(queries, None), exact.vector_search(queries, None)
    assert [r[:5] for r in found] == [r[:5] for r in expected]


def test_hnsw_never_returns_units_of_versions_the_manifest_does_not_name(empty_engine):
    """A write in progress has added units no manifest names yet: HNSW finds them, the retriever passes over
    them, and searches again within the manifest's versions when too few are left."""
    from index.core import ingest_paths
    from index.settings import BUNDLED_CORPUS

    ingest_paths([BUNDLED_CORPUS], empty_engine.store, empty_engine.embedder)
    empty_engine.refresh(force=True)
    exact, hnsw = _retrievers(empty_engine)
    collection = empty_engine.store.collection(empty_engine.store.active().collection)
    got = collection.get(include=["embeddings", "metadatas"])
    half_written = [f"{r.partition('@')[0]}@0123456789ab.99" for r in got["ids"]]  # the same units, a new version
    metadatas = [m | {"version": "0123456789ab.99"} for m in got["metadatas"]]
    collection.add(ids=half_written, embeddings=got["embeddings"], metadatas=metadatas)
    queries = np.asarray(empty_engine.embedder.embed_queries(QUESTIONS), dtype=np.float32)
    for year in (None, *exact.years):
        for ours, theirs in zip(exact.vector_search(queries, year), hnsw.vector_search(queries, year)):
            assert ours[:5] == theirs[:5] and len(ours) == len(theirs) == len(set(theirs))
