"""One served statement version and what the index derives from its units, made once while it is served.

A snapshot is its statements' parts put together in serving order (year, then doc_id): what it serves from
the whole corpus (the BM25 index, the vocabulary, the learned acronyms and names, the meeting order) is made
from the parts by concatenating or merging them, so following a write makes the parts of the changed
statements only.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from llama_index.core.schema import TextNode

from index.question import intent
from index.question.framing import FRAMING_WORDS
from index.question.lexicon import Lexicon
from index.question.names import WordUse, learn_names, word_use
from index.retrieval.keywords import TermIds, UnitTerms, keyword_terms
from index.store.records import embedding_text
from index.text.words import STOP_WORDS, stem, tokens

OPENING_UNITS = 5  # where a statement says which meeting it was
# Where and when the next meeting will be: "will host the next meeting of the Forum in Anchorage, in 2029", "the
# Forum will next meet in the United States in 2031" (not "before the next Forum, officials will: … by 2033").
_NEXT_MEETING_IN = re.compile(
    r"(?<!before the )\b(?:next|upcoming)\s+(?:[\w–-]+\s+){0,4}?(?:meeting|forum|cbcf)\b[^.;:]*?\b((?:19|20)\d\d)\b"
    r"|\bwill (?:next )?(?:host|hold|meet|convene)\b[^.;:]*?\b((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """A whole sentence of a statement (a long one is searched in several units) and its section."""

    text: str
    section: str


@dataclass(frozen=True)
class DocumentPart:
    """A statement version's units (in position order) and what the index derives from them."""

    doc_id: str
    year: int
    nodes: tuple[TextNode, ...]
    tokens: tuple[tuple[str, ...], ...]  # each unit's tokens (sentence and section), interned
    terms: UnitTerms  # each unit's BM25 terms, as ids
    stems: dict[str, int] = field(default_factory=dict)  # stem -> in how many of its units it occurs
    sentences: dict[int, Sentence] = field(default_factory=dict)  # by sentence number
    headings: tuple[frozenset[str], ...] = ()  # its section headings' stems (stop words out), in order
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # those it defines (the last one wins)
    names: frozenset = frozenset()  # names of two words or more it uses (see names.py)
    words: WordUse = field(default_factory=WordUse)  # how it writes capitalised words (single-word names)
    stated: tuple[tuple[int, int], ...] = ()  # (n, year): meeting ordinals its opening units state, in order
    next_year: int | None = None  # the year it says the next meeting will be held in, if it says

    @property
    def node_ids(self) -> list[str]:
        """Its units' ids, in order."""
        return [n.node_id for n in self.nodes]

    def renumbered(self, terms: UnitTerms) -> DocumentPart:
        """The same part with its term ids in another numbering (itself when they are the same)."""
        return self if terms is self.terms else replace(self, terms=terms)


def make_part(nodes: list[TextNode], term_ids: TermIds, dictionary: frozenset[str]) -> DocumentPart:
    """The part of one statement version from its units (all of them, in position order)."""
    unit_tokens = tuple(tuple(map(sys.intern, tokens(f"{n.text} {n.metadata.get('section', '')}"))) for n in nodes)
    sentences = _sentences(nodes)
    texts = [s.text for s in sentences.values()]
    year = int(nodes[0].metadata["year"])
    return DocumentPart(
        doc_id=nodes[0].metadata["doc_id"],
        year=year,
        nodes=tuple(nodes),
        tokens=unit_tokens,
        terms=UnitTerms.of([keyword_terms(embedding_text(n)) for n in nodes], term_ids),
        stems=_stem_counts(unit_tokens),
        sentences=sentences,
        headings=_headings(nodes),
        acronyms=Lexicon.defined(texts),
        names=learn_names(texts, dictionary, FRAMING_WORDS),
        words=word_use(texts),
        stated=_stated(nodes),
        next_year=_next_year(texts, year),
    )


def split_by_document(nodes: list[TextNode]) -> list[list[TextNode]]:
    """Units in serving order, cut into their statements' runs."""
    runs: list[list[TextNode]] = []
    for node in nodes:
        if not runs or runs[-1][0].metadata["doc_id"] != node.metadata["doc_id"]:
            runs.append([])
        runs[-1].append(node)
    return runs


def _sentences(nodes: list[TextNode]) -> dict[int, Sentence]:
    """Whole sentences by sentence number: the texts of their units joined in order."""
    parts: dict[int, list[TextNode]] = {}
    for node in nodes:
        parts.setdefault(sentence_number(node), []).append(node)
    return {
        key: Sentence(
            " ".join(n.text for n in sorted(group, key=lambda n: n.metadata["position"])),
            str(group[0].metadata.get("section") or ""),
        )
        for key, group in parts.items()
    }


def sentence_number(node: TextNode) -> int:
    """The number of the sentence a unit belongs to, within its statement."""
    meta = node.metadata
    return int(meta.get("sentence_no", meta["position"]))


def _headings(nodes: list[TextNode]) -> tuple[frozenset[str], ...]:
    """The statement's section headings, as stem sets (stop words left out), in order; none when fewer than half
    its units stand under a heading: a release with only "Quick facts" at its end is not laid out by topic."""
    headed = [n.metadata["section"] for n in nodes if n.metadata.get("section")]
    if 2 * len(headed) < len(nodes):
        return ()
    heads = dict.fromkeys(headed)
    stems = (frozenset(stem(w) for w in tokens(h) if w not in STOP_WORDS) for h in heads)
    return tuple(s for s in stems if s)


@lru_cache(maxsize=1 << 16)
def _term(token: str) -> str:
    """What stems_of makes of a token: a word's stem, a number as it is."""
    return stem(token) if token.isalpha() else token


def _stem_counts(unit_tokens: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """In how many units each stem occurs (the stems_of each unit's text, from its tokens)."""
    counts: Counter[str] = Counter()
    for words in unit_tokens:
        counts.update(set(map(_term, words)))
    return dict(counts)


def _stated(nodes: list[TextNode]) -> tuple[tuple[int, int], ...]:
    """(n, year) for the first meeting ordinal each opening unit states ("the second meeting")."""
    found = []
    for node in nodes:
        if node.metadata["position"] < OPENING_UNITS:
            found += [(n, int(node.metadata["year"])) for n in intent.stated_ordinals(node.text)[:1]]
    return tuple(found)


def _next_year(texts: list[str], year: int) -> int | None:
    """The year a statement says its next meeting will be held in ("will host the next meeting … in 2029")."""
    for text in texts:
        for match in _NEXT_MEETING_IN.finditer(text):
            said = int(match.group(1) or match.group(2))
            if said > year:
                return said
    return None
