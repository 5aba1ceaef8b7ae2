"""The core every surface calls: answer(), answer_async(), answer_events() and search(), one pipeline.

Each runs the same steps: validate the question once, look for a cached answer (when the answerer's
answers can be cached), plan it, draft the extractive answer, and let the engine's answerer finish it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass

from index.answering.base import Draft, Event, replay_events
from index.answering.compose import to_citation
from index.answering.engine import Engine
from index.answering.extractive import Limits, draft_answer, scopes_of
from index.embedding.encoders import Query
from index.models import Answer, Citation
from index.question.plan import QueryPlan, analyze
from index.question.validate import check_year, validate_question
from index.retrieval.evidence import question_query, score_candidates
from index.retrieval.snapshot import Snapshot


@dataclass
class Prepared:
    """A question checked and planned, ready to be answered: everything before the model call."""

    text: str
    key: tuple
    year: int | None
    top_k: int | None
    snapshot: Snapshot
    cached: Answer | None = None
    plan: QueryPlan | None = None

    @property
    def query(self) -> Query | None:
        """The question vectors the answer will need, or None when it needs none (cached, unknown year)."""
        if self.plan is None or self.plan.unknown_year is not None:
            return None
        return question_query(self.plan)


def plan_question(text: str, snapshot: Snapshot, year: int | None) -> QueryPlan:
    """Analyse a validated question; an explicit year (checked to be indexed) overrides what the text says."""
    check_year(year, set(snapshot.years))
    plan = analyze(text, snapshot.corpus)
    if year is not None:
        plan.years, plan.compare, plan.year_from_text = [year], False, False
    return plan


def _planned(question: str, engine: Engine, year: int | None) -> tuple[Snapshot, QueryPlan]:
    """The snapshot to answer from and the plan of a question checked against it (no cache involved)."""
    text = validate_question(question, engine.settings.max_question_chars)
    snapshot = engine.require_snapshot()
    return snapshot, plan_question(text, snapshot, year)


def prepare(question: str, engine: Engine, year: int | None = None, top_k: int | None = None) -> Prepared:
    """Validate and plan a question, or find its answer in the cache of repeated questions."""
    text = validate_question(question, engine.settings.max_question_chars)
    snapshot = engine.require_snapshot()
    served = (snapshot.manifest.collection, snapshot.manifest.serial)  # answers are kept for one manifest
    key = (text.lower(), year, top_k or engine.settings.top_k, served)
    prepared = Prepared(text, key, year, top_k, snapshot)
    prepared.cached = engine.cached_answer(key) if engine.answerer.cacheable else None
    if prepared.cached is None:
        prepared.plan = plan_question(text, snapshot, year)
    return prepared


def draft(prepared: Prepared, engine: Engine) -> Draft:
    """The extractive answer to a prepared question that was not in the cache."""
    settings = engine.settings
    calibration = engine.calibration
    threshold = calibration.threshold if settings.min_relevance is None else settings.min_relevance
    top_k = prepared.top_k or settings.top_k
    limits = Limits(calibration, threshold, top_k, settings.answer_max_chars, settings.compared_years)
    query = prepared.query
    queries = engine.embedder.embed_question(*query) if query is not None else None
    return draft_answer(prepared.text, prepared.plan, prepared.snapshot, queries, limits)


def _finalise(reply: Answer, prepared: Prepared, engine: Engine, started: float) -> Answer:
    """Cache a fresh answer if the answerer allows, and stamp the question and the time it took."""
    if prepared.cached is None and engine.answerer.cacheable:
        engine.remember_answer(prepared.key, reply)
    reply.question = prepared.text
    reply.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return reply


def finish(prepared: Prepared, engine: Engine, started: float) -> Answer:
    """The answer to a prepared question (started: when it was asked, for latency_ms)."""
    reply = prepared.cached or engine.answerer.respond(draft(prepared, engine))
    return _finalise(reply, prepared, engine, started)


def answer(question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None) -> Answer:
    """Answer from the statements with cited verbatim sentences (or verified generated ones), or abstain."""
    started = time.perf_counter()
    return finish(prepare(question, engine, year, top_k), engine, started)


async def answer_async(question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None) -> Answer:
    """answer() for an event loop: while others are in flight, the loop serves them as the model runs.

    The same steps as answer(), run on the loop (they take about a millisecond); what may block for long
    (looking for a new index, reloading one, a blocking answerer such as an LLM) goes to a worker thread.
    """
    started = time.perf_counter()
    await engine.refresh_off_loop()
    prepared = prepare(question, engine, year, top_k)
    if prepared.query is not None:
        await engine.embedder.embed_question_async(*prepared.query)
    if engine.answerer.blocking and prepared.cached is None:
        return await asyncio.to_thread(finish, prepared, engine, started)
    return finish(prepared, engine, started)


def answer_events(
    question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None
) -> Iterator[Event]:
    """The answer as events: ("citations", list), ("delta", text piece)…, ("done", Answer).

    The question is checked and planned at once, so a bad one raises QuestionError here, before any event.
    """
    started = time.perf_counter()
    return _events(prepare(question, engine, year, top_k), engine, started)


def _events(prepared: Prepared, engine: Engine, started: float) -> Iterator[Event]:
    events = replay_events(prepared.cached) if prepared.cached else engine.answerer.stream(draft(prepared, engine))
    for name, data in events:
        if name == "done":
            data = _finalise(data, prepared, engine, started)
        yield name, data


def search(question: str, *, engine: Engine, year: int | None = None, k: int = 5) -> list[Citation]:
    """The k most relevant sentences for a question, ranked, with no answer composed."""
    snapshot, plan = _planned(question, engine, year)
    scope = plan.years[0] if plan.years and not plan.compare else None
    queries = engine.embedder.embed_question(*question_query(plan))
    scored = score_candidates(plan, snapshot, queries, scope, engine.calibration)
    return [to_citation(i, item, snapshot) for i, item in enumerate(scored[:k], 1)]


def evidence(question: str, *, engine: Engine, k: int = 10) -> list[dict]:
    """Each searched year's k best candidate sentences with their evidence signals: what the answer-or-abstain
    model is fitted on (eval/calibrate.py). Each: scope, citation, features, fit, probability."""
    snapshot, plan = _planned(question, engine, None)
    if plan.unknown_year is not None:
        return []
    queries = engine.embedder.embed_question(*question_query(plan))
    found = []
    for scope in scopes_of(plan):
        scored = score_candidates(plan, snapshot, queries, scope, engine.calibration)
        found += [
            {
                "scope": scope,
                "citation": to_citation(i, s, snapshot),
                "features": s.features,
                "fit": s.fit,
                "probability": s.relevance,
            }
            for i, s in enumerate(scored[:k], 1)
        ]
    return found
