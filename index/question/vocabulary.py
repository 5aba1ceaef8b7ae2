"""The corpus's words, for correcting misspelled question words."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from index.text.words import edit_distance, stem, tokens


class Vocabulary:
    """Corpus words, used to correct misspelled question words."""

    def __init__(
        self,
        texts: list[str] = (),
        dictionary: set[str] | frozenset[str] = frozenset(),
        units: Iterable[tuple[Hashable, Iterable[str]]] | None = None,
    ):
        """From the units' texts (numbered in order), or (unit id, tokens already made) pairs (units)."""
        self.dictionary = dictionary
        self.units_of: dict[str, set[Hashable]] = {}  # token -> the units it occurs in
        for unit, words in units if units is not None else enumerate(map(tokens, texts)):
            for t in words:
                self.units_of.setdefault(t, set()).add(unit)
        self._index_words()

    def _index_words(self) -> None:
        """The words (alphabetic tokens), their stems, and the words by first letter and length."""
        self.words = {t for t in self.units_of if t.isalpha()}
        self.stems = {stem(w) for w in self.words}
        self._by_shape: dict[tuple[str, int], list[str]] = {}  # (first letter, length) -> words
        for word in self.words:
            self._by_shape.setdefault((word[0], len(word)), []).append(word)
        self._near: dict[tuple[str, int], list[tuple[int, str]]] = {}

    def changed(
        self, removed: Iterable[tuple[Hashable, Iterable[str]]], added: Iterable[tuple[Hashable, Iterable[str]]]
    ) -> Vocabulary:
        """The vocabulary without some units and with others ((unit id, tokens) pairs); this one is left as is.

        Only the tokens of those units get new unit sets; every other token shares this vocabulary's set."""
        units_of = dict(self.units_of)
        touched: dict[str, set[Hashable]] = {}

        def units(token: str) -> set[Hashable]:
            if token not in touched:
                touched[token] = set(units_of.get(token, ()))
            return touched[token]

        for unit, words in removed:
            for t in words:
                units(t).discard(unit)
        for unit, words in added:
            for t in words:
                units(t).add(unit)
        for t, found in touched.items():
            if found:
                units_of[t] = found
            else:
                units_of.pop(t, None)
        new = Vocabulary.__new__(Vocabulary)
        new.dictionary, new.units_of = self.dictionary, units_of
        new._index_words()
        return new

    def knows(self, word: str) -> bool:
        """Whether the word, or another form of it, occurs in the corpus."""
        return word in self.words or stem(word) in self.stems or word in self.units_of  # "co-chaired" as written

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
