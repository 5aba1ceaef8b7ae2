"""What a generated answer left out of its sources, so the extractive quote can say it instead."""

from __future__ import annotations

import re

from index.generation.verify import content_stems, facts_of

# A source whose content words the kept sentences mostly leave out was not really restated: quote it.
MIN_COVERAGE = 0.5
_SEGMENT = re.compile(r"\s*(.*?(?:\s*\[\d+\])+)", re.S)
_MARKER = re.compile(r"\[(\d+)\]")


def quoted_segments(extractive_answer: str) -> dict[int, str]:
    """The extractive answer's pieces ("quote. [n]", or "In 2022: quote. [n]"), by the marker each ends with."""
    pieces: dict[int, str] = {}
    for match in _SEGMENT.finditer(extractive_answer):
        piece = match.group(1).strip()
        for n in _MARKER.findall(piece):
            pieces.setdefault(int(n), piece)
    return pieces


def dropped(kept: list[str], quotes: dict[int, str]) -> list[int]:
    """The sources whose facts the kept sentences citing them leave out: a number, month or name they do not
    write, or most of the source's content words (words another source's sentence happens to share don't
    count)."""
    missing = []
    for n, quote in quotes.items():
        restated = " ".join(s for s in kept if n in {int(m) for m in _MARKER.findall(s)})
        stems, restated_lower = content_stems(quote), restated.lower()
        covered = len(stems & content_stems(restated)) / len(stems) if stems else 1.0
        if covered < MIN_COVERAGE or any(fact.lower() not in restated_lower for fact in facts_of(quote)):
            missing.append(n)
    return missing
