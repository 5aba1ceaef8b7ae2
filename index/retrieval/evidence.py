"""Score retrieved sentences as evidence for a question: meaning, shared terms, answer type."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from index.embedding.encoders import Query
from index.question.lexicon import Lexicon
from index.question.names import says_name
from index.question.plan import QueryPlan
from index.retrieval import answer_types
from index.retrieval.calibration import Calibration
from index.retrieval.hybrid import Candidate
from index.retrieval.snapshot import Snapshot, TermStats
from index.text.instructions import is_instruction
from index.text.words import continues, says_nothing, stem, stems_of, word_spans

SEMANTIC_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
# A sentence holding every exact term asked for (a number, an acronym) is relevant at least this much.
EXACT_MATCH_FLOOR = 0.5
# A sentence whose meaning is very close to the question stands on its cosine alone, less this margin
# (long, chatty questions dilute the term overlap but not the meaning).
SEMANTIC_ONLY_MARGIN = 0.15
FOCUS_MIN_WORDS = 8
# A question this many words long starts to read as wordy, and is fully so this many words later: its signals are
# diluted by words about the asker (and words no statement uses are more likely chatter than a topic).
WORDY_FROM, WORDY_SPAN = 8, 20


@dataclass
class Scored:
    """A candidate sentence, its evidence signals and the calibrated probability that it answers the question."""

    candidate: Candidate
    relevance: float  # the calibrated probability that this sentence answers the question (ranks sentences)
    lexical: float
    scope: int | None
    fit: bool = True  # holds an amount, count or date when one is asked for
    features: dict[str, float] = field(default_factory=dict)

    def answerability(self, calibration: Calibration) -> float:
        """The probability that the statements answer the question, were this the best sentence."""
        return calibration.answerability(self.features, self.relevance)


def _idf(stats: TermStats, term_stems: set[str]) -> float:
    """Inverse document frequency of the best-known of a term's stems over the units."""
    total = max(1, stats.units)
    df = max((stats.df.get(s, 0) for s in term_stems), default=0)
    return math.log(1 + total / (1 + df))


def term_weights(
    plan: QueryPlan, stats: TermStats, lexicon: Lexicon, terms: list[str] | None = None
) -> list[tuple[str, set[str], float]]:
    """The question's topic terms (and numbers) with their stem sets and IDF weights, computed once per plan."""
    if terms is None:
        terms = (plan.topical or [k for k in plan.keywords if not k[0].isdigit()]) + plan.numbers
    weights = []
    for term in dict.fromkeys(terms):
        stems = lexicon.expand(term) if term.isalpha() else {term}
        weights.append((term, stems, _idf(stats, stems)))
    return weights


def lexical_support(weights: list[tuple[str, set[str], float]], text_stems: frozenset[str]) -> float:
    """IDF-weighted share of the question's topic terms found in a sentence and its heading."""
    total = got = 0.0
    for _, stems, weight in weights:
        total += weight
        if not text_stems.isdisjoint(stems):
            got += weight
    return got / total if total else 0.0


