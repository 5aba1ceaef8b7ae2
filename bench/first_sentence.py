"""Time to the first verified sentence when streaming, against llama.cpp's own first sentence for the same prompt.

python -m bench.first_sentence [--questions N] with CBCF_LLM=local and CBCF_LLM_MODEL_PATH set (not run in CI).

For each answerable dev question the extractive step answers, the same messages go once through the whole
stream (retrieval, generation, verification: answer_events) and once straight to llama.cpp, in alternating
order, with llama.cpp's prompt cache off for both so neither run reuses the other's prompt. A first sentence
counts when it is complete: the next sentence has begun (a full stop and its markers are behind) or the stream
has ended, the rule the stream itself uses.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench.stats import summary
from eval.runner import DEFAULT_DATASET, load_dataset
from index.answering.pipeline import answer_events, draft, prepare
from index.core import LLMSettings, open_engine
from index.generation.answerer import _begun, model_sources
from index.generation.clients import build_messages
from index.generation.verify import split_claims
from index.settings import EngineSettings


def raw_first_sentence(llm, messages) -> float | None:
    """Seconds until llama.cpp's own stream holds a complete first sentence (None if it wrote nothing)."""
    started, text = time.perf_counter(), ""
    for chunk in llm.stream_chat(messages):
        text += chunk.delta
        claims = split_claims(text)
        if len(claims) > 1 and _begun(claims[-1]):
            return time.perf_counter() - started
    return time.perf_counter() - started if text.strip() else None


def first_verified_sentence(question: str, engine) -> tuple[float | None, str]:
    """Seconds until the stream sends its first verified sentence (None if it fell back), and the mode."""
    started, first = time.perf_counter(), None
    for name, data in answer_events(question, engine=engine):
        if name == "delta" and first is None:
            first = time.perf_counter() - started
        if name == "done":
            return (first if data.mode != "extractive" else None), data.mode
    return None, "none"


def run(questions: int) -> dict:
    """Both timings for the first answerable dev questions the extractive step answers."""
    engine = open_engine(EngineSettings(), LLMSettings())
    engine.refresh(force=True)
    llm = engine.answerer.llm
    llm.cache_prompt = False
    rows = []
    for item in load_dataset(DEFAULT_DATASET):
        if len(rows) >= questions or not item["answerable"]:
            continue
        drafted = draft(prepare(item["question"], engine), engine)
        sources = model_sources(drafted.extractive)
        if drafted.extractive.abstained or not sources:
            continue
        messages = build_messages(drafted.plan.text, sources, drafted.plan.compare)
        if len(rows) % 2:  # alternate which runs first
            verified, mode = first_verified_sentence(item["question"], engine)
            raw = raw_first_sentence(llm, messages)
        else:
            raw = raw_first_sentence(llm, messages)
            verified, mode = first_verified_sentence(item["question"], engine)
        rows.append({"id": item["id"], "raw_s": raw, "verified_s": verified, "mode": mode})
        print(json.dumps(rows[-1]), flush=True)
    pairs = [r for r in rows if r["raw_s"] and r["verified_s"]]
    ratios = [r["verified_s"] / r["raw_s"] for r in pairs]
    return {
        "questions": len(rows),
        "streamed_a_verified_sentence": len(pairs),
        "raw_first_sentence": summary([r["raw_s"] * 1000 for r in pairs]),
        "first_verified_sentence": summary([r["verified_s"] * 1000 for r in pairs]),
        "ratio_of_means": sum(r["verified_s"] for r in pairs) / sum(r["raw_s"] for r in pairs) if pairs else None,
        "ratio_p50": summary(ratios)["p50_ms"] if ratios else None,
        "model": os.environ.get("CBCF_LLM_MODEL_PATH"),
        "rows": rows,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="bench.first_sentence", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=14)
    result = run(parser.parse_args().questions)
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=2), flush=True)
    os._exit(0)  # llama.cpp's server thread aborts the interpreter's own shutdown ("exception not rethrown")
