"""Score retrieved sentences as evidence for a question: meaning, shared terms, answer type."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from index.embedding.encoders import Query
from index.question.expansions import EXPANSIONS, expand
from index.question.plan import QueryPlan
from index.retrieval.hybrid import Candidate
from index.retrieval.snapshot import Snapshot, TermStats
from index.text.words import stem, tokens, word_spans

SEMANTIC_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
# A sentence holding every exact term asked for (a number, an acronym) is relevant at least this much.
EXACT_MATCH_FLOOR = 0.5
# A sentence whose meaning is very close to the question stands on its cosine alone, less this margin
# (long, chatty questions dilute the term overlap but not the meaning).
SEMANTIC_ONLY_MARGIN = 0.15
FOCUS_MIN_WORDS = 8

_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million)\b",
    re.I,
)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(million|billion|dollars?)\b|\bC?US?\$", re.I)
_DATE = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"today|yesterday)\b|\b(19|20)\d\d\b",
    re.I,
)


@dataclass
class Scored:
    """A candidate sentence with its relevance to the question."""

    candidate: Candidate
    relevance: float
    lexical: float
    scope: int | None

    def fits(self, plan: QueryPlan) -> bool:
        """Whether the sentence can answer the kind of question asked (amount, count, date)."""
        text = self.candidate.node.text
        if plan.wants_money:
            return bool(_MONEY.search(text))
        if plan.wants_count:
            return bool(_NUMBER.search(_strip_years(text)))
        if plan.wants_date:
            return bool(_DATE.search(text))
        return True


def _strip_years(text: str) -> str:
    return re.sub(r"\b(19|20)\d\d\b", "", text)


def _idf(stats: TermStats, term_stems: set[str]) -> float:
    """Inverse document frequency of the best-known of a term's stems over the units."""
    total = max(1, stats.units)
    df = max((stats.df.get(s, 0) for s in term_stems), default=0)
    return math.log(1 + total / (1 + df))


def term_weights(plan: QueryPlan, stats: TermStats) -> list[tuple[set[str], float]]:
    """The question's topic terms (and numbers) as stem sets with their IDF weights, computed once per plan."""
    terms = (plan.topical or [k for k in plan.keywords if not k[0].isdigit()]) + plan.numbers
    weights = []
    for term in dict.fromkeys(terms):
        stems = expand(term) if term in EXPANSIONS or term.isalpha() else {term}
        weights.append((stems, _idf(stats, stems)))
    return weights


def lexical_support(weights: list[tuple[set[str], float]], text_stems: frozenset[str]) -> float:
    """IDF-weighted share of the question's topic terms found in a sentence and its heading."""
    total = sum(w for _, w in weights)
    got = sum(w for stems, w in weights if stems & text_stems)
    return got / total if total else 0.0


@lru_cache(maxsize=200_000)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) if w.isalpha() else w for w in tokens(text))


def sentence_stems(candidate: Candidate) -> frozenset[str]:
    """Stems of a unit's sentence and section heading (memoised: units are read-only)."""
    return _stems_of(f"{candidate.node.text} {candidate.node.metadata.get('section', '')}")


def question_query(plan: QueryPlan) -> Query:
    """What the question's vectors are computed from: its search text and, if long, its topic words' spans."""
    if plan.topical and len(plan.search_text.split()) > FOCUS_MIN_WORDS:
        # Long questions also search with their topic words' meaning alone, so chatter does not dilute it.
        return plan.search_text, tuple(word_spans(plan.search_text, set(plan.topical)))
    return plan.search_text, ()


def score_candidates(plan: QueryPlan, snapshot: Snapshot, queries, scope: int | None) -> list[Scored]:
    """Retrieve and score candidates for one year (or all years when scope is None).

    queries: the question's vectors, as embed_question gives them for question_query(plan).
    """
    keywords = " ".join(plan.bm25_terms())
    weights = term_weights(plan, snapshot.term_stats)
    scored = []
    for cand in snapshot.retriever.retrieve(keywords, queries, scope):
        stems = sentence_stems(cand)
        lexical = lexical_support(weights, stems)
        relevance = max(SEMANTIC_WEIGHT * cand.cosine + LEXICAL_WEIGHT * lexical, cand.cosine - SEMANTIC_ONLY_MARGIN)
        if plan.exact and all(stem(t) in stems or t in stems for t in plan.exact):
            relevance = max(relevance, EXACT_MATCH_FLOOR + 0.3 * lexical)
        scored.append(Scored(cand, relevance, lexical, scope))
    scored.sort(key=lambda s: s.relevance, reverse=True)
    return scored
