"""Statements read whole from the served index, and what it covers: each statement's sections, and questions
built from them that the index is known to answer.

Everything is read from the engine's loaded snapshot and kept per generation, so a newly activated index is
read afresh.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from index.answering.engine import Engine
from index.answering.pipeline import draft, prepare
from index.models import QuestionError
from index.retrieval.snapshot import Snapshot
from index.text.words import continues

SUGGESTION_TRIES = 12  # questions tried per generation before giving up on finding more that are answered


@dataclass(frozen=True)
class StatementUnit:
    """One indexed unit of a statement, in document order (a long sentence is several units)."""

    unit_id: str
    text: str
    section: str | None
    paragraph: int
    sentence_no: int
    with_previous: bool = False  # its sentence is quoted after the one before it (it leans back on it)


@dataclass(frozen=True)
class Statement:
    """A statement as indexed: its own fields (the manifest record) and its units in order."""

    doc_id: str
    meta: dict
    units: tuple[StatementUnit, ...]

    @property
    def sections(self) -> list[str]:
        """Its section headings, in order of first appearance."""
        return list(dict.fromkeys(u.section for u in self.units if u.section))


class _PerGeneration:
    """Values computed once for the manifest an engine serves, recomputed after another one is served."""

    def __init__(self):
        self._lock = threading.RLock()  # a value may be built from another one
        self._values: weakref.WeakKeyDictionary[Engine, tuple[tuple, dict]] = weakref.WeakKeyDictionary()

    def get(self, engine: Engine, name: str, build: Callable[[Snapshot], object]):
        snapshot = engine.require_snapshot()
        collection = (snapshot.manifest.collection, snapshot.manifest.serial)  # one manifest: one set of values
        with self._lock:
            held = self._values.get(engine)
            if held is None or held[0] != collection:
                held = self._values[engine] = (collection, {})
            if name not in held[1]:
                held[1][name] = build(snapshot)
            return held[1][name]


_CACHE = _PerGeneration()


def _read_statements(snapshot: Snapshot) -> dict[str, Statement]:
    by_doc: dict[str, list] = {}
    for node in snapshot.retriever.nodes if snapshot.retriever else []:
        by_doc.setdefault(node.metadata["doc_id"], []).append(node)
    documents = snapshot.manifest.documents
    return {
        doc_id: Statement(doc_id, dict(documents.get(doc_id, {})), _units(nodes)) for doc_id, nodes in by_doc.items()
    }


def _units(nodes: list) -> tuple[StatementUnit, ...]:
    """A statement's units in order, each knowing whether its sentence is quoted with the one before it."""
    nodes = sorted(nodes, key=lambda n: n.metadata["position"])
    number = {n.node_id: int(n.metadata.get("sentence_no", n.metadata["position"])) for n in nodes}
    texts: dict[int, list[str]] = {}
    sections: dict[int, str | None] = {}
    for node in nodes:
        texts.setdefault(number[node.node_id], []).append(node.text)
        sections.setdefault(number[node.node_id], node.metadata.get("section") or None)
    same_heading = {n for n in texts if n - 1 in texts and sections[n - 1] == sections[n]}
    leaning = {n for n in same_heading if continues(" ".join(texts[n]), " ".join(texts[n - 1]))}
    return tuple(
        StatementUnit(
            unit_id=node.node_id,
            text=node.text,
            section=node.metadata.get("section") or None,
            paragraph=int(node.metadata.get("paragraph") or 0),
            sentence_no=number[node.node_id],
            with_previous=number[node.node_id] in leaning,
        )
        for node in nodes
    )


def statements(engine: Engine) -> dict[str, Statement]:
    """Every indexed statement with its units in order, by doc_id (read once per index generation)."""
    return _CACHE.get(engine, "statements", _read_statements)


def statement(engine: Engine, doc_id: str) -> Statement | None:
    """One indexed statement with its units in order, or None when no statement has this doc_id."""
    return statements(engine).get(doc_id)


def _candidates(found: dict[str, Statement]) -> list[tuple[str, str]]:
    """(question, heading) built from the statements' headings: newest statement first, one heading of each
    statement in turn, so the suggestions span the statements."""
    newest = sorted(found.values(), key=lambda s: (str(s.meta.get("date") or s.meta.get("year")), s.doc_id))[::-1]
    queues = [[(f"What did the {s.meta.get('year')} statement say about {h}?", h) for h in s.sections] for s in newest]
    out = []
    while any(queues):
        out += [q.pop(0) for q in queues if q]
    return out


def _answers_from_heading(engine: Engine, question: str, heading: str) -> bool:
    """Whether the extractive answer to a question quotes a sentence under the heading it names."""
    try:
        prepared = prepare(question, engine)
        reply = prepared.cached or draft(prepared, engine).extractive
    except QuestionError:
        return False
    return not reply.abstained and any(c.section == heading for c in reply.citations)


def _find_answered(engine: Engine, limit: int) -> list[str]:
    found = []
    for question, heading in _candidates(statements(engine))[:SUGGESTION_TRIES]:
        if _answers_from_heading(engine, question, heading):
            found.append(question)
            if len(found) == limit:
                break
    return found


def answered_questions(engine: Engine, limit: int = 3) -> list[str]:
    """Up to `limit` questions built from the statements' section headings that the index answers, each checked
    once per generation by drafting its extractive answer (no LLM is called)."""
    return _CACHE.get(engine, f"answered:{limit}", lambda _: _find_answered(engine, limit))
