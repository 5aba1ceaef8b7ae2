"""Compose an answer from chosen sentences: quotes with [n] markers within a length budget, and citations."""

from __future__ import annotations

from index.models import Answer, Citation
from index.question.plan import QueryPlan
from index.retrieval.evidence import Scored, follows, read_whole
from index.retrieval.snapshot import Snapshot
from index.store.records import optional

NOT_COVERED = "The CBCF statements don't cover this."


def quote_of(item: Scored, snapshot: Snapshot) -> str:
    """What is quoted for a sentence: the whole sentence, after the one it leans on if it leans back."""
    return read_whole(item.candidate.node, snapshot)


def _distinct(groups: list[list[Scored]], quotes: dict[int, str]) -> list[list[Scored]]:
    """Each group with one entry per quoted sentence (the parts of a long sentence quote the same text)."""
    seen: set[str] = set()
    kept = []
    for group in groups:
        unique = []
        for item in group:
            quote = quotes[id(item)]
            if quote not in seen:
                seen.add(quote)
                unique.append(item)
        if unique:
            kept.append(unique)
    return kept


def _chained(group: list[Scored], quotes: dict[int, str], snapshot: Snapshot) -> list[Scored]:
    """The group with a sentence that goes on from another chosen one whose quote already holds the sentence
    before it ("… launched the task group (CPTG) …", "The CPTG will track …", "This initiative will also …")
    quoted as one with it: three sentences in a row, not two quotes sharing the middle one."""
    kept: list[Scored] = []
    for item in group:
        head = next((k for k in kept if follows(item, k, snapshot)), None)
        if head is not None and quotes[id(head)] != snapshot.sentence_text(head.candidate.node):
            quotes[id(head)] = f"{quotes[id(head)]} {snapshot.sentence_text(item.candidate.node)}"
        else:
            kept.append(item)
    return kept


def _pieces(groups: list[list[Scored]], k: int, max_chars: int, label: bool, quotes: dict[int, str]) -> list[Scored]:
    """Choose what to quote: the best sentence of each group that fits its share, then the rest by rank."""

    def size(item: Scored) -> int:
        return len(quotes[id(item)]) + (12 if label else 5)

    # One group: its best sentence, however long (sentences are never cut). Several: each one's best that fits
    # its share of the budget, so that every year asked about is quoted.
    share = max_chars // max(1, len(groups))
    chosen: list[Scored] = []
    for group in groups:
        fitting = [s for s in group if size(s) <= share or len(groups) == 1] or [min(group, key=size)]
        chosen.append(fitting[0])
    used = sum(size(s) for s in chosen)
    rest = sorted((s for g in groups for s in g if s not in chosen), key=lambda s: s.relevance, reverse=True)
    for item in rest:
        if len(chosen) < k and used + size(item) <= max_chars:
            chosen.append(item)
            used += size(item)
    return chosen


def to_citation(n: int, item: Scored, snapshot: Snapshot, quote: str | None = None) -> Citation:
    """The public citation record for a scored sentence (quote: its quote_of, when already known)."""
    meta = item.candidate.node.metadata
    return Citation(
        n=n,
        doc_id=meta["doc_id"],
        title=meta["title"],
        date=str(meta["date"]),
        place=optional(meta.get("place")),
        section=optional(meta.get("section")),
        quote=quote if quote is not None else quote_of(item, snapshot),
        score=round(max(0.0, min(1.0, item.relevance)), 4),
        url=optional(meta.get("url")),
        unit_id=item.candidate.node.node_id,
    )


def abstain(question: str, reason: str | None = None) -> Answer:
    """The answer that says the statements don't cover a question (and why, when there is a reason)."""
    message = NOT_COVERED if reason is None else f"{NOT_COVERED} {reason}"
    return Answer(question=question, answer=message, abstained=True, citations=[])


def compose(
    question: str,
    groups: list[list[Scored]],
    plan: QueryPlan,
    snapshot: Snapshot,
    k: int,
    max_chars: int,
    left_out: list[int] = (),
) -> Answer:
    """Join quoted sentences with [n] markers, within the length budget (left_out: years a comparison asked
    about that were not searched, because k others match it better)."""
    quotes = {id(item): quote_of(item, snapshot) for group in groups for item in group}
    groups = [_chained(group, quotes, snapshot) for group in groups]
    chosen = _pieces(_distinct(groups, quotes), k, max_chars, plan.compare, quotes)
    # a sentence quoted with the one it leans on already holds that one: it is not quoted twice
    chosen = [c for c in chosen if not any(quotes[id(c)] in quotes[id(o)] for o in chosen if o is not c)]
    if plan.compare:
        chosen.sort(key=lambda s: (s.candidate.year, -s.relevance))
    parts: list[str] = []
    citations: list[Citation] = []
    for item in chosen:
        label = f"In {item.candidate.year}: " if plan.compare else ""
        citation = to_citation(len(citations) + 1, item, snapshot, quotes[id(item)])
        citations.append(citation)
        parts.append(f"{label}{citation.quote} [{citation.n}]")
    if plan.compare:
        missing = sorted(set(plan.years or []) - {int(c.date[:4]) for c in citations})
        parts += [f"The {y} statement doesn't address this." for y in missing]
        if left_out:
            years = " and ".join(map(str, left_out)) if len(left_out) <= 2 else ", ".join(map(str, left_out))
            noun = "statement" if len(left_out) == 1 else "statements"
            kept = len(plan.years or [])
            parts.append(f"Not quoted: the {years} {noun} (an answer compares the {kept} that match best).")
    body = "\n".join(parts) if plan.compare else " ".join(parts)
    return Answer(question=question, answer=body, abstained=False, citations=citations)
