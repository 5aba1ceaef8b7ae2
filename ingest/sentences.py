"""Split paragraphs into sentences without breaking on abbreviations or initials."""

from __future__ import annotations

import re

# A candidate boundary: terminal punctuation, optional closing quote/bracket, then space.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "ste",
    "mt",
    "ft",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "gov",
    "sen",
    "rep",
    "hon",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "art",
    "sec",
}


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rstrip().rsplit(None, 1)[-1] if text.strip() else ""
    last = last.rstrip(".").lstrip("(\"'“‘")
    if not last:
        return False
    # Initials and dotted acronyms: "B.", "U.S.", "D.C.", "F.P."
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", last):
        return True
    # Run-together captures such as "CanadaU.S." still end in a dotted acronym.
    if re.search(r"(?:[A-Z]\.)+[A-Z]$", last):
        return True
    return last.lower() in _ABBREVIATIONS


def split_sentences(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph, each a verbatim slice of it."""
    text = paragraph.strip()
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        candidate = text[start:end].rstrip()
        punct_end = match.start() + 1
        if _ends_with_abbreviation(text[start:punct_end]):
            continue
        if candidate:
            sentences.append(candidate)
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_long(sentence: str, limit: int = 600) -> list[str]:
    """Split an overlong sentence at the comma nearest its middle until parts fit the limit."""
    if len(sentence) <= limit:
        return [sentence]
    middle = len(sentence) // 2
    cuts = [m.end() for m in re.finditer(r",\s+", sentence)]
    if not cuts:
        cuts = [m.end() for m in re.finditer(r"\s+", sentence)]
    if not cuts:
        return [sentence]
    cut = min(cuts, key=lambda c: abs(c - middle))
    head, tail = sentence[:cut].rstrip(), sentence[cut:].lstrip()
    return split_long(head, limit) + split_long(tail, limit)
