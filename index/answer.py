"""The core: answer(question) -> Answer, built only from verbatim, cited statement sentences."""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from index.compose import abstain, compose, to_citation
from index.encoders import Query
from index.engine import Engine
from index.evidence import Scored, question_query, score_candidates
from index.models import Answer, Citation, QuestionError
from index.query import QueryPlan, analyze

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Thresholds:
    """Relevance cut-offs, calibrated on the eval set."""

    min_relevance: float
    keep_within: float = 0.12


def validate_question(question: object, max_chars: int) -> str:
    """Normalise a question or raise QuestionError saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("question must be a string")
    text = unicodedata.normalize("NFC", question)
    if _CONTROL.search(text):
        raise QuestionError("question contains control characters")
    text = " ".join(text.split())
    if not text:
        raise QuestionError("question is empty")
    if len(text) > max_chars:
        raise QuestionError(f"question is longer than {max_chars} characters ({len(text)})")
    return text


def check_year(year: int | None, doc_years: set[int]) -> None:
    """Raise QuestionError when a year is asked for that no indexed statement has."""
    if year is not None and year not in doc_years:
        raise QuestionError(f"no statement from {year}; statements cover {sorted(doc_years)}")


@dataclass
class Prepared:
    """A question checked and planned, ready to be answered: what answer() does before any model call."""

    text: str
    key: tuple
    year: int | None
    top_k: int | None
    cached: Answer | None = None
    plan: QueryPlan | None = None

    @property
    def query(self) -> Query | None:
        """The question vectors the answer will need, or None when it needs none (cached, unknown year)."""
        if self.plan is None or self.plan.unknown_year is not None:
            return None
        return question_query(self.plan)


def prepare(question: str, engine: Engine, year: int | None = None, top_k: int | None = None) -> Prepared:
    """Validate and plan a question, or find its answer in the cache of repeated questions."""
    text = validate_question(question, engine.settings.max_question_chars)
    engine.require_retriever()
    key = (text.lower(), year, top_k or engine.settings.top_k, engine.generation.collection)
    prepared = Prepared(text, key, year, top_k)
    prepared.cached = engine.cached_answer(key) if engine.llm is None else None
    if prepared.cached is None:
        prepared.plan = plan_question(text, engine, year)[1]
    return prepared


def finish(prepared: Prepared, engine: Engine, started: float) -> Answer:
    """The answer to a prepared question (started: when it was asked, for latency_ms)."""
    reply = prepared.cached
    if reply is None:
        reply, plan = extractive_answer(
            prepared.text, engine=engine, year=prepared.year, top_k=prepared.top_k, plan=prepared.plan
        )
        if engine.llm is not None and not reply.abstained:
            from index.generate import generate

            reply = generate(plan.text, reply, engine, compare=plan.compare)
        elif engine.llm is None:
            engine.remember_answer(prepared.key, reply)
    reply.question = prepared.text
    reply.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return reply


def answer(question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None) -> Answer:
    """Answer from the statements with cited verbatim sentences (or verified generated ones), or abstain."""
    started = time.perf_counter()
    return finish(prepare(question, engine, year, top_k), engine, started)


async def answer_async(question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None) -> Answer:
    """answer() for an event loop: while others are in flight, the loop serves them as the model runs.

    The same steps as answer(), run on the loop (they take about a millisecond); what may block for long
    (looking for a new index, reloading one, an LLM call) goes to a worker thread instead.
    """
    started = time.perf_counter()
    await engine.refresh_off_loop()
    if engine.llm is not None:
        return await asyncio.to_thread(answer, question, engine=engine, year=year, top_k=top_k)
    prepared = prepare(question, engine, year, top_k)
    if prepared.query is not None:
        await engine.embedder.embed_question_async(*prepared.query)
    return finish(prepared, engine, started)


def answer_events(
    question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None
) -> Iterator[tuple[str, object]]:
    """The answer as events: ("citations", list), ("delta", text piece)…, ("done", Answer)."""
    started = time.perf_counter()
    reply, plan = extractive_answer(question, engine=engine, year=year, top_k=top_k)
    if engine.llm is not None and not reply.abstained:
        from index.generate import stream_generate

        events = stream_generate(plan.text, reply, engine, compare=plan.compare)
    else:
        events = replay_events(reply)
    for name, data in events:
        if name == "done":
            data.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        yield name, data


def replay_events(reply: Answer) -> Iterator[tuple[str, object]]:
    """Events for an answer that is already complete."""
    yield "citations", [c.model_dump() for c in reply.citations]
    for piece in re.findall(r"\S+\s*|\s+", reply.answer):
        yield "delta", piece
    yield "done", reply


def plan_question(question: str, engine: Engine, year: int | None) -> tuple[str, QueryPlan]:
    """Validate a question and analyse it; an explicit year overrides whatever the text says."""
    text = validate_question(question, engine.settings.max_question_chars)
    doc_years = set(engine.require_retriever().years)
    check_year(year, doc_years)
    plan = analyze(text, engine.vocabulary, engine.places, doc_years)
    if year is not None:
        plan.years, plan.compare, plan.year_from_text = [year], False, False
    return text, plan


def extractive_answer(
    question: str,
    *,
    engine: Engine,
    year: int | None = None,
    top_k: int | None = None,
    plan: QueryPlan | None = None,
) -> tuple[Answer, QueryPlan]:
    """The extractive answer (quoted sentences or an abstention) and the plan it was built from.

    plan: the question's plan when the caller already made it (with plan_question, for the same year);
    question is then the text plan_question validated.
    """
    started = time.perf_counter()
    settings = engine.settings
    text, plan = plan_question(question, engine, year) if plan is None else (question, plan)
    limits = Thresholds(settings.min_relevance)
    k = top_k or settings.top_k

    if plan.unknown_year is not None:
        reply = abstain(text, f"There is no CBCF statement from {plan.unknown_year} in the index.")
    else:
        groups = _select(plan, engine, limits, k)
        reply = compose(text, groups, plan, k, settings.answer_max_chars) if groups else abstain(text)
    reply.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return reply, plan


def _select(plan: QueryPlan, engine: Engine, limits: Thresholds, k: int) -> list[list[Scored]]:
    """Sentences eligible for quoting, one best-first group per year asked about."""
    scopes = plan.years if plan.compare else [plan.years[0] if plan.years else None]
    if plan.compare and len(scopes) > k:
        # Comparing "over the years" in a many-year index: the k years whose statements say most about it.
        ranked = score_candidates(plan, engine, None)
        relevant = [s.candidate.year for s in ranked if s.relevance >= limits.min_relevance]
        scopes = sorted(list(dict.fromkeys(relevant))[:k]) if relevant else scopes[-2:]
    groups: list[list[Scored]] = []
    for scope in scopes:
        scored = score_candidates(plan, engine, scope)
        good = [s for s in scored if s.relevance >= limits.min_relevance and s.fits(plan)]
        if not good and scope is not None and plan.year_from_text and not plan.compare:
            # "in 2022" may mean events of 2022 reported by a later statement that names the year.
            scored = score_candidates(plan, engine, None)
            good = [
                s
                for s in scored
                if s.relevance >= limits.min_relevance and s.fits(plan) and str(scope) in s.candidate.node.text
            ]
        if good:
            best = good[0].relevance
            groups.append([s for s in good if s.relevance >= best - limits.keep_within][:k])
    return groups


def search(question: str, *, engine: Engine, year: int | None = None, k: int = 5) -> list[Citation]:
    """The k most relevant sentences for a question, ranked, with no answer composed."""
    _, plan = plan_question(question, engine, year)
    scope = plan.years[0] if plan.years and not plan.compare else None
    scored = score_candidates(plan, engine, scope)
    return [to_citation(i, item) for i, item in enumerate(scored[:k], 1)]
