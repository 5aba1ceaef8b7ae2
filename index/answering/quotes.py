"""What someone said at a meeting ("what did the public safety minister say in Montréal"), answered with the
quotations a statement attributes to them, not with a sentence that only names them.

A statement attributes a quotation by name ("…,” said Minister Lachapelle.", "said Ingrid Paquette, Minister of
Public Safety."); a question may name the speaker by name or by office, and an office is matched to the name the
statement gives its holder ("Canada’s Minister of Public Safety, Mireille Lachapelle").
"""

from __future__ import annotations

import re

from llama_index.core.schema import TextNode

from index.answering.meeting import fact_scored, sentence_heads
from index.question import people
from index.question.plan import QueryPlan
from index.retrieval.answer_types import QUOTATION
from index.retrieval.evidence import Scored
from index.retrieval.snapshot import Snapshot
from index.text.words import STOP_WORDS, continues, stems_of, tokens

QUOTES_KEPT = 3  # a speaker's quotations quoted from one statement, at most
_NAME_REACH = 6  # words before a name (or after it and a comma) where its holder's office is looked for
# The words of an attribution outside the quotation marks: "…,” said Minister Lachapelle." or "Thibodeau said: “…"
_OUTSIDE = re.compile(r"[“\"][^”\"]*[”\"]")
_NAME = re.compile(r"\b[A-Z][\w’'-]{2,}")
_OFFICE_WORDS = frozenset(tokens(people.OFFICE.pattern.replace("|", " ")))
_OFFICE_AFTER = re.compile(r"^\s*,\s+(the\s+)?" + people.OFFICE.pattern)
_SAYS = re.compile(r"\b(said|says|added|noted|stated|remarked|explained|told)\b", re.IGNORECASE)


def _attribution(text: str) -> str:
    """What a sentence says outside its quotation marks: who it is attributed to, if anyone."""
    return _OUTSIDE.sub(" ", text)


def _holds_office(name: str, office_stems: frozenset[str], sentences: list[str]) -> bool:
    """Whether a statement names this person with the office asked about: the office right before the name
    ("Minister of Public Safety, Gaston Lefebvre") or after it and a comma ("Ingrid Paquette, Minister of…")."""
    for sentence in sentences:
        for found in re.finditer(rf"\b{re.escape(name)}\b", sentence, re.IGNORECASE):
            before = tokens(sentence[: found.start()])[-_NAME_REACH:]
            after = sentence[found.end() :]
            after = tokens(after)[:_NAME_REACH] if _OFFICE_AFTER.match(after) else []
            if office_stems <= stems_of(" ".join(before)) or office_stems <= stems_of(" ".join(after)):
                return True
    return False


def _spoken_by(attribution: str, speaker: list[str], sentences: list[str]) -> bool:
    """Whether an attribution names the speaker: by a name the question gives, or by the office it asks about."""
    if not _SAYS.search(attribution):
        return False
    names = {w.lower() for w in _NAME.findall(attribution)} - _OFFICE_WORDS
    words = [w for w in speaker if w not in STOP_WORDS]
    if any(w in names for w in words):
        return True
    office = frozenset(stems_of(" ".join(words)))
    return bool(office) and any(_holds_office(name, office, sentences) for name in names)


def quote_groups(plan: QueryPlan, snapshot: Snapshot) -> list[list[Scored]]:
    """For each statement asked about, the quotations it attributes to the speaker the question names; [] if none."""
    speaker = plan.speaker
    if not plan.wants_quote or not speaker or set(plan.topical) - set(speaker):  # a topic: search it
        return []
    documents = snapshot.manifest.documents
    years = plan.years or snapshot.years
    asked = [d for d in documents.values() if int(d["year"]) in years]
    groups = []
    for doc_id, nodes in sentence_heads(snapshot, {d["doc_id"] for d in asked}).items():
        texts = [snapshot.sentence_text(n) for n in nodes]
        offices = [_attribution(t) for t in texts]  # who is named outside quotation marks: speakers, officials
        found: list[TextNode] = []
        for i, (node, text) in enumerate(zip(nodes, texts, strict=True)):
            if not QUOTATION.search(text):
                continue
            attributed = offices[i]
            if i and continues(text, texts[i - 1]) and not _NAME.search(attributed):
                attributed = offices[i - 1]  # the quotation goes on from the sentence before
            if _spoken_by(attributed, speaker, offices):
                found.append(node)
        if found:
            year = int(documents[doc_id]["year"])
            groups.append([fact_scored(n, year) for n in found[:QUOTES_KEPT]])
    return sorted(groups, key=lambda g: -int(g[0].scope or 0))
