"""Place names in a question: abbreviations written out ("st. john") and a misspelt word of a host city's name."""

from __future__ import annotations

import re

from index.text.words import one_typo_from

# Abbreviations in place names ("St. John", "Ste-Foy", "Mt. Vernon", "Ft. Erie"), and the words they stand for.
_PLACE_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_PLACE_ABBREVIATION = re.compile(r"\b(st|ste|mt|ft|pt)\b\.?(?=[\s-]+\w)", re.IGNORECASE)


def places_spelled_out(question: str, place_words: frozenset[str]) -> str:
    """A question with the abbreviations in a place's name written out, when a host city's name has the word
    ("st. john" for Saint John)."""

    def spelled(match: re.Match) -> str:
        word = _PLACE_ABBREVIATIONS[match.group(1).lower()]
        return word if word in place_words else match.group()

    return _PLACE_ABBREVIATION.sub(spelled, question)


def place_typo(word: str, words: list[str], place_words: frozenset[str]) -> str | None:
    """The word of a host city's name that a word right after another word of it misspells ("saint jon")."""
    at = words.index(word)
    if at == 0 or words[at - 1] not in place_words or len(word) < 3 or not word.isalpha():
        return None
    return one_typo_from(word, (w for w in place_words if w[0] == word[0] and w != words[at - 1]))
