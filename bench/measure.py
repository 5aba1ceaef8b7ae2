"""In-process measurements: the embedding floor, the core answer, ingest rate, scale, the naive pipeline."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.corpus import generate
from bench.stats import summary
from eval.metrics import chrome_leaks, matches
from index.core import Engine, LLMSettings, answer, ingest_paths, open_engine
from index.embedding.embedder import Embedder
from index.embedding.encoders import TorchEncoder
from index.settings import BUNDLED_CORPUS, EngineSettings
from index.store.records import embedding_text, unit_to_node
from ingest.units import read_document


def timed(fn, items) -> list[float]:
    """Milliseconds per call of fn over items."""
    samples = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def floor_samples(embedder: Embedder, questions: list[str], tag: str) -> list[float]:
    """Milliseconds to embed each of the questions, made fresh (no cache), with the configured model."""
    model = embedder.llama_model
    return timed(model.get_query_embedding, [f"{q} #{tag}{i}" for i, q in enumerate(questions)])


def reference_floor(embedder: Embedder, questions: list[str]) -> dict:
    """The same floor with the model in sentence-transformers on torch (what llama-index's HuggingFace
    embedding runs), as a reference for the runtime the service uses."""
    encoder = TorchEncoder(embedder.model_dir)
    encoder.encode(["warm up"], 1)
    return summary(timed(lambda q: encoder.encode([q], 1), [f"{q} #ref{i}" for i, q in enumerate(questions)]))


def core_answer(engine: Engine, questions: list[str]) -> dict:
    """answer() for fresh questions, then the same questions again."""
    fresh = [f"{q} (fresh)" for q in questions]
    first = summary(timed(lambda q: answer(q, engine=engine), fresh))
    again = summary(timed(lambda q: answer(q, engine=engine), fresh))
    return {"fresh": first, "repeated": again}


def build_corpus(root: Path, factor: int, base_units: int) -> Path:
    """The bundled statements plus synthetic ones, about factor × their sentence count in all."""
    folder = root / f"corpus-{factor}x"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in BUNDLED_CORPUS.iterdir():
        shutil.copy(path, folder / path.name)
    if factor > 1:
        generate((factor - 1) * base_units, folder / "synthetic", seed=factor)
    return folder


def folder_mb(path: Path) -> float:
    """Size of everything under a folder, in MB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def ingest_and_answer(
    root: Path,
    factor: int,
    base_units: int,
    embedder: Embedder,
    questions: list[str],
    raw: bool = False,
    then: Callable[[Engine], dict] | None = None,
) -> dict:
    """Ingest one corpus size into its own index; time ingest and answers; size the index.

    With raw, the raw embedding rate on this corpus is measured just before and just after the ingest.
    then: more measurements on the loaded engine, merged into the row.
    """
    corpus = build_corpus(root, factor, base_units)
    data_dir = root / f"data-{factor}x"
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = EngineSettings(data_dir=data_dir, chroma_host=None)
    engine = open_engine(settings, LLMSettings(llm="none"), embedder=embedder)
    raw_rates = [raw_embedding_rate(embedder, corpus)] if raw else []
    started = time.perf_counter()
    report = ingest_paths([corpus], engine.store, embedder)
    ingest_s = time.perf_counter() - started
    raw_rates += [raw_embedding_rate(embedder, corpus)] if raw else []
    load_started = time.perf_counter()
    engine.refresh(force=True)
    load_s = time.perf_counter() - load_started
    latency = summary(timed(lambda q: answer(f"{q} [{factor}x]", engine=engine), questions))
    recall = vector_recall(engine, questions)
    return (
        {
            "factor": factor,
            "units": report.units_total,
            "ingest_s": round(ingest_s, 2),
            "ingest_units_per_s": round(report.units_embedded / ingest_s, 1),
            "distinct_texts": report.texts_embedded,
            "ingest_texts_per_s": round(report.texts_embedded / ingest_s, 1),
            "load_s": round(load_s, 2),
            "answer": latency,
            "vector_recall": recall,
            "index_mb": round(folder_mb(data_dir), 2),
            "data_dir": str(data_dir),
        }
        | ({"raw_texts_per_s": raw_rates} if raw else {})
        | (then(engine) if then else {})
    )


def vector_recall(engine: Engine, questions: list[str]) -> float | None:
    """Share of each question's true nearest units (by exact cosine, ties included) that the all-years
    vector search returns; None when that search is exact anyway (no more units than exact_max_units)."""
    retriever = engine.require_snapshot().retriever
    if len(retriever.nodes) <= retriever.exact_max_units:
        return None
    # embed_documents: the same vectors, kept out of the question cache (later measurements must miss it)
    queries = np.asarray(engine.embedder.embed_documents(questions), dtype=np.float32)
    exact = retriever.vectors @ queries.T
    k = min(retriever.candidates, len(retriever.nodes))
    kth = np.sort(exact, axis=0)[-k]  # each question's k-th best cosine
    found = retriever.vector_search(queries, None)
    return round(float(np.mean([np.mean(exact[rows, i] >= kth[i] - 1e-5) for i, rows in enumerate(found)])), 3)


def raw_embedding_rate(embedder: Embedder, corpus: Path, limit: int = 1000) -> float:
    """Distinct unit texts per second when the model embeds them directly: one call, batched by length.

    The texts are spread evenly over the whole corpus, so their lengths are those the ingest embeds.
    """
    distinct: dict[str, None] = {}
    for path in sorted(corpus.rglob("*.txt")):
        doc, units = read_document(path)
        distinct.update(dict.fromkeys(embedding_text(unit_to_node(u, doc)) for u in units))
    texts = list(distinct)[:: max(1, len(distinct) // limit)][:limit]
    started = time.perf_counter()
    embedder.embed_documents(texts)
    return round(len(texts) / (time.perf_counter() - started), 1)


def naive_pipeline(embedder: Embedder, items: list[dict]) -> dict:
    """VectorStoreIndex with default chunking and top-k retrieval, on the same questions."""
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    docs = SimpleDirectoryReader(str(BUNDLED_CORPUS), required_exts=[".txt"]).load_data()
    started = time.perf_counter()
    index = VectorStoreIndex.from_documents(docs, embed_model=embedder.llama_model)
    build_s = time.perf_counter() - started
    retriever = index.as_retriever()
    answerable = [i for i in items if i["answerable"]]
    hits = pinpoint = leaks = 0
    samples = []
    for item in items:
        started = time.perf_counter()
        found = retriever.retrieve(item["question"])
        samples.append((time.perf_counter() - started) * 1000)
        top = found[0].node.get_content() if found else ""
        leaks += chrome_leaks(top, []) > 0
        if item["answerable"]:
            got = any(matches(top, g) for g in item["evidence"])
            hits += got
            pinpoint += got and len(top) <= 600
    return {
        "chunks": len(index.docstore.docs),
        "build_s": round(build_s, 2),
        "retrieve": summary(samples),
        "top1_contains_gold": round(hits / len(answerable), 3),
        "pinpoint_rate": round(pinpoint / len(answerable), 3),
        "answers_with_chrome": leaks,
        "note": "retrieval only: it composes no answer and never abstains",
    }


def load_items(path: Path) -> list[dict]:
    """The eval items (questions with gold evidence)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
