"""Names the statements use (bodies, programmes, agreements, people), learned from their text, and found in
questions however they are typed: "trilateral fentanyl commission" is the Trilateral Fentanyl Commission.

A name is a run of two to six capitalised words (small joining words such as "of" inside) that ends in a word
naming an institution or an instrument ("Center", "Commission", "Act", "Partnership"), or holds a word no
English dictionary has (a person's or a coined name). A single word is a name too when the statements write it
capitalised on its own inside sentences and never in lower case ("in Haiti", "Russia’s invasion of Ukraine"),
unless it frames the statements (the forum's parties, "Ministers": found in many sentences) or says where a
meeting was (a statement's place points to that statement instead). A sentence answers a question that names
one only if it says that name, or its acronym.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from index.text.words import MONTHS, STOP_WORDS, WEEKDAYS, tokens

MAX_WORDS = 6
MAX_SENTENCE_SHARE = 0.1  # a single word in more of the sentences than this frames them: it is no one topic
_JOINING_TEXT = "of and for the on to de du la des against"
JOINING = frozenset(_JOINING_TEXT.split())
# Words that end the name of a body, a programme or an instrument, in any government's statements.
_INSTITUTION_TEXT = """
    act acts agency agreement alliance association authority board bureau center centre coalition commission
    committee convention council court department directorate division force forum framework group initiative
    memorandum network office partnership plan police program programme project protocol roadmap service
    services statement strategy summit system task team treaty unit units working
"""
INSTITUTION_WORDS = frozenset(_INSTITUTION_TEXT.split())
_WORD = re.compile(r"[A-Za-z][\w’'.-]*|[^\s\w]|\d+")  # words, and the marks and numbers that end a run

Name = tuple[str, ...]


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words, joining words allowed inside, as they appear in the text."""
    run: list[str] = []
    for word in _WORD.findall(text):
        if word[0].isalpha() and (_is_capitalised(word) or (run and word.lower() in JOINING)):
            run.append(word)
            continue
        yield run
        run = []
    yield run


def learn_names(texts: Iterable[str], dictionary: frozenset[str] | set[str], framing: frozenset[str]) -> frozenset:
    """Every name of two words or more (as question tokens) that the texts use, with its shorter names inside
    ("Angel Watch Center"); single-word names depend on every statement: see word_use and single_names."""
    names: set[Name] = set()
    for text in texts:
        for run in _runs(text):
            for start in range(len(run)):
                if not _is_capitalised(run[start]):
                    continue
                for end in range(start + 2, min(len(run), start + MAX_WORDS) + 1):
                    if not _is_capitalised(run[end - 1]):
                        continue
                    name = tuple(tokens(" ".join(run[start:end])))
                    if _is_name(name, dictionary, framing):
                        names.add(name)
    return frozenset(names)


@dataclass(frozen=True)
class WordUse:
    """How one statement writes its capitalised words: those it writes on their own and never in lower case,
    and in how many of its sentences each capitalised word occurs (what single-word names are learned from)."""

    alone: frozenset[str] = frozenset()
    capitalised: dict[str, int] = field(default_factory=dict)
    sentences: int = 0


def word_use(texts: Iterable[str]) -> WordUse:
    """The word use of one statement's sentences."""
    alone: set[str] = set()
    lower: set[str] = set()
    capitalised: dict[str, int] = {}
    total = 0
    for text in texts:
        total += 1
        words = _WORD.findall(text)
        lower.update(t for w in words if w[0].islower() for t in tokens(w))
        padded = [".", *words, ".", "."]
        for i in range(2, len(padded) - 2):
            if _stands_alone(padded[i - 2 : i + 3]):
                alone.update(tokens(padded[i]))
        for key in {t for w in words if w[0].isupper() for t in tokens(w)}:
            capitalised[key] = capitalised.get(key, 0) + 1
    return WordUse(frozenset(alone - lower), capitalised, total)


