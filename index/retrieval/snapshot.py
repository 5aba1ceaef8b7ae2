"""The served index in memory: the manifest's units and vectors, searchable, with what questions are read against.

It follows the manifest: a new manifest in the same collection changes only the documents whose version
changed (their old units leave memory, their new ones are read, and their parts are made, see parts.py);
the searches and statistics over the whole corpus are then put together from the parts, the vocabulary and
the term statistics by counting the changed documents' units out and in. A new collection (first ingest, new
model) is read whole.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
from llama_index.core.schema import TextNode

from index.question.corpus import CorpusView
from index.question.framing import FRAMING_WORDS
from index.question.lexicon import Lexicon
from index.question.names import single_names
from index.question.vocabulary import Vocabulary
from index.retrieval.hybrid import HybridRetriever
from index.retrieval.keywords import TermIds, keyword_index, live_terms
from index.retrieval.loading import load_documents, load_units
from index.retrieval.parts import DocumentPart, Sentence, make_part, sentence_number, split_by_document
from index.store.chroma import Manifest, Store
from index.text.words import tokens


@dataclass(frozen=True)
class TermStats:
    """How many units there are and in how many of them each stem occurs."""

    units: int
    df: dict[str, int]

    @classmethod
    def of(cls, parts: Iterable[DocumentPart]) -> TermStats:
        """The statistics of the parts' units."""
        df: Counter[str] = Counter()
        units = 0
        for part in parts:
            df.update(part.stems)
            units += len(part.nodes)
        return cls(units, dict(df))

    def changed(self, removed: list[DocumentPart], added: list[DocumentPart]) -> TermStats:
        """The statistics without the units of some parts and with those of others (this one is left as is)."""
        df = dict(self.df)
        for part in removed:
            for term, n in part.stems.items():
                if df[term] > n:
                    df[term] -= n
                else:
                    del df[term]
        for part in added:
            for term, n in part.stems.items():
                df[term] = df.get(term, 0) + n
        units = self.units + sum(len(p.nodes) for p in added) - sum(len(p.nodes) for p in removed)
        return TermStats(units, df)


@dataclass(frozen=True)
class Reading:
    """What a snapshot is made with besides the store: the question dictionary, the lexicon, the exact search
    limit, and the term ids its keyword indexes share."""

    dictionary: frozenset[str]
    lexicon: Lexicon
    exact_max_units: int
    term_ids: TermIds = field(default_factory=TermIds)


PAIR_UNITS_READ = 200  # units holding both words that are read for the two side by side


