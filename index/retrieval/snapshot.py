"""The served index in memory: the manifest's units and vectors, searchable, with what questions are read against.

It follows the manifest: a new manifest in the same collection changes only the documents whose version
changed (their old units leave memory, their new ones are read); the searches and statistics are then
rebuilt from the units in memory. A new collection (first ingest, new model) is read whole.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from llama_index.core.schema import TextNode

from index.question import intent
from index.question.corpus import CorpusView
from index.question.lexicon import Lexicon
from index.question.names import learn_names
from index.question.plan import FRAMING_WORDS
from index.question.vocabulary import Vocabulary
from index.retrieval.hybrid import HybridRetriever
from index.retrieval.loading import in_order, load_documents, load_units
from index.store.chroma import Manifest, Store
from index.text.words import STOP_WORDS, stem, tokens

OPENING_UNITS = 5  # where a statement says which meeting it was


@dataclass(frozen=True)
class TermStats:
    """How many units there are and in how many of them each stem occurs."""

    units: int
    df: dict[str, int]


@dataclass(frozen=True)
class Sentence:
    """A whole sentence of a statement (a long one is searched in several units) and its section."""

    text: str
    section: str


@dataclass(frozen=True)
class Snapshot:
    """Everything read from one manifest; replaced (reusing what it can) when another manifest is swapped in."""

    manifest: Manifest
    retriever: HybridRetriever | None = None
    corpus: CorpusView = field(default_factory=CorpusView)
    term_stats: TermStats = TermStats(0, {})
    sentences: dict[tuple[str, int], Sentence] = field(default_factory=dict)
    headings: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)  # doc_id -> headings' stems
    node_stems: dict[str, frozenset[str]] = field(default_factory=dict)  # filled as units are scored
    strays: tuple[str, ...] = ()  # ids of stored units the manifest didn't name when it was loaded whole
    unit_tokens: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node_id -> tokens (kept by advance)
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node_id -> BM25 terms (kept by advance)

    @property
    def years(self) -> list[int]:
        """Years of the indexed statements (none when nothing is indexed)."""
        return self.retriever.years if self.retriever else []

    def sentence_text(self, node: TextNode) -> str:
        """The whole sentence a unit belongs to."""
        found = self.sentences.get(_sentence_key(node))
        return found.text if found else node.text

    def previous_sentence(self, node: TextNode) -> str | None:
        """The sentence before a unit's sentence, when it is under the same heading."""
        doc_id, number = _sentence_key(node)
        here, before = self.sentences.get((doc_id, number)), self.sentences.get((doc_id, number - 1))
        return before.text if here and before and before.section == here.section else None

    @classmethod
    def load(
        cls, store: Store, manifest: Manifest, dictionary: frozenset[str], lexicon: Lexicon, exact_max_units: int
    ) -> Snapshot:
        """Read all the manifest's units and vectors from the store and build the in-memory search."""
        collection = store.collection(manifest.collection)
        loaded = load_units(collection, manifest.documents)
        snapshot = cls.build(manifest, collection, loaded.nodes, loaded.vectors, dictionary, lexicon, exact_max_units)
        return replace(snapshot, strays=tuple(loaded.strays))

    def follows(self, manifest: Manifest) -> bool:
        """Whether advance() can reach this manifest by changing only documents (same collection and model)."""
        mine = self.manifest
        return (manifest.collection, manifest.model) == (mine.collection, mine.model) and not manifest.legacy

    def advance(
        self, store: Store, manifest: Manifest, dictionary: frozenset[str], lexicon: Lexicon, exact_max_units: int
    ) -> Snapshot:
        """The snapshot of a later manifest in the same collection: units of documents whose version changed
        or that were removed leave memory, those of new versions are read from the store (and nothing else)."""
        before, after = self.manifest.versions(), manifest.versions()
        gone = {d for d, v in before.items() if d not in after or after[d] != v}
        fresh = [d for d, v in after.items() if d not in before or before[d] != v]
        nodes = self.retriever.nodes if self.retriever else []
        rows = [i for i, n in enumerate(nodes) if n.metadata["doc_id"] not in gone]
        collection = store.collection(manifest.collection)
        added = load_documents(collection, manifest.documents, fresh)
        kept = [nodes[i] for i in rows]
        parts = [m for m in (self.retriever.vectors[rows] if rows else None, added.vectors) if m is not None and len(m)]
        vectors = np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)
        ordered, vectors = in_order(kept + added.nodes, vectors)
        known = (_kept(self.unit_tokens, gone), _kept(self.keywords, gone))
        snapshot = Snapshot.build(manifest, collection, ordered, vectors, dictionary, lexicon, exact_max_units, known)
        snapshot.node_stems.update(_kept(self.node_stems, gone))
        return snapshot

    @classmethod
    def build(
        cls,
        manifest: Manifest,
        collection,
        nodes: list[TextNode],
        vectors: np.ndarray,
        dictionary: frozenset[str],
        lexicon: Lexicon,
        exact_max_units: int,
        known: tuple[dict, dict] = ({}, {}),
    ) -> Snapshot:
        """The in-memory search and statistics of units already in memory (no store reads); known: the tokens
        and BM25 terms of units that were in memory before (made once per unit version)."""
        if not nodes:
            return cls(manifest)
        words = _unit_tokens(nodes, known[0])
        versions = manifest.versions()
        retriever = HybridRetriever(
            collection, nodes, vectors, exact_max_units=exact_max_units, versions=versions, keywords=known[1]
        )
        sentences = _sentences(nodes)
        places = _place_names(manifest)
        place_words = frozenset(w for place in places for w in tokens(place))
        corpus = CorpusView(
            vocabulary=Vocabulary(dictionary=dictionary, unit_tokens=(words[n.node_id] for n in nodes)),
            lexicon=lexicon.learn([s.text for s in sentences.values()]),
            places=places,
            years=tuple(sorted({int(d["year"]) for d in manifest.documents.values()})),
            ordinals=_meeting_order(manifest, nodes),
            names=learn_names([s.text for s in sentences.values()], dictionary, FRAMING_WORDS, place_words),
        )
        stats = _count_terms(nodes, words)
        parts = (corpus, stats, sentences, _headings(nodes))
        return cls(manifest, retriever, *parts, unit_tokens=words, keywords=retriever.keywords)


