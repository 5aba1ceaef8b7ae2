"""What a question is read against: the indexed statements' words, lexicon, places, years and their order."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.question.lexicon import Lexicon
from index.question.vocabulary import Vocabulary
from index.text.words import tokens


@dataclass(frozen=True)
class CorpusView:
    """Facts about the index that understanding a question needs, all taken from the index itself."""

    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    lexicon: Lexicon = field(default_factory=Lexicon)
    places: dict[str, int] = field(default_factory=dict)  # lowercase place name -> the one year it hosted
    years: tuple[int, ...] = ()  # statement years, ascending
    ordinals: dict[int, int] = field(default_factory=dict)  # n -> year of the n-th meeting
    names: frozenset = frozenset()  # names the statements use, as word tuples (see names.py)

    @property
    def place_words(self) -> frozenset[str]:
        """Words of every indexed place name: they say where a meeting was, not what a question is about."""
        return frozenset(w for place in self.places for w in tokens(place))

    @staticmethod
    def meeting_order(dated: list[tuple[str, int]], stated: dict[int, int]) -> dict[int, int]:
        """n -> year: by date order, except where a statement says which meeting it was ("the third meeting")."""
        order = {n: year for n, (_, year) in enumerate(sorted(dated), 1)}
        order |= stated
        return order
