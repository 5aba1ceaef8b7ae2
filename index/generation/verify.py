"""Deterministic checks that every generated sentence is supported by the sources it cites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from index.question.framing import FRAMING_WORDS
from index.text.instructions import is_instruction
from index.text.words import MONTHS, STOP_WORDS, stem, tokens
from ingest.sentences import split_sentences

MIN_CONTENT_SUPPORT = 0.6
_MARKER = re.compile(r"\[(\d+)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_LEADING_MARKERS = re.compile(r"\s*\[\d+\]")
_MARKERS_BEFORE = re.compile(r"((?:\[\d+\]\s*)+)([^\[]*?)([.!?]?)\s*(?=\[\d+\]|$)")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"\b[A-Z][A-Za-z.'’-]*[A-Za-z]\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_MONTHS = frozenset(MONTHS)
# A comparison's sentence may open with its source's year ("In 2022, …"): the statement's date says it.
_LEADING_YEAR = re.compile(r"In ((?:19|20)\d\d)\b,?\s*")
_YEAR_LABEL = re.compile(r"In (?:19|20)\d\d\b")


@dataclass(frozen=True)
class Source:
    """What a generated sentence may rely on: a quote, its statement's title (for names) and its year."""

    quote: str
    title: str = ""
    year: str = ""


def as_sources(quotes: dict[int, str] | dict[int, Source], titles: dict[int, str] | None = None) -> dict[int, Source]:
    """Numbered sources from quotes (and titles), or as they are when they are Sources already."""
    titles = titles or {}
    return {n: q if isinstance(q, Source) else Source(q, titles.get(n, "")) for n, q in quotes.items()}


def source_for_model(quote: str) -> str:
    """A source quote with instruction-like sentences withheld from the model and from verification."""
    kept = [s for s in split_sentences(quote) if not is_instruction(s)]
    return " ".join(kept)


def separator(sentence: str) -> str:
    """What goes before a sentence of an answer: a new line when it opens with a year, as a comparison's
    lines do (a line is read on its own, even after a quote ending in a quotation mark), else a space."""
    return "\n" if _YEAR_LABEL.match(sentence) else " "


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one answer, each year's sentences on a line of their own."""
    return "".join((separator(s) if i else "") + s for i, s in enumerate(sentences))


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
        return join_sentences(self.sentences)

    def add(self, sentence: str, sources: dict, titles: dict[int, str] | None = None) -> str | None:
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


# Words about the statements themselves ("the joint statement said…", "yes, they…"): a claim framed with them
# adds no fact.
_ATTRIBUTION = FRAMING_WORDS | {"stated", "states", "state", "according", "noted", "notes", "note", "expressed", "yes"}


def _content_words(text: str) -> list[str]:
    return [w for w in tokens(text) if w.isalpha() and len(w) >= 3 and w not in STOP_WORDS and w not in _ATTRIBUTION]


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words (what a restatement of it should mostly keep)."""
    return {stem(w) for w in _content_words(text)}


def facts_of(text: str) -> list[str]:
    """A text's numbers and months: what a restatement must not drop."""
    return [n.rstrip(".,") for n in _NUMBER.findall(text)] + [w for w in tokens(text) if w in _MONTHS]


def _names(claim: str) -> list[tuple[str, bool]]:
    """Capitalised words (possessives as the name itself), as the eval reads names, and whether each opens
    the sentence."""
    return [(_POSSESSIVE.sub("", m.group(0).rstrip(".")), m.start() == 0) for m in _NAME.finditer(claim)]


def _is_name_supported(name: str, first: bool, names_lower: str, source_stems: set[str]) -> bool:
    """A name is in the sources or titles; a sentence's first word may instead be an ordinary word of theirs
    ("Ministers", "They"), but not a name they never write ("Mexico")."""
    word = name.lower()
    if word in names_lower:
        return True
    return first and (word in STOP_WORDS or word in _ATTRIBUTION or stem(word) in source_stems)


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
    return all(_is_name_supported(name, first, names_lower, source_stems) for name, first in _names(claim))


def split_claims(output: str) -> list[str]:
    """Generated text as sentences, with markers written after a full stop kept with their sentence.

    A model that opens its answer with a marker ("[1] Ministers met. [2] They agreed.") puts each marker before
    the sentence it belongs to; those are moved to the end of their sentence first.
    """
    text = " ".join(output.split())
    if _LEADING_MARKERS.match(text):
        text = _MARKERS_BEFORE.sub(lambda m: f"{m.group(2)} {m.group(1).strip()}{m.group(3)} ", text).strip()
    text = _MARKERS_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), text)
    return split_sentences(text) if text else []


def verify(output: str, sources: dict, titles: dict[int, str] | None = None) -> Verified:
    """Keep only sentences that cite given sources and are supported by them."""
    result = Verified()
    for sentence in split_claims(output):
        result.add(sentence, sources, titles)
    return result


def _supports(claim: str, numbers: tuple[int, ...], sources: dict[int, Source]) -> bool:
    text = " ".join(sources[n].quote for n in numbers)
    names = " ".join([text, *(sources[n].title for n in numbers)])
    opening = _LEADING_YEAR.match(claim)
    if opening and all(sources[n].year == opening.group(1) for n in numbers):
        claim = claim[opening.end() :]  # the year the statement is dated, as the sentence's frame
    return is_supported(claim, text, names)


def supporting_sources(claim: str, cited: list[int], sources: dict[int, Source]) -> list[int] | None:
    """The sources a claim rests on: the ones it cites if they support it, else the fewest that do.

    A model often puts the right words after the wrong marker, or joins two sources in one sentence; what
    matters is that every word of the claim is checked against the sources it ends up citing.
    """
    valid = tuple(n for n in cited if n in sources)
    if valid and _supports(claim, valid, sources):
        return list(valid)
    for size in range(1, len(sources) + 1):  # the fewest sources, those it cites first
        groups = sorted(combinations(sorted(sources), size), key=lambda g: -len(set(g) & set(valid)))
        found = next((g for g in groups if _supports(claim, g, sources)), None)
        if found:
            return list(found)
    return None


def check_sentence(sentence: str, sources: dict, titles: dict[int, str] | None = None) -> tuple[str, list[int]] | None:
    """The sentence in "claim. [n]" form citing the sources that support it, or None when none do.

    sources: quotes by marker number, or Sources (with each statement's title and year); titles: each
    source's statement title, where proper names may also be found ("the CBCF").
    """
    numbered = as_sources(sources, titles)
    cited = list(dict.fromkeys(int(n) for n in _MARKER.findall(sentence)))
    claim = " ".join(_MARKER.sub(" ", sentence).split())
    claim = re.sub(r"\s+([.!?,;:])", r"\1", claim)
    if not claim:
        return None
    found = supporting_sources(claim, cited, numbered)
    if not found:
        return None
    return f"{claim} " + "".join(f"[{n}]" for n in found), found