def _sentence_key(node: TextNode) -> tuple[str, int]:
    meta = node.metadata
    return meta["doc_id"], int(meta.get("sentence_no", meta["position"]))


def _sentences(nodes: list[TextNode]) -> dict[tuple[str, int], Sentence]:
    """Whole sentences by (doc_id, sentence number): the texts of their units joined in order."""
    parts: dict[tuple[str, int], list[TextNode]] = {}
    for node in nodes:
        parts.setdefault(_sentence_key(node), []).append(node)
    return {
        key: Sentence(
            " ".join(n.text for n in sorted(group, key=lambda n: n.metadata["position"])),
            str(group[0].metadata.get("section") or ""),
        )
        for key, group in parts.items()
    }


def _headings(nodes: list[TextNode]) -> dict[str, tuple[frozenset[str], ...]]:
    """Each statement's section headings, as stem sets (stop words left out), in order."""
    found: dict[str, dict[str, None]] = {}
    for node in nodes:
        if node.metadata.get("section"):
            found.setdefault(node.metadata["doc_id"], {})[node.metadata["section"]] = None
    return {
        doc: tuple(s for s in (frozenset(stem(w) for w in tokens(h) if w not in STOP_WORDS) for h in heads) if s)
        for doc, heads in found.items()
    }


def _place_names(manifest: Manifest) -> dict[str, int]:
    """Lowercase place names (and their first word) mapped to a statement year."""
    names: dict[str, int] = {}
    counts: dict[str, int] = {}
    for doc in manifest.documents.values():
        place = (doc.get("place") or "").lower()
        if not place:
            continue
        for name in {place, place.split(",")[0].strip()}:
            names[name] = doc["year"]
            counts[name] = counts.get(name, 0) + 1
    # A place that hosted several statements does not pin down a year.
    return {name: year for name, year in names.items() if counts[name] == 1}


def _meeting_order(manifest: Manifest, nodes: list[TextNode]) -> dict[int, int]:
    """n -> year of the n-th meeting: by date, or as a statement's opening says ("the second meeting")."""
    dated = [(str(d.get("date") or d["year"]), int(d["year"])) for d in manifest.documents.values()]
    stated: dict[int, int] = {}
    for node in nodes:
        if node.metadata["position"] < OPENING_UNITS:
            for n in intent.stated_ordinals(node.text)[:1]:
                stated.setdefault(n, int(node.metadata["year"]))
    return CorpusView.meeting_order(dated, stated)


def _kept(cache: dict[str, object], gone: set[str]) -> dict[str, object]:
    """A per-unit cache without the units of the documents in gone."""
    return {node_id: value for node_id, value in cache.items() if node_id.rpartition(":")[0] not in gone}


def _unit_tokens(nodes: list[TextNode], known: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each unit's tokens (sentence and section), reusing those already made; interned, so units share them."""
    return {
        n.node_id: known.get(n.node_id) or tuple(map(sys.intern, tokens(f"{n.text} {n.metadata.get('section', '')}")))
        for n in nodes
    }


def _count_terms(nodes: list[TextNode], words: dict[str, tuple[str, ...]]) -> TermStats:
    """In how many units each stem occurs (the stems_of each unit's text, from its tokens)."""
    stems: dict[str, str] = {}
    df: Counter[str] = Counter()
    for node in nodes:
        df.update({stems.get(t) or stems.setdefault(t, stem(t) if t.isalpha() else t) for t in words[node.node_id]})
    return TermStats(len(nodes), dict(df))
