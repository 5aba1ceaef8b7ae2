"""Shared fixtures: one embedding model per session and a real embedded Chroma index."""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from index.core import (
    Engine,  # noqa: E402
    ingest_paths,  # noqa: E402
)
from index.embedding.embedder import Embedder  # noqa: E402
from index.settings import BUNDLED_CORPUS, EngineSettings  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real bundled all-MiniLM-L6-v2 model, loaded once."""
    return Embedder.from_settings(EngineSettings())


def make_engine(data_dir, embedder, **overrides) -> Engine:
    """An engine over an embedded Chroma database in data_dir."""
    return Engine(EngineSettings(data_dir=data_dir, chroma_host=None, **overrides), embedder=embedder)


def quoted(reply) -> str:
    """Every quote an answer cites, joined: what a test looks for in an answer."""
    return " ".join(c.quote for c in reply.citations)


def engine_with_statement(tmp_path_factory, embedder, filename: str, text: str, meta: dict) -> Engine:
    """An engine over the bundled statements plus one written here (its file name, text and metadata)."""
    folder = tmp_path_factory.mktemp("added")
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    eng = make_engine(tmp_path_factory.mktemp("added-index"), embedder)
    report = ingest_paths([BUNDLED_CORPUS, path], eng.store, eng.embedder)
    assert not report.skipped, report.skipped
    eng.refresh(force=True)
    return eng


@pytest.fixture(scope="session")
def engine(tmp_path_factory, embedder) -> Engine:
    """An engine with the two bundled statements ingested."""
    eng = make_engine(tmp_path_factory.mktemp("bundled"), embedder)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    return eng


@pytest.fixture
def empty_engine(tmp_path, embedder) -> Engine:
    """An engine over an empty index of its own."""
    return make_engine(tmp_path / "data", embedder)
