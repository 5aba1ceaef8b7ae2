"""Pure metric functions over eval items and the answers given to them."""

from __future__ import annotations

import calendar
import math
import re
import unicodedata

CHROME_MARKERS = (
    "log in",
    "forgot your details",
    "create account",
    "copyright",
    "all rights reserved",
    "tax id",
    "duns number",
    "press release",
    "privacy policy",
    "f.p. report",
    # Furniture of other sites' captures, so the check is not only about the bundled site's markers.
    "sign in",
    "sign up",
    "subscribe to",
    "skip to content",
    "cookie policy",
    "cookie settings",
    "share this",
    "back to top",
    "read more",
    "report a problem",
    "date modified",
    "was this page helpful",
    "terms of use",
    "©",
)
# One sentence, or a sentence with the one it leans on: the longest bundled sentence is 612 characters.
PINPOINT_MAX_CHARS = 700


def normalize(text: str) -> str:
    """Compare texts case-, quote- and whitespace-insensitively."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def matches(quote: str, gold: dict) -> bool:
    """Whether a quoted passage contains a gold evidence text from the same document."""
    return normalize(gold["text"]) in normalize(quote)


def evidence_rank(passages: list[dict], golds: list[dict]) -> int | None:
    """1-based rank of the first passage that contains any gold evidence, if any."""
    for rank, p in enumerate(passages, 1):
        if any(p["doc_id"] == g["doc_id"] and matches(p["quote"], g) for g in golds):
            return rank
    return None


def is_pinpoint(citations: list[dict], golds: list[dict]) -> bool:
    """A short cited quote contains the gold evidence."""
    return any(
        len(c["quote"]) <= PINPOINT_MAX_CHARS and c["doc_id"] == g["doc_id"] and matches(c["quote"], g)
        for c in citations
        for g in golds
    )


def precise_citations(citations: list[dict], acceptable: list[dict]) -> int:
    """How many citations quote acceptable (gold or supporting) evidence."""
    return sum(any(c["doc_id"] == g["doc_id"] and matches(c["quote"], g) for g in acceptable) for c in citations)


def fact_recall(answer_text: str, facts: list[str]) -> float:
    """Share of expected facts that appear in the answer text."""
    if not facts:
        return 1.0
    text = normalize(answer_text)
    return sum(normalize(f) in text for f in facts) / len(facts)


def covers_years(citations: list[dict], years: list[int]) -> bool:
    """Whether the citations come from every one of the given years."""
    cited = {int(c["date"][:4]) for c in citations}
    return set(years) <= cited


def chrome_leaks(answer_text: str, citations: list[dict]) -> int:
    """Count of site-chrome phrases that reached the answer or its quotes."""
    blob = normalize(" ".join([answer_text] + [c["quote"] for c in citations]))
    return sum(marker in blob for marker in CHROME_MARKERS)


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile, interpolated linearly between closest ranks; NaN when there are no samples.

    The one percentile of the project: the eval's latencies and every benchmark figure use it.
    """
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * min(max(pct, 0.0), 100.0) / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def ratio(numerator: float, denominator: float) -> float:
    """A safe division that reports 1.0 for an empty denominator."""
    return numerator / denominator if denominator else 1.0


_MONTH_NAMES = frozenset(m.lower() for m in calendar.month_name if m)


def unsupported_claims(answer_text: str, citations: list[dict]) -> list[str]:
    """Numbers, months and proper names in an answer that its citations don't hold (independent of the engine's
    verifier): numbers and months must be in the quotes, names in the quotes or the cited statement's title."""
    if not citations:  # an abstention: the fixed "not covered" message claims nothing
        return []
    quotes = " ".join(c["quote"] for c in citations)
    lowered = quotes.lower()
    named = " ".join([quotes, *(c.get("title", "") for c in citations)]).lower()
    missing = []
    text = re.sub(r"\[\d+\]", " ", answer_text).strip()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):  # a comparison's lines each open with their year
        sentence = re.sub(r"^(In (19|20)\d\d|The (19|20)\d\d statement doesn't address this)", "", sentence.strip())
        missing += [n for n in re.findall(r"\d[\d,.]*\d|\d", sentence) if n.rstrip(".,") not in quotes]
        words = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", sentence)]  # possessives
        missing += [w for w in words if w.lower() in _MONTH_NAMES and w.lower() not in lowered]
        missing += [w for w in words[1:] if w[0].isupper() and w.lower() not in _MONTH_NAMES and w.lower() not in named]
    return missing
