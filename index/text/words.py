"""How the engine reads words: tokens, stems, stop words, spans and typo distance."""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

_STEMMER = Stemmer.Stemmer("english")
# Function words bm25s' list lacks: they name no topic, and being absent from the statements they would
# otherwise weigh as rare terms no sentence can match (or count as unsupported content in a generated claim).
_FUNCTION_TEXT = """
    whether although though however whereas unless within without upon onto toward towards across
    concerning per via neither yet still even ever already perhaps maybe quite rather somewhat anyway
    anyhow thus hence therefore whose whatever whichever whoever someone anyone everyone everything nothing
    also would could which i'm im whats what's abt u
"""
STOP_WORDS = frozenset(STOPWORDS_EN_PLUS) | frozenset(_FUNCTION_TEXT.split())
MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
WEEKDAYS = tuple(d.lower() for d in calendar.day_name)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")


def stem(word: str) -> str:
    """The English stem of a lowercase word."""
    return _STEMMER.stemWord(word)


def stems_of(text: str) -> frozenset[str]:
    """The stems of a text's words (numbers as they are)."""
    return frozenset(stem(w) if w.isalpha() else w for w in tokens(text))


def _normal(token: str) -> str:
    word = token.lower().replace("’", "'").strip(".'")
    return word[:-2] if word.endswith("'s") else word  # a possessive is the word itself


def plain_letters(text: str) -> str:
    """The text with accents taken off its letters ("Montréal" reads as "Montreal", "communiqué" as "communique")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Lowercase word and number tokens of a text, accents taken off."""
    return [_normal(t) for t in _TOKEN.findall(plain_letters(text))]


@lru_cache(maxsize=4096)
def _base_letter(char: str) -> str:
    """A character without its accent when that leaves one character ("é" → "e"), else the character itself."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def word_spans(text: str, words: set[str]) -> tuple[tuple[int, int], ...]:
    """Character spans of the tokens of a text that are among words (as tokens() spells them, accents off)."""
    # accents are taken off letter by letter, so that the spans found are the text's own
    plain = text if text.isascii() else "".join(map(_base_letter, text))
    return tuple(m.span() for m in _TOKEN.finditer(plain) if _normal(m.group()) in words)


def one_typo_from(word: str, words) -> str | None:
    """The one word among words that word is a single typo away from (an edit, a swap), if exactly one is."""
    near = [w for w in words if abs(len(w) - len(word)) <= 1 and edit_distance(word, w, 2) <= 1]
    return near[0] if len(near) == 1 else None


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


# A sentence that opens by pointing back ("These arrangements…", "Such an agreement…", "They also…") is read and
# quoted with the sentence before it: on its own it doesn't say what it is about.
_LEANS_BACK = re.compile(
    r"^(these|those|this|that|such|they|it|its|their|to this end|in doing so|as a result"
    r"|(in|between|for|with|by|through|under|since|during|after|before|from|at|as part of) "
    r"(its|their|this|these|those|that|such)\b)\b",
    re.IGNORECASE,
)


def leans_back(sentence: str) -> bool:
    """Whether a sentence points back to the one before it for what it is about."""
    return _LEANS_BACK.match(sentence) is not None


# A quotation attributed in the sentence before ("“…,” said Minister Lachapelle."), which this one goes on with.
_ATTRIBUTED = re.compile(r"[”\"],?\s+(said|says|added|noted|stated)\b|\b(said|says|added)\s*[.,]?\s*$", re.IGNORECASE)


def continues(sentence: str, before: str | None) -> bool:
    """Whether a sentence is read with the one before it: it leans back on it, it is the list that one
    introduces ("Ministers committed to:" and then the items), or it goes on with a quotation attributed there."""
    if not before:
        return leans_back(sentence)
    quoted = sentence.lstrip()[:1] in ("“", '"') and sentence.rstrip().endswith(("”", '"'))  # wholly a quotation
    if quoted and _ATTRIBUTED.search(before) and not _ATTRIBUTED.search(sentence):
        return True
    return leans_back(sentence) or before.rstrip().endswith(":") or _goes_on_about(sentence, before)


# A sentence opening with initials ("The NBOEP is meant to…") whose long form the sentence before gave.
_OPENS_WITH_INITIALS = re.compile(r"^(?:(?i:the)\s+)?([A-Z]{2,})\b")


def _goes_on_about(sentence: str, before: str) -> bool:
    """Whether a sentence opens with the initials the one before it defined ("… Program (NBOEP), which…" and then
    "The NBOEP is meant to…"): it goes on about what that one introduced."""
    opening = _OPENS_WITH_INITIALS.match(sentence.lstrip())
    return opening is not None and f"({opening.group(1)})" in before


def says_nothing(text: str) -> bool:
    """Whether a line has no word in lower case but small ones (a dateline, a title: "Thursday, May 20, 2027"): it
    says when or where, nothing of a topic."""
    return not any(w[0].islower() and len(w) > 3 for w in re.findall(r"[^\W\d_][\w’'-]*", text))


LIST_ITEMS = 4  # a topic list has at least this many parts between commas …
LIST_ITEM_WORDS = 5  # … and most of them this short


def is_topic_list(text: str) -> bool:
    """Whether a sentence is mostly a list of short items ("Discussions covered methamphetamine production,
    firearms smuggling, money laundering through casinos…, elder fraud, and …"): it names topics, and says
    nothing of any one of them."""
    lengths = sorted(len(part.split()) for part in re.split(r"[,;]", text) if part.strip())
    return len(lengths) >= LIST_ITEMS and lengths[len(lengths) // 2] <= LIST_ITEM_WORDS
