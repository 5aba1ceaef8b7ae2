"""Understand a question: target years, comparison intent, answer type, spelling, key terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bm25s.stopwords import STOPWORDS_EN_PLUS

from index.expansions import EXPANSIONS, stem

# Words that frame a question about the statements but say nothing about its topic.
_FRAMING_TEXT = """
    say said says saying agree agreed statement statements joint forum cbcf meeting meetings minister
    ministers canada canadian canadians united states us usa u.s america american americans country
    countries tell please know discuss discussed discussing discussion discussions mention mentioned mentions
    regarding anything something thing things year years cross border crime cross-border two governments
    government officials could
    would might may also get got give like want wondering curious explain summary summarize describe
    happened happen talk talked topic topics outcome outcomes hey hi hello thanks thank ok okay exactly
    actually really much many new one lot kind sort bit stuff wrt re pls plz ottawa washington d.c dc
    compare compared comparison change changed changes differ difference differences different versus vs
    between both either each did does doing done make made commit committed commitment commitments
    decide decided plan planned plans going gonna try trying wanted way ways plain terms promise promised
    promises basically briefly overall main key specific specifically regard respect latest recent
    earlier earliest newest older previous last first second most
"""
FRAMING_WORDS = frozenset(_FRAMING_TEXT.split())
# Function words bm25s' list lacks: they name no topic, and being absent from the statements they would
# otherwise weigh as rare terms no sentence can match.
_FUNCTION_TEXT = """
    whether although though however whereas unless within without upon onto toward towards across
    concerning per via neither yet still even ever already perhaps maybe quite rather somewhat anyway
    anyhow thus hence therefore whose whatever whichever whoever someone anyone everyone everything nothing
"""
_STOP = set(STOPWORDS_EN_PLUS) | set(_FUNCTION_TEXT.split()) | {"i'm", "im", "whats", "what's", "abt", "u"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_COMPARE = re.compile(
    r"\b(compar\w*|differ\w*|evolv\w*|versus|vs\.?|contrast\w*|over time|year over year|"
    r"both (years|statements|meetings|forums|sessions)|each (year|statement|meeting)|"
    r"(in|across|between) (the )?(two|both) (statements|meetings|years|forums)|"
    r"what('s| is| was) new|what changed|since (the )?(last|previous|first) (one|meeting|forum|statement))\b",
    re.IGNORECASE,
)
_CHANGE_OVER_TIME = re.compile(
    r"\b(chang\w*|shift\w*|develop\w*|progress\w*)\b.*\b(between|since|from|over|last|previous|"
    r"first|second|19\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"\b(how much (money|funding|cash)|budget\w*|dollars?|funding amount|how much .*(cost|spend|"
    r"invest|fund|allocat)\w*|cost|spend(ing)?|spent|invest(ed|ment)?|\$|cad|usd|million|billion)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"\b(how many|number of|count of|how much)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"^\W*when\b|\bwhen (was|were|did|is|will|does|do|had|has|have)\b|\b(what|which) (date|day|month)\b", re.I
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_LATEST = re.compile(
    r"\b(latest|most recent|newest|recent|last|current|second)\s+"
    r"(cbcf\s+|joint\s+)?(statement|meeting|forum|session)\b",
    re.IGNORECASE,
)
_EARLIEST = re.compile(
    r"\b(earliest|earlier|older|previous|prior|first)\s+(cbcf\s+|joint\s+)?(statement|meeting|forum|session)\b",
    re.IGNORECASE,
)
_MEETING_YEAR = re.compile(
    r"\b(19\d\d|20\d\d)(?:'s)?(?:\s+[\w-]+){0,3}?\s+(cbcf|forum|meeting|statement|session|summit)\b"
    r"|\b(cbcf|forum|meeting|statement|session|summit)\s+(?:of|in|from|held in)\s+(19\d\d|20\d\d)\b",
    re.IGNORECASE,
)


@dataclass
class QueryPlan:
    """What the answerer should look for, derived from the question alone."""

    text: str
    search_text: str
    keywords: list[str]
    topical: list[str]
    numbers: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    years: list[int] | None = None
    compare: bool = False
    unknown_year: int | None = None
    year_from_text: bool = True
    wants_money: bool = False
    wants_count: bool = False
    wants_date: bool = False
    corrections: dict[str, str] = field(default_factory=dict)

    def bm25_terms(self) -> list[str]:
        """Keyword query: topic terms, numbers and the statements' words for them."""
        base = (self.topical or self.keywords) + self.numbers
        extra = [w for t in base for w in EXPANSIONS.get(t, [])]
        return list(dict.fromkeys(base + extra))


def _normal(token: str) -> str:
    return token.lower().replace("’", "'").strip(".'")


def tokens(text: str) -> list[str]:
    """Lowercase word and number tokens of a text."""
    return [_normal(t) for t in _TOKEN.findall(text)]


def word_spans(text: str, words: set[str]) -> tuple[tuple[int, int], ...]:
    """Character spans of the tokens of a text that are among words (as tokens() spells them)."""
    return tuple(m.span() for m in _TOKEN.finditer(text) if _normal(m.group()) in words)


def topic_terms(text: str) -> list[str]:
    """Words of a text that name a topic (not stop words, not question framing, not numbers)."""
    return [w for w in tokens(text) if w not in _STOP and w not in FRAMING_WORDS and not w[0].isdigit()]


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance between two words, capped at limit."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
        if min(prev) >= limit:
            return limit
    return min(prev[-1], limit)


