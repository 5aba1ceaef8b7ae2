"""Deterministic checks that every generated sentence is supported by the sources it cites."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from index.question.plan import FRAMING_WORDS
from index.text.instructions import is_instruction
from index.text.words import STOP_WORDS, stem, tokens
from ingest.sentences import split_sentences

MIN_CONTENT_SUPPORT = 0.6
_MARKER = re.compile(r"\[(\d+)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"\b[A-Z][A-Za-z.'’-]*[A-Za-z]\b")
_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)


def source_for_model(quote: str) -> str:
    """A source quote with instruction-like sentences withheld from the model and from verification."""
    kept = [s for s in split_sentences(quote) if not is_instruction(s)]
    return " ".join(kept)


@dataclass
class Verified:
    """What survived verification."""

    sentences: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    generated: int = 0
    removed: int = 0

    @property
    def text(self) -> str:
        """The kept sentences as one answer."""
        return " ".join(self.sentences)

    def add(self, sentence: str, sources: dict[int, str], titles: dict[int, str] | None = None) -> str | None:
        """Check one generated sentence; keep and return it in "claim. [n]" form, or count it removed."""
        self.generated += 1
        kept = check_sentence(sentence, sources, titles)
        if kept is None:
            self.removed += 1
            return None
        text, cited = kept
        self.sentences.append(text)
        self.cited += [n for n in cited if n not in self.cited]
        return text


# Words about the statements themselves ("the joint statement said…"): a claim framed with them adds no fact.
_ATTRIBUTION = FRAMING_WORDS | {"stated", "states", "state", "according", "noted", "notes", "note", "expressed"}


def _content_words(text: str) -> list[str]:
    return [w for w in tokens(text) if w.isalpha() and len(w) >= 3 and w not in STOP_WORDS and w not in _ATTRIBUTION]


def is_supported(claim: str, source_text: str, names_text: str | None = None) -> bool:
    """Most content words, and every number, month and proper name of a claim, appear in its sources.

    names_text: where proper names may also be found (the sources plus the titles of their statements).
    """
    source_lower = source_text.lower()
    names_lower = (names_text or source_text).lower()
    source_stems = {stem(w) for w in tokens(source_text) if w.isalpha()}
    words = _content_words(claim)
    if not words:
        return False
    if sum(stem(w) in source_stems for w in words) / len(words) < MIN_CONTENT_SUPPORT:
        return False
    for number in _NUMBER.findall(claim):
        if number.rstrip(".,") not in source_text:
            return False
    if any(w in _MONTHS and w not in source_lower for w in tokens(claim)):
        return False
    first_word = claim.split(maxsplit=1)[0] if claim.split() else ""
    for match in _NAME.finditer(claim):
        name = match.group(0).rstrip(".")
        if match.start() == 0 or name == first_word:
            continue
        if name.lower() not in names_lower:
            return False
    return True


def split_claims(output: str) -> list[str]:
    """Generated text as sentences, with markers written after a full stop kept with their sentence."""
    text = " ".join(output.split())
    text = _MARKERS_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), text)
    return split_sentences(text) if text else []


def verify(output: str, sources: dict[int, str], titles: dict[int, str] | None = None) -> Verified:
    """Keep only sentences that cite given sources and are supported by them."""
    result = Verified()
    for sentence in split_claims(output):
        result.add(sentence, sources, titles)
    return result


def check_sentence(
    sentence: str, sources: dict[int, str], titles: dict[int, str] | None = None
) -> tuple[str, list[int]] | None:
    """The sentence in "claim. [n]" form with only valid markers, or None when it is unsupported.

    A sentence the model left without a marker is kept only if one source alone supports it, and cites that one.
    titles: each source's statement title, where proper names may also be found ("the CBCF").
    """
    cited = list(dict.fromkeys(int(n) for n in _MARKER.findall(sentence) if int(n) in sources))
    claim = " ".join(_MARKER.sub(" ", sentence).split())
    claim = re.sub(r"\s+([.!?,;:])", r"\1", claim)
    if not claim:
        return None
    titles = titles or {}

    def supported(numbers: list[int]) -> bool:
        text = " ".join(sources[n] for n in numbers)
        return is_supported(claim, text, " ".join([text, *(titles.get(n, "") for n in numbers)]))

    if not cited and not _MARKER.search(sentence):
        cited = next(([n] for n in sources if supported([n])), [])
    if not cited or not supported(cited):
        return None
    return f"{claim} " + "".join(f"[{n}]" for n in cited), cited
