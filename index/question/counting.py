"""What a "how many" question counts, and whether it asks for a count of what has already happened."""

from __future__ import annotations

import re

# "how many X did …": X is what is counted; an answer must count that, not something else.
_COUNTED = re.compile(r"\b(?:how many|number of|count of)\s+([^?.,;:!]*)", re.IGNORECASE)
_AUXILIARIES = {"did", "do", "does", "were", "was", "are", "is", "have", "has", "had", "got", "get", "will", "been"}
_PRONOUNS = {"the", "a", "an", "they", "it", "he", "she", "we", "there", "you", "i"}
# Counted words too general to say what is counted ("how many people were arrested": count the arrests).
_GENERAL_COUNTS = {"people", "persons", "individuals", "times", "cases", "ones", "folks", "of"}
# A count asked of what has happened ("how many alerts has it put out so far", "how many officers have done it"):
# a number of what is planned or allowed ("up to 60 officers a year will…") does not answer it.
DONE_COUNT = re.compile(
    r"\b(so far|to date|already|until now|up to now|by now|in total)\b"
    r"|\bhow many\b[^?.!]{0,40}\b(have|has|had) (\w+ ){0,3}(been|done|made|\w+ed)\b"
    r"|\bhow many\b[^?.!]{0,40}\b(did|were|was|got)\b",
    re.IGNORECASE,
)


def counted_word(question: str) -> str | None:
    """The word naming what a "how many" question counts ("deaths" in "how many overdose deaths were there")."""
    match = _COUNTED.search(question)
    words = match.group(1).lower().split()[:8] if match else []
    if not words:
        return None
    lead = words[:4]
    # the first plural ("packages"), not an adjective that ends in s ("suspicious", "dangerous")
    head = next((w for w in lead if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))), lead[0])
    if head not in _GENERAL_COUNTS:
        return head
    rest = words[words.index(head) + 1 :]
    if rest and rest[0] in _AUXILIARIES:  # "people got arrested": what happened to them is what is counted
        return next((w for w in rest[1:] if w not in _PRONOUNS and w not in _AUXILIARIES), None)
    return None