@dataclass(frozen=True)
class Snapshot:
    """Everything read from one manifest; replaced (reusing what it can) when another manifest is swapped in."""

    manifest: Manifest
    retriever: HybridRetriever | None = None
    corpus: CorpusView = field(default_factory=CorpusView)
    term_stats: TermStats = TermStats(0, {})
    parts: dict[str, DocumentPart] = field(default_factory=dict)  # doc_id -> its part, in serving order
    headings: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)  # doc_id -> headings' stems
    # unit id -> stems of its sentence with its heading, and of the sentence alone; filled as units are scored
    node_stems: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    strays: tuple[str, ...] = ()  # ids of stored units the manifest didn't name when it was loaded whole
    # (word, next word) -> whether some unit says them side by side; filled as questions ask
    pairs_said: dict[tuple[str, str], bool] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """Years of the indexed statements (none when nothing is indexed)."""
        return self.retriever.years if self.retriever else []

    def _sentence(self, doc_id: str, number: int) -> Sentence | None:
        part = self.parts.get(doc_id)
        return part.sentences.get(number) if part else None

    def sentence_text(self, node: TextNode) -> str:
        """The whole sentence a unit belongs to."""
        found = self._sentence(node.metadata["doc_id"], sentence_number(node))
        return found.text if found else node.text

    def says_together(self, first: str, second: str) -> bool:
        """Whether some statement says two words side by side ("human smuggling"), as tokens() spells them."""
        found = self.pairs_said.get((first, second))
        if found is None:
            units_of = self.corpus.vocabulary.units_of
            both = units_of.get(first, set()) & units_of.get(second, set())
            found = any(self._adjacent(unit, first, second) for unit in itertools.islice(both, PAIR_UNITS_READ))
            self.pairs_said[(first, second)] = found
        return found

    def _adjacent(self, unit: str, first: str, second: str) -> bool:
        part = self.parts.get(unit.rpartition(":")[0])
        if part is None:
            return False
        for node, words in zip(part.nodes, part.tokens):
            if node.node_id == unit:
                return any(a == first and b == second for a, b in zip(words, words[1:]))
        return False

    def previous_sentence(self, node: TextNode) -> str | None:
        """The sentence before a unit's sentence, when it is under the same heading."""
        doc_id, number = node.metadata["doc_id"], sentence_number(node)
        here, before = self._sentence(doc_id, number), self._sentence(doc_id, number - 1)
        return before.text if here and before and before.section == here.section else None

    @classmethod
    def load(cls, store: Store, manifest: Manifest, reading: Reading) -> Snapshot:
        """Read all the manifest's units and vectors from the store and build the in-memory search."""
        collection = store.collection(manifest.collection)
        loaded = load_units(collection, manifest.documents)
        made = [make_part(run, reading.term_ids, reading.dictionary) for run in split_by_document(loaded.nodes)]
        parts = {p.doc_id: p for p in made}
        vocabulary = Vocabulary(
            dictionary=reading.dictionary, units=((u, w) for p in made for u, w in zip(p.node_ids, p.tokens))
        )
        snapshot = cls.build(manifest, collection, parts, loaded.vectors, reading, vocabulary, TermStats.of(made))
        return replace(snapshot, strays=tuple(loaded.strays))

    def follows(self, manifest: Manifest) -> bool:
        """Whether advance() can reach this manifest by changing only documents (same collection and model)."""
        mine = self.manifest
        return (manifest.collection, manifest.model) == (mine.collection, mine.model) and not manifest.legacy

    def advance(self, store: Store, manifest: Manifest, reading: Reading) -> Snapshot:
        """The snapshot of a later manifest in the same collection: units of documents whose version changed
        or that were removed leave memory, those of new versions are read from the store (and nothing else)."""
        before, after = self.manifest.versions(), manifest.versions()
        gone_ids = {d for d, v in before.items() if d not in after or after[d] != v}
        gone = [self.parts[d] for d in gone_ids if d in self.parts]
        fresh = [d for d, v in after.items() if d not in before or before[d] != v]
        collection = store.collection(manifest.collection)
        added = load_documents(collection, manifest.documents, fresh)
        made = [make_part(run, reading.term_ids, reading.dictionary) for run in split_by_document(added.nodes)]
        kept = {d: p for d, p in self.parts.items() if d not in gone_ids}
        parts = dict(sorted((kept | {p.doc_id: p for p in made}).items(), key=lambda item: (item[1].year, item[0])))
        vectors = self._vectors(parts, made, added.vectors)
        vocabulary = self.corpus.vocabulary.changed(_units(gone), _units(made))
        stats = self.term_stats.changed(gone, made)
        snapshot = Snapshot.build(manifest, collection, parts, vectors, reading, vocabulary, stats)
        cached = dict(self.node_stems)  # readers of this snapshot may add to it meanwhile
        snapshot.node_stems.update((k, v) for k, v in cached.items() if k.rpartition(":")[0] not in gone_ids)
        return snapshot

    def _vectors(self, parts: dict[str, DocumentPart], made: list[DocumentPart], fresh: np.ndarray) -> np.ndarray:
        """The vectors of parts in their order: kept ones' rows from this snapshot's matrix, new ones' read."""
        mine = self.retriever.vectors if self.retriever else None
        rows, start = {}, 0
        for doc_id, part in self.parts.items():
            rows[doc_id], start = start, start + len(part.nodes)
        new_rows, start = {}, 0
        for part in made:
            new_rows[part.doc_id], start = start, start + len(part.nodes)
        blocks = []
        for doc_id, part in parts.items():
            source, at = (fresh, new_rows[doc_id]) if doc_id in new_rows else (mine, rows[doc_id])
            if blocks and blocks[-1][0] is source and blocks[-1][2] == at:  # continues the block before
                blocks[-1][2] += len(part.nodes)
            else:
                blocks.append([source, at, at + len(part.nodes)])
        if not blocks:
            return np.zeros((0, 0), dtype=np.float32)
        return np.concatenate([source[begin:end] for source, begin, end in blocks])

    @classmethod
    def build(
        cls,
        manifest: Manifest,
        collection,
        parts: dict[str, DocumentPart],
        vectors: np.ndarray,
        reading: Reading,
        vocabulary: Vocabulary,
        stats: TermStats,
    ) -> Snapshot:
        """The in-memory search and what questions are read against, put together from the parts (in serving
        order; vectors: their units' rows) and the vocabulary and statistics of their units."""
        if not parts:
            return cls(manifest)
        parts = _compacted(parts, reading.term_ids)
        nodes = [node for part in parts.values() for node in part.nodes]
        years = np.repeat([p.year for p in parts.values()], [len(p.nodes) for p in parts.values()])
        keywords = keyword_index([p.terms for p in parts.values()], reading.term_ids)
        retriever = HybridRetriever(
            collection,
            nodes,
            vectors,
            exact_max_units=reading.exact_max_units,
            versions=manifest.versions(),
            keywords=(keywords, years),
        )
        acronyms: dict[str, tuple[str, ...]] = {}
        stated: dict[int, int] = {}
        for part in parts.values():
            acronyms.update(part.acronyms)
            for n, year in part.stated:
                stated.setdefault(n, year)
        places = _place_names(manifest)
        place_words = frozenset(w for place in places for w in tokens(place))
        dated = [(str(d.get("date") or d["year"]), int(d["year"])) for d in manifest.documents.values()]
        corpus = CorpusView(
            vocabulary=vocabulary,
            lexicon=reading.lexicon.with_defined(acronyms),
            places=places,
            years=tuple(sorted({int(d["year"]) for d in manifest.documents.values()})),
            ordinals=CorpusView.meeting_order(dated, stated),
            next_years={p.year: p.next_year for p in parts.values() if p.next_year is not None},
            names=frozenset().union(*(p.names for p in parts.values()))
            | single_names((p.words for p in parts.values()), FRAMING_WORDS | place_words),
        )
        headings = {d: p.headings for d, p in parts.items() if p.headings}
        return cls(manifest, retriever, corpus, stats, parts, headings)


