"""Extractive answering: choose the sentences worth quoting for each year asked about, or abstain."""

from __future__ import annotations

from dataclasses import dataclass

from index.answering.base import Answerer, Draft
from index.answering.compose import abstain, compose
from index.models import Answer
from index.question.plan import QueryPlan
from index.retrieval.evidence import Scored, score_candidates
from index.retrieval.snapshot import Snapshot


@dataclass(frozen=True)
class Limits:
    """How much to quote: relevance cut-offs (calibrated on the eval set), sentences and characters."""

    min_relevance: float
    top_k: int
    max_chars: int
    keep_within: float = 0.12


class ExtractiveAnswerer(Answerer):
    """Answers with the selected sentences themselves, verbatim and cited."""

    def respond(self, draft: Draft) -> Answer:
        """The draft as it is."""
        return draft.extractive


def draft_answer(text: str, plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> Draft:
    """The extractive answer for a planned question: quoted sentences, or an abstention saying why."""
    if plan.unknown_year is not None:
        reply = abstain(text, f"There is no CBCF statement from {plan.unknown_year} in the index.")
    else:
        groups = select(plan, snapshot, queries, limits)
        reply = compose(text, groups, plan, limits.top_k, limits.max_chars) if groups else abstain(text)
    return Draft(text, plan, reply)


def select(plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> list[list[Scored]]:
    """Sentences eligible for quoting, one best-first group per year asked about."""
    scopes = plan.years if plan.compare else [plan.years[0] if plan.years else None]
    if plan.compare and len(scopes) > limits.top_k:
        # Comparing "over the years" in a many-year index: the k years whose statements say most about it.
        ranked = score_candidates(plan, snapshot, queries, None)
        relevant = [s.candidate.year for s in ranked if s.relevance >= limits.min_relevance]
        scopes = sorted(list(dict.fromkeys(relevant))[: limits.top_k]) if relevant else scopes[-2:]
    groups: list[list[Scored]] = []
    for scope in scopes:
        scored = score_candidates(plan, snapshot, queries, scope)
        good = [s for s in scored if s.relevance >= limits.min_relevance and s.fits(plan)]
        if not good and scope is not None and plan.year_from_text and not plan.compare:
            # "in 2022" may mean events of 2022 reported by a later statement that names the year.
            scored = score_candidates(plan, snapshot, queries, None)
            good = [
                s
                for s in scored
                if s.relevance >= limits.min_relevance and s.fits(plan) and str(scope) in s.candidate.node.text
            ]
        if good:
            best = good[0].relevance
            groups.append([s for s in good if s.relevance >= best - limits.keep_within][: limits.top_k])
    return groups
