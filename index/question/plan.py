"""Understand a question: target years, comparison intent, answer type, spelling, key terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.question.expansions import EXPANSIONS
from index.question.vocabulary import Vocabulary
from index.text.words import STOP_WORDS, tokens

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


def topic_terms(text: str) -> list[str]:
    """Words of a text that name a topic (not stop words, not question framing, not numbers)."""
    return [w for w in tokens(text) if w not in STOP_WORDS and w not in FRAMING_WORDS and not w[0].isdigit()]


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
    content = [w for w in words if w not in STOP_WORDS and w not in FRAMING_WORDS]  # only these may be misspelt
    for word in content:
        fixed = vocabulary.correct(word, content)
        if fixed:
            corrections[word] = fixed
    corrected = [corrections.get(w, w) for w in words]
    keywords = [w for w in corrected if w not in STOP_WORDS]
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