class Vocabulary:
    """Corpus words, used to correct misspelled question words."""

    def __init__(self, texts: list[str], dictionary: set[str] | frozenset[str] = frozenset()):
        self.dictionary = dictionary
        self.units_of: dict[str, set[int]] = {}
        for i, text in enumerate(texts):
            for t in tokens(text):
                self.units_of.setdefault(t, set()).add(i)
        self.words = {t for t in self.units_of if t.isalpha()}
        self.stems = {stem(w) for w in self.words}
        self._by_shape: dict[tuple[str, int], list[str]] = {}  # (first letter, length) -> words
        for word in self.words:
            self._by_shape.setdefault((word[0], len(word)), []).append(word)
        self._near: dict[tuple[str, int], list[tuple[int, str]]] = {}

    def knows(self, word: str) -> bool:
        """Whether the word, or another form of it, occurs in the corpus."""
        return word in self.words or stem(word) in self.stems

    def _neighbours(self, word: str, allowed: int) -> list[tuple[int, str]]:
        """Corpus words within `allowed` edits of word and with its first letter (memoised per word)."""
        key = (word, allowed)
        found = self._near.get(key)
        if found is None:
            found = []
            for length in range(len(word) - allowed, len(word) + allowed + 1):
                for candidate in self._by_shape.get((word[0], length), ()):
                    distance = edit_distance(word, candidate, allowed + 1)
                    if distance <= allowed:
                        found.append((distance, candidate))
            if len(self._near) > 50_000:
                self._near.clear()
            self._near[key] = found
        return found

    def correct(self, word: str, context: list[str] = ()) -> str | None:
        """The closest corpus word to an unknown word, if it is one or two typos away.

        Ties go to the word that shares the most sentences with the rest of the question.
        """
        if len(word) < 4 or not word.isalpha() or self.knows(word):
            return None
        # A real English word ("angle") is only corrected toward a corpus word ("angel") that
        # appears in the same sentence as another word of the question ("watch").
        needs_context = word in self.dictionary
        allowed = 1 if len(word) <= 4 else 2
        scored = []
        for distance, candidate in self._neighbours(word, allowed):
            units = self.units_of.get(candidate, set())
            together = sum(len(units & self.units_of.get(c, set())) for c in context if c != word)
            scored.append((distance, -together, -len(units), candidate))
        if needs_context:
            scored = [row for row in scored if row[1] < 0 and row[0] == 1]
        return min(scored)[3] if scored else None


def _is_exact_term(word: str, vocabulary: Vocabulary) -> bool:
    """Numbers and coined terms (acronyms, names) that the corpus has but no dictionary does."""
    if word[0].isdigit():
        return len(word) >= 3
    return word.isalpha() and word in vocabulary.words and word not in vocabulary.dictionary and len(word) >= 3


def _is_doc_year(word: str, doc_years: set[int]) -> bool:
    return word.isdigit() and len(word) == 4 and int(word) in doc_years


def analyze(question: str, vocabulary: Vocabulary, places: dict[str, int], doc_years: set[int]) -> QueryPlan:
    """Build the plan for one question."""
    words = tokens(question)
    corrections = {}
    content = [w for w in words if w not in _STOP and w not in FRAMING_WORDS]  # only these may be misspelt
    for word in content:
        fixed = vocabulary.correct(word, content)
        if fixed:
            corrections[word] = fixed
    corrected = [corrections.get(w, w) for w in words]
    keywords = [w for w in corrected if w not in _STOP]
    topical = [w for w in keywords if w not in FRAMING_WORDS and not w[0].isdigit()]

    mentioned = {int(y) for y in _YEAR.findall(question)}
    lowered = question.lower()
    for place, year in places.items():
        if re.search(rf"\b{re.escape(place)}\b", lowered):
            mentioned.add(year)
    if doc_years and _LATEST.search(question):
        mentioned.add(max(doc_years))
    if doc_years and _EARLIEST.search(question):
        mentioned.add(min(doc_years))
    known = sorted(mentioned & doc_years)
    compare = bool(_COMPARE.search(question) or _CHANGE_OVER_TIME.search(question)) or len(known) >= 2
    unknown = None
    for match in _MEETING_YEAR.finditer(question):
        year = int(match.group(1) or match.group(4))
        if year not in doc_years:
            unknown = year
    if compare:
        years = known if len(known) >= 2 else sorted(doc_years)
    else:
        years = known or None

    search_text = question
    for wrong, right in corrections.items():
        search_text = re.sub(rf"\b{re.escape(wrong)}\b", right, search_text, flags=re.IGNORECASE)
    return QueryPlan(
        text=question,
        search_text=search_text,
        keywords=keywords,
        topical=topical,
        numbers=[w for w in corrected if w[0].isdigit() and not _is_doc_year(w, doc_years)],
        exact=[w for w in corrected if _is_exact_term(w, vocabulary) and not _is_doc_year(w, doc_years)],
        years=years,
        compare=compare and len(years or []) >= 2,
        unknown_year=unknown if not known else None,
        wants_money=bool(_MONEY.search(question)),
        wants_count=bool(_COUNT.search(question)),
        wants_date=bool(_WHEN.search(question)),
        corrections=corrections,
    )
