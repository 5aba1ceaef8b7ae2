"""Names the statements use (bodies, programmes, agreements, people), learned from their text, and found in
questions however they are typed: "trilateral fentanyl commission" is the Trilateral Fentanyl Commission.

A name is a run of two to six capitalised words (small joining words such as "of" inside) that ends in a word
naming an institution or an instrument ("Center", "Commission", "Act", "Partnership"), or holds a word no
English dictionary has (a person's or a coined name). A sentence answers a question that names one only if it
says that name, or its acronym.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.text.words import STOP_WORDS, tokens

MAX_WORDS = 6
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
    """Every name (as question tokens) that the texts use, with its shorter names inside ("Angel Watch Center")."""
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
    for size in range(MAX_WORDS, 1, -1):
        for start in range(len(words) - size + 1):
            span = tuple(words[start : start + size])
            if span in names and not taken & set(range(start, start + size)):
                found.append(span)
                taken |= set(range(start, start + size))
    return found


def says_name(name: Name, text: str, acronyms: dict[str, tuple[str, ...]]) -> bool:
    """Whether a text says a name, in full or by its acronym."""
    words = tokens(text)
    size = len(name)
    if any(tuple(words[i : i + size]) == name for i in range(len(words) - size + 1)):
        return True
    content = tuple(w for w in name if w not in STOP_WORDS and w.isalpha())
    return any(abbr in words for abbr, long in acronyms.items() if long and long == content)
