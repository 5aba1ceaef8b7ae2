"""Micro-batching of question embeddings: same vectors, fewer model calls under concurrency."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.embedding.batching import MicroBatcher


class SlowModel:
    """Deterministic vectors from text lengths; the first call blocks until released so others queue up."""

    def __init__(self):
        self.calls: list[list[str]] = []
        self.release = threading.Event()

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.release.wait(timeout=10)
        if any(t == "boom" for t in texts):
            raise ValueError("model failed")
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_waiting_callers_share_one_model_call():
    model = SlowModel()
    batcher = MicroBatcher(model)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(batcher.embed, ["a"])
        while not model.calls:
            threading.Event().wait(0.001)
        rest = [pool.submit(batcher.embed, ["b" * n, "shared"]) for n in range(2, 8)]
        threading.Event().wait(0.05)  # let them all queue behind the blocked first call
        model.release.set()
        assert first.result()[0].tolist() == [1.0, 1.0]
        for n, future in zip(range(2, 8), rest):
            vectors = future.result()
            assert [v.tolist() for v in vectors] == [[n, 1.0], [6.0, 1.0]]
    assert len(model.calls) == 2 and batcher.batches == 2
    assert model.calls[1].count("shared") == 1  # duplicates across callers are embedded once


def test_an_error_reaches_its_callers_and_the_worker_survives():
    model = SlowModel()
    model.release.set()
    batcher = MicroBatcher(model)
    with pytest.raises(ValueError, match="model failed"):
        batcher.embed(["boom"])
    assert batcher.embed(["ok"])[0].tolist() == [2.0, 1.0]
    assert batcher.embed([]) == []


def test_concurrent_questions_get_the_vectors_a_lone_question_gets(embedder):
    questions = [f"What did the forum agree about topic number {i}?" for i in range(16)]
    alone = [embedder._embed_batch([(q, ())])[0][0] for q in questions]
    before = embedder._batcher.batches
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda q: embedder.embed_query(q), questions))
    for a, b in zip(alone, together):
        assert float(a @ b) > 0.9999
    assert embedder._batcher.batches - before <= len(questions)
    calls = embedder._batcher.batches
    assert np.array_equal(embedder.embed_query(questions[0]), together[0])
    assert embedder._batcher.batches == calls  # answered from the cache


def test_a_question_with_topic_spans_is_cached_apart_from_the_bare_question(embedder):
    text = "could you tell me what they decided about fentanyl precursor chemicals this time"
    spans = ((text.index("fentanyl"), text.index("fentanyl") + 8),)
    bare = embedder.embed_question(text)
    whole, topic = embedder.embed_question(text, spans)
    assert len(bare) == 1 and np.allclose(bare[0], whole, atol=1e-6) and float(whole @ topic) < 0.99
    calls = embedder._batcher.batches
    again = embedder.embed_question(text, spans)
    assert embedder._batcher.batches == calls and np.array_equal(again[1], topic)


def test_awaiting_callers_share_a_batch_with_blocking_ones_and_get_errors():
    import asyncio

    model = SlowModel()
    batcher = MicroBatcher(model)

    async def main():
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(batcher.embed, ["a"])  # holds the worker until released
            while not model.calls:
                await asyncio.sleep(0.001)
            waiting = [asyncio.ensure_future(batcher.embed_async(["b" * n, "shared"])) for n in range(2, 5)]
            await asyncio.sleep(0.05)
            assert not any(w.done() for w in waiting)  # the loop runs on while the model is busy
            model.release.set()
            results = await asyncio.gather(*waiting)
            assert first.result()[0].tolist() == [1.0, 1.0]
        assert [[v.tolist() for v in r] for r in results] == [[[n, 1.0], [6.0, 1.0]] for n in range(2, 5)]
        assert len(model.calls) == 2 and model.calls[1].count("shared") == 1
        with pytest.raises(ValueError, match="model failed"):
            await batcher.embed_async(["boom"])
        assert await batcher.embed_async([]) == []
        assert (await batcher.embed_async(["ok"]))[0].tolist() == [2.0, 1.0]

    asyncio.run(main())


def test_a_lone_awaiting_caller_runs_the_model_itself_and_callers_together_go_to_the_worker():
    import asyncio

    calls: list[tuple[str, list[str]]] = []

    def model(texts: list[str]) -> np.ndarray:
        calls.append((threading.current_thread().name, list(texts)))
        if "boom" in texts:
            raise ValueError("model failed")
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    batcher = MicroBatcher(model)

    async def main():
        here = threading.current_thread().name
        assert (await batcher.embed_async(["abc", "abc"]))[1].tolist() == [3.0, 1.0]
        assert calls == [(here, ["abc"])] and batcher.inline == 1
        with pytest.raises(ValueError, match="model failed"):
            await batcher.embed_async(["boom"])
        together = await asyncio.gather(*(batcher.embed_async(["x" * n]) for n in range(1, 5)))
        assert [r[0].tolist() for r in together] == [[n, 1.0] for n in range(1, 5)]
        assert calls[1] == (here, ["boom"]) and batcher.inline == 1  # counts the calls that succeeded
        assert {name for name, _ in calls[2:]} == {"cbcf-embed"}
        assert sorted(t for _, texts in calls[2:] for t in texts) == ["x" * n for n in range(1, 5)]
        assert (await batcher.embed_async(["ok"]))[0].tolist() == [2.0, 1.0]
        assert calls[-1] == (here, ["ok"]) and batcher.inline == 2  # alone again once the others are answered

    asyncio.run(main())
