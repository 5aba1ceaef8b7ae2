"""Compose an answer from chosen sentences: quotes with [n] markers within a length budget, and citations."""

from __future__ import annotations

from index.models import Answer, Citation
from index.question.plan import QueryPlan
from index.retrieval.evidence import Scored
from index.store.records import optional

NOT_COVERED = "The CBCF statements don't cover this."


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


def abstain(question: str, reason: str | None = None) -> Answer:
    """The answer that says the statements don't cover a question (and why, when there is a reason)."""
    message = NOT_COVERED if reason is None else f"{NOT_COVERED} {reason}"
    return Answer(question=question, answer=message, abstained=True, citations=[])


def compose(question: str, groups: list[list[Scored]], plan: QueryPlan, k: int, max_chars: int) -> Answer:
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
