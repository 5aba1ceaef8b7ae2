"""Bulk threads (an upload's embedding and writes) run at a lower priority once the process asks, and only they."""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from index.embedding import priority
from index.embedding.priority import BULK_NICE, bulk_thread, yield_bulk_work

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priorities are Linux's")


def nice() -> int:
    """The calling thread's nice value."""
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def bulk_nice() -> int:
    """The nice value of a thread started as bulk work."""
    with ThreadPoolExecutor(1, initializer=bulk_thread) as pool:
        return pool.submit(nice).result()


def test_bulk_threads_keep_their_priority_unless_the_process_asks(monkeypatch):
    monkeypatch.setattr(priority, "_nice", 0)
    mine = nice()
    assert bulk_nice() == mine
    yield_bulk_work()
    assert bulk_nice() == max(mine, BULK_NICE)
    assert nice() == mine  # the thread that asked, and every other, keeps its own


def test_the_embedding_pool_runs_at_the_bulk_priority(monkeypatch, tmp_path):
    from index.embedding.embedder import Embedder
    from index.settings import EngineSettings

    monkeypatch.setattr(priority, "_nice", BULK_NICE)
    embedder = Embedder.from_settings(EngineSettings(data_dir=tmp_path))  # its own pool, made on the first bulk encode
    if not hasattr(embedder.encoder, "_bulk_runner"):
        pytest.skip("the onnxruntime encoder isn't the one in use")
    seen = set()
    texts = [f"Ministers agreed on measure {n} at the border." for n in range(200)]
    embedder.embed_documents(texts)
    _, pool = embedder.encoder._bulk_runner()
    for _ in range(embedder.encoder.workers * 4):
        seen.add(pool.submit(nice).result())
    assert seen == {max(nice(), BULK_NICE)}