def _says_term(term: str, stems: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether a sentence holds an exact term of the question (a number, a coined word), or spells out its acronym."""
    if stem(term) in stems or term in stems:
        return True
    abbr = lexicon.acronym(term)
    long = lexicon.acronyms.get(abbr, ()) if abbr else ()
    # Its long form, allowing one word left out of a long one ("Secretary of Homeland Security" for DHS).
    held = sum(stem(w) in stems for w in long)
    return bool(long) and held >= len(long) - (1 if len(long) >= 3 else 0)


def _says_name(name: tuple[str, ...], text: str, candidate: Candidate, snapshot: Snapshot) -> bool:
    """Whether a sentence says a name the question uses; the sentence before it under the same heading may say it
    for it: any name when it leans back on that one ("Such an agreement…"), a single-word name (a country:
    "Russia") always, as that sentence sets what the paragraph is about."""
    acronyms = snapshot.corpus.lexicon.acronyms
    if says_name(name, text, acronyms):
        return True
    before = snapshot.previous_sentence(candidate.node)
    return bool(before) and (len(name) == 1 or continues(text, before)) and says_name(name, before, acronyms)


def _heads_without_kind(phrases: list[tuple[set[str], set[str]]], stems: frozenset[str]) -> list[set[str]]:
    """The heads of the question's two-word terms that a sentence says without the word naming their kind
    ("firearms smuggling" for "human smuggling"): the stems of each word, with their synonyms."""
    return [head for kind, head in phrases if not stems.isdisjoint(head) and stems.isdisjoint(kind)]


def _only_another_kind(
    heads: list[set[str]], weights: list[tuple[str, set[str], float]], stems: frozenset[str]
) -> bool:
    """Whether all a sentence shares with the question's topic is such heads (_heads_without_kind): "firearms
    smuggling" and nothing else, for "human smuggling"; it is about something else."""
    said = [term_stems for _, term_stems, _ in weights if not stems.isdisjoint(term_stems)]
    return bool(heads) and all(any(not term_stems.isdisjoint(head) for head in heads) for term_stems in said)


def wordiness(question: str) -> float:
    """How wordy a question is: 0 up to WORDY_FROM words, rising to 1 over the next WORDY_SPAN."""
    return min(1.0, max(0.0, (len(question.split()) - WORDY_FROM) / WORDY_SPAN))


def _rank_signal(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1 + rank)


def continues_previous(node, snapshot: Snapshot) -> bool:
    """Whether a unit's sentence goes on from the one before it under the same heading: it leans back on it
    ("These arrangements will…"), or it is the list that one introduces."""
    before = snapshot.previous_sentence(node)
    return before is not None and continues(snapshot.sentence_text(node), before)


def follows(item: Scored, earlier: Scored, snapshot: Snapshot) -> bool:
    """Whether a sentence is the one right after another in the same statement and goes on from it."""
    node, before = item.candidate.node, earlier.candidate.node
    same_doc = node.metadata["doc_id"] == before.metadata["doc_id"]
    next_one = node.metadata.get("sentence_no") == int(before.metadata.get("sentence_no", -2)) + 1
    return same_doc and next_one and continues_previous(node, snapshot)


def read_whole(node, snapshot: Snapshot) -> str:
    """A unit's whole sentence, after the sentence before it when it goes on from that one: what is read as its
    evidence and quoted for it."""
    text = snapshot.sentence_text(node)
    before = snapshot.previous_sentence(node)
    return f"{before} {text}" if before is not None and continues(text, before) else text


def sentence_stems(candidate: Candidate, snapshot: Snapshot) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of a unit's whole sentence with its section heading, and of the sentence alone (with the one it
    continues); kept with the snapshot: units are read-only."""
    found = snapshot.node_stems.get(candidate.node.node_id)
    if found is None:
        said = stems_of(read_whole(candidate.node, snapshot))
        found = said | stems_of(candidate.node.metadata.get("section", "")), said
        snapshot.node_stems[candidate.node.node_id] = found
    return found


def _with_followers(candidates: list[Candidate], snapshot: Snapshot, queries) -> list[Candidate]:
    """The candidates, plus the sentence after each one when it leans back on it ("These arrangements will…"):
    what a sentence is for or why it matters is often said in the one after it."""
    retriever = snapshot.retriever
    seen = {c.node.node_id for c in candidates}
    vectors = np.asarray(queries, dtype=np.float32).reshape(-1, retriever.vectors.shape[1])
    extra = []
    for cand in candidates:
        row = retriever.row[cand.node.node_id]
        number = cand.node.metadata.get("sentence_no")
        while row + 1 < len(retriever.nodes) and retriever.nodes[row + 1].metadata.get("sentence_no") == number:
            row += 1  # the other parts of a long sentence
        if row + 1 >= len(retriever.nodes):
            continue
        follower = retriever.nodes[row + 1]
        same_doc = follower.metadata["doc_id"] == cand.node.metadata["doc_id"]
        if same_doc and follower.node_id not in seen and continues_previous(follower, snapshot):
            seen.add(follower.node_id)
            extra.append(Candidate(follower, cosine=float((vectors @ retriever.vectors[row + 1]).max())))
    return candidates + extra


def question_query(plan: QueryPlan) -> Query:
    """What the question's vectors are computed from: its search text and, if long, its topic words' spans."""
    # Words no statement uses ("I'm writing a report…") can't be what a statement answers: not a topic to focus on.
    focus = set(plan.topical) - set(plan.unknown)
    said = [w for t in plan.topical for w in plan.expansions.get(t, ()) if w not in plan.keywords]
    text = f"{plan.search_text} ({', '.join(dict.fromkeys(said))})" if said else plan.search_text
    if focus and len(plan.search_text.split()) > FOCUS_MIN_WORDS:
        # Long questions also search with their topic words' meaning alone, so chatter does not dilute it.
        return text, tuple(word_spans(plan.search_text, focus))
    return text, ()


def score_candidates(
    plan: QueryPlan, snapshot: Snapshot, queries, scope: int | None, calibration: Calibration
) -> list[Scored]:
    """Retrieve candidates for one year (or all years when scope is None), measure each one's evidence
    signals and rank them by the calibrated probability that they answer the question.

    queries: the question's vectors, as embed_question gives them for question_query(plan).
    """
    keywords = " ".join(plan.bm25_terms())
    lexicon = snapshot.corpus.lexicon
    weights = term_weights(plan, snapshot.term_stats, lexicon)
    all_words = term_weights(plan, snapshot.term_stats, lexicon, [k for k in plan.keywords if not k[0].isdigit()])
    total = sum(w for _, _, w in weights)
    rarest = max(weights, key=lambda row: row[2])[1] if weights else set()
    unknown = sum(w for term, _, w in weights if term in plan.unknown) / total if total else 0.0
    dictionary = snapshot.corpus.vocabulary.dictionary
    kind = plan.answer_type
    single = float(len(weights) <= 1)
    wordy = wordiness(plan.search_text)
    asks_next = "next" in plan.topical
    # two-word terms the statements use ("human smuggling"), not any two words side by side ("meth labs")
    phrases = [(lexicon.expand(a), lexicon.expand(b)) for a, b in plan.phrases if snapshot.says_together(a, b)]
    scored = []
    for cand in _with_followers(snapshot.retriever.retrieve(keywords, queries, scope), snapshot, queries):
        stems, said = sentence_stems(cand, snapshot)
        text = snapshot.sentence_text(cand.node)
        if asks_next and answer_types.says_next(text):
            stems = stems | {"next"}  # "will host the seventh meeting in Halifax" tells of the next meeting
        heads = _heads_without_kind(phrases, stems)
        lexical = lexical_support(weights, stems)
        heuristic = max(SEMANTIC_WEIGHT * cand.cosine + LEXICAL_WEIGHT * lexical, cand.cosine - SEMANTIC_ONLY_MARGIN)
        # Exact terms (numbers, coined words) and the statements' names the question uses, all said.
        names_said = all(_says_name(name, text, cand, snapshot) for name in plan.names)
        asks_exact = bool(plan.exact or plan.names)
        has_exact = asks_exact and names_said and all(_says_term(t, stems, lexicon) for t in plan.exact)
        # A number or an acronym asked about must be there (or the acronym's long form): nothing else says it.
        required = [t for t in plan.exact if t[0].isdigit()] + [t for t in plan.topical if lexicon.acronym(t)]
        terms_said = all(_says_term(t, stems, lexicon) for t in required)
        if has_exact:
            heuristic = max(heuristic, EXACT_MATCH_FLOOR + 0.3 * lexical)
        features = {
            "cosine": max(0.0, cand.cosine),
            "lexical": lexical,
            "heading_only": lexical - lexical_support(weights, said),
            "keywords": lexical_support(all_words, stems),
            "heuristic": heuristic,
            "exact_all": float(has_exact),
            "exact_missing": float(asks_exact and not has_exact),
            "unknown": unknown,
            "rarest_missing": float(bool(rarest) and not rarest & stems),
            "keyword_rank": _rank_signal(cand.bm25_rank),
            "vector_rank": _rank_signal(cand.vector_rank),
            "asks_type": float(kind is not None),
            "type_fit": float(answer_types.type_fit(plan, kind, text, cand.node.metadata, dictionary, snapshot)),
            "single_term": single,
            "kind_missing": float(bool(heads)),
            "wordy": wordy,
            "wordy_unknown": wordy * unknown,
        }
        # A sentence that reads as an instruction is withheld in every mode; one that lacks a required
        # amount, penalty, count or date can't answer.
        fit = (
            not is_instruction(text)
            and answer_types.fits(kind, text)
            and answer_types.answers_what_is_asked(plan, kind, text, stems, lexicon, dictionary)
            and names_said
            and terms_said
            # (a year compared is owed what it said of the topic, in whatever words: "launder" for money laundering)
            and (plan.compare or not _only_another_kind(heads, weights, stems))
            # where the next meeting will be: a sentence naming no place it will be in does not say
            and not (kind == "place" and asks_next and not features["type_fit"])
            # a dateline or a title ("Thursday, May 20, 2027") says when or where, nothing about a topic
            and (kind is not None or not says_nothing(text))
        )
        scored.append(Scored(cand, 0.0, lexical, scope, fit, features))
    # How far each sentence is from the best of its candidates: what ranks them is how they compare.
    best_cosine = max((s.features["cosine"] for s in scored), default=0.0)
    best_lexical = max((s.features["lexical"] for s in scored), default=0.0)
    for item in scored:
        item.features["cosine_gap"] = best_cosine - item.features["cosine"]
        item.features["lexical_gap"] = best_lexical - item.features["lexical"]
        item.relevance = calibration.probability(item.features)
    scored.sort(key=lambda s: s.relevance, reverse=True)
    return scored
