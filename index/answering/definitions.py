"""What an acronym stands for, answered with the sentence where a statement defines it ("Long Form (ABBR)")."""

from __future__ import annotations

import re

from index.answering.meeting import fact_scored, sentence_heads
from index.question.plan import QueryPlan
from index.retrieval.evidence import Scored
from index.retrieval.snapshot import Snapshot


def definition_groups(plan: QueryPlan, snapshot: Snapshot) -> list[list[Scored]]:
    """The earliest sentence, in the statements asked about, that defines the acronym asked about; [] if none."""
    if not plan.defines:
        return []
    defined = re.compile(rf"\(\s*{re.escape(plan.defines)}s?\s*\)", re.IGNORECASE)
    documents = snapshot.manifest.documents
    years = plan.years or snapshot.years
    asked = sorted((d for d in documents.values() if int(d["year"]) in years), key=lambda d: int(d["year"]))
    heads = sentence_heads(snapshot, {d["doc_id"] for d in asked})
    for doc in asked:
        for node in heads.get(doc["doc_id"], []):
            if defined.search(snapshot.sentence_text(node)):
                return [[fact_scored(node, int(doc["year"]))]]
    return []
