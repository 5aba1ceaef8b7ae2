"""One loaded generation of the index: its units in memory, searchable, with the statistics questions need."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from index.question.vocabulary import Vocabulary
from index.retrieval.hybrid import HybridRetriever, load_units
from index.store.chroma import Generation, Store
from index.text.words import stem, tokens


@dataclass(frozen=True)
class TermStats:
    """How many units there are and in how many of them each stem occurs."""

    units: int
    df: dict[str, int]


@dataclass(frozen=True)
class Snapshot:
    """Everything read from one active generation; replaced whole when another generation is activated."""

    generation: Generation
    retriever: HybridRetriever | None = None
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    places: dict[str, int] = field(default_factory=dict)
    term_stats: TermStats = TermStats(0, {})

    @property
    def years(self) -> list[int]:
        """Years of the indexed statements (none when nothing is indexed)."""
        return self.retriever.years if self.retriever else []

    @classmethod
    def load(cls, store: Store, generation: Generation, dictionary: frozenset[str], exact_max_units: int) -> Snapshot:
        """Read a generation's units and vectors from the store and build its in-memory search."""
        collection = store.collection(generation.collection)
        nodes, vectors = load_units(collection, generation.documents)
        if not nodes:
            return cls(generation)
        retriever = HybridRetriever(collection, nodes, vectors, exact_max_units=exact_max_units)
        texts = [f"{n.text} {n.metadata.get('section', '')}" for n in nodes]
        return cls(
            generation,
            retriever,
            Vocabulary(texts, dictionary),
            _place_names(generation),
            _count_terms(nodes),
        )


def _place_names(generation: Generation) -> dict[str, int]:
    """Lowercase place names (and their first word) mapped to a statement year."""
    names: dict[str, int] = {}
    counts: dict[str, int] = {}
    for doc in generation.documents.values():
        place = (doc.get("place") or "").lower()
        if not place:
            continue
        for name in {place, place.split(",")[0].strip()}:
            names[name] = doc["year"]
            counts[name] = counts.get(name, 0) + 1
    # A place that hosted several statements does not pin down a year.
    return {name: year for name, year in names.items() if counts[name] == 1}


def _count_terms(nodes) -> TermStats:
    df: Counter[str] = Counter()
    for node in nodes:
        words = tokens(f"{node.text} {node.metadata.get('section', '')}")
        df.update({stem(w) if w.isalpha() else w for w in words})
    return TermStats(len(nodes), dict(df))
