"""The core: answer(question) -> Answer, built only from verbatim, cited statement sentences."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from index.engine import Engine
from index.evidence import Scored, score_candidates
from index.models import Answer, Citation, QuestionError
from index.nodes import optional
from index.query import QueryPlan, analyze

NOT_COVERED = "The CBCF statements don't cover this."
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


def answer(question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None) -> Answer:
    """Answer from the statements with cited verbatim sentences (or verified generated ones), or abstain."""
    started = time.perf_counter()
    text = validate_question(question, engine.settings.max_question_chars)
    engine.require_retriever()
    key = (text.lower(), year, top_k or engine.settings.top_k, engine.generation.collection)
    reply = engine.cached_answer(key) if engine.llm is None else None
    if reply is None:
        reply, plan = extractive_answer(text, engine=engine, year=year, top_k=top_k)
        if engine.llm is not None and not reply.abstained:
            from index.generate import generate

            reply = generate(plan.text, reply, engine, compare=plan.compare)
        elif engine.llm is None:
            engine.remember_answer(key, reply)
    reply.question = text
    reply.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return reply


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
    question: str, *, engine: Engine, year: int | None = None, top_k: int | None = None
) -> tuple[Answer, QueryPlan]:
    """The extractive answer (quoted sentences or an abstention) and the plan it was built from."""
    started = time.perf_counter()
    settings = engine.settings
    text, plan = plan_question(question, engine, year)
    limits = Thresholds(settings.min_relevance)
    k = top_k or settings.top_k

    if plan.unknown_year is not None:
        reply = _abstain(text, f"There is no CBCF statement from {plan.unknown_year} in the index.")
    else:
        groups = _select(plan, engine, limits, k)
        reply = _compose(text, groups, plan, k, settings.answer_max_chars) if groups else _abstain(text)
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


def _pieces(groups: list[list[Scored]], k: int, max_chars: int, label: bool) -> list[Scored]:
    """Choose what to quote: the best sentence of each group that fits its share, then the rest by rank."""

    def size(item: Scored) -> int:
        return len(item.candidate.node.text) + (12 if label else 5)

    share = max_chars // max(1, len(groups))
    chosen: list[Scored] = []
    for group in groups:
        fitting = [s for s in group if size(s) <= share] or [min(group, key=size)]
        chosen.append(fitting[0])
    used = sum(size(s) for s in chosen)
    rest = sorted((s for g in groups for s in g if s not in chosen), key=lambda s: s.relevance, reverse=True)
    for item in rest:
        if len(chosen) < k and used + size(item) <= max_chars:
            chosen.append(item)
            used += size(item)
    return chosen


def to_citation(n: int, item: Scored) -> Citation:
    """The public citation record for a scored sentence."""
    meta = item.candidate.node.metadata
    return Citation(
        n=n,
        doc_id=meta["doc_id"],
        title=meta["title"],
        date=str(meta["date"]),
        place=optional(meta.get("place")),
        section=optional(meta.get("section")),
        quote=item.candidate.node.text,
        score=round(max(0.0, min(1.0, item.relevance)), 4),
        url=optional(meta.get("url")),
    )


def search(question: str, *, engine: Engine, year: int | None = None, k: int = 5) -> list[Citation]:
    """The k most relevant sentences for a question, ranked, with no answer composed."""
    _, plan = plan_question(question, engine, year)
    scope = plan.years[0] if plan.years and not plan.compare else None
    scored = score_candidates(plan, engine, scope)
    return [to_citation(i, item) for i, item in enumerate(scored[:k], 1)]


def _abstain(question: str, reason: str | None = None) -> Answer:
    message = NOT_COVERED if reason is None else f"{NOT_COVERED} {reason}"
    return Answer(question=question, answer=message, abstained=True, citations=[])


def _compose(question: str, groups: list[list[Scored]], plan: QueryPlan, k: int, max_chars: int) -> Answer:
    """Join quoted sentences with [n] markers, within the length budget."""
    chosen = _pieces(groups, k, max_chars, plan.compare)
    if plan.compare:
        chosen.sort(key=lambda s: (s.candidate.year, -s.relevance))
    parts: list[str] = []
    citations: list[Citation] = []
    for item in chosen:
        label = f"In {item.candidate.year}: " if plan.compare else ""
        citations.append(to_citation(len(citations) + 1, item))
        parts.append(f"{label}{item.candidate.node.text} [{len(citations)}]")
    if plan.compare:
        missing = sorted(set(plan.years or []) - {int(c.date[:4]) for c in citations})
        parts += [f"The {y} statement doesn't address this." for y in missing]
    body = "\n".join(parts) if plan.compare else " ".join(parts)
    return Answer(question=question, answer=body, abstained=False, citations=citations)