def _units(parts: list[DocumentPart]) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(unit id, tokens) of the parts' units."""
    return ((u, w) for p in parts for u, w in zip(p.node_ids, p.tokens))


def _compacted(parts: dict[str, DocumentPart], term_ids: TermIds) -> dict[str, DocumentPart]:
    """The parts with their term ids in the shared ids' latest numbering, renumbering them all first when the
    shared ids have grown well past the live ones."""
    parts = {d: p.renumbered(term_ids.current(p.terms)) for d, p in parts.items()}
    live = live_terms((p.terms for p in parts.values()), term_ids)
    if live is None:
        return parts
    term_ids.compact(live)
    return {d: p.renumbered(term_ids.current(p.terms)) for d, p in parts.items()}


def _place_names(manifest: Manifest) -> dict[str, int]:
    """Lowercase place names (and their first word) mapped to a statement year."""
    names: dict[str, int] = {}
    counts: dict[str, int] = {}
    for doc in manifest.documents.values():
        place = (doc.get("place") or "").lower()
        if not place:
            continue
        # "Washington, D.C.": also "washington" and, an abbreviated part being the place's own, "d.c." and "dc"
        abbreviated = {part.strip() for part in place.split(",")[1:] if "." in part}
        for name in {place, place.split(",")[0].strip()} | abbreviated | {a.replace(".", "") for a in abbreviated}:
            names[name] = doc["year"]
            counts[name] = counts.get(name, 0) + 1
    # A place that hosted several statements does not pin down a year.
    return {name: year for name, year in names.items() if counts[name] == 1}