def single_names(uses: Iterable[WordUse], excluded: frozenset[str]) -> frozenset:
    """Words the statements write capitalised on their own after a lower-case word ("in Haiti", "of Ukraine"),
    in few of all their sentences, as one-word names (excluded: framing words and the statements' places)."""
    uses = list(uses)
    total = sum(u.sentences for u in uses)
    common = excluded | STOP_WORDS | INSTITUTION_WORDS | set(MONTHS) | set(WEEKDAYS)
    found = set()
    for word in frozenset().union(*(u.alone for u in uses)) - common:
        if (
            word.isalpha()
            and len(word) > 2
            and sum(u.capitalised.get(word, 0) for u in uses) <= MAX_SENTENCE_SHARE * total
        ):
            found.add((word,))
    return frozenset(found)


def _stands_alone(window: list[str]) -> bool:
    """Whether the middle of five words is a capitalised word on its own: after a lower-case word, and not part
    of a longer name ("Bureau of Alcohol", "Environment and Climate Change Canada") or an acronym ("JITs")."""
    before2, before, word, after, after2 = window
    if not (_is_capitalised(word) and word[0].isalpha() and before[0].islower()) or word.rstrip("s").isupper():
        return False
    joined_before = before.lower() in JOINING and _is_capitalised(before2)
    joined_after = after.lower() in JOINING and _is_capitalised(after2)
    return not after[0].isupper() and not joined_before and not joined_after


def _is_name(name: Name, dictionary, framing: frozenset[str]) -> bool:
    content = [w for w in name if w not in JOINING]
    if len(content) < 2 or all(w in framing for w in content):
        return False
    return content[-1] in INSTITUTION_WORDS or any(w.isalpha() and w not in dictionary for w in content)


def names_in(question: str, names: frozenset) -> list[Name]:
    """The names a question uses, longest first, none inside another."""
    words = tokens(question)
    found: list[Name] = []
    taken: set[int] = set()
    for size in range(MAX_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            span = tuple(words[start : start + size])
            if span in names and not taken & set(range(start, start + size)):
                found.append(span)
                taken |= set(range(start, start + size))
    return found


def unknown_names(question: str, known: frozenset, dictionary: frozenset[str], framing: frozenset[str]) -> list[Name]:
    """Names of bodies or instruments a question writes capitalised ("the Safe Third Country Agreement") that no
    statement uses, whole or inside a longer name of its own: the longest of each. A word that only points to a
    name ("That Roadmap from Biden…") is not part of it."""
    learned = learn_names([question], dictionary, framing)
    asked = [n for n in learned if n[0] not in STOP_WORDS and n[-1] in INSTITUTION_WORDS and not _inside(n, known)]
    return [n for n in asked if not any(n != other and _inside(n, {other}) for other in asked)]


def _inside(name: Name, names: Iterable[Name]) -> bool:
    """Whether a name is one of the names, or a run of words inside one."""
    size = len(name)
    return any(tuple(other[i : i + size]) == name for other in names for i in range(len(other) - size + 1))


@lru_cache(maxsize=1 << 15)
def _said_words(text: str) -> tuple[str, ...]:
    """A sentence's tokens, and the parts of its hyphenated ones ("U.S.-Mexico" says Mexico); made once a text."""
    words = tokens(text)
    return tuple(words + [part for word in words if "-" in word for part in word.split("-")])


def says_name(name: Name, text: str, acronyms: dict[str, tuple[str, ...]]) -> bool:
    """Whether a text says a name, in full or by its acronym."""
    words = _said_words(text)
    size = len(name)
    if size == 1 and len(name[0]) >= 5:  # "Russia" is said by "Russian", "Ukraine" by "Ukrainian"
        root = name[0][: max(4, len(name[0]) - 2)]
        return any(w.startswith(root) for w in words)
    if any(tuple(words[i : i + size]) == name for i in range(len(words) - size + 1)):
        return True
    content = tuple(w for w in name if w not in STOP_WORDS and w.isalpha())
    return any(abbr in words for abbr, long in acronyms.items() if long and long == content)
