"""What a question is read against: the indexed statements' words, lexicon, places, years and their order."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from index.question.framing import FRAMING_WORDS, MEETING_WORDS
from index.question.lexicon import Lexicon
from index.question.vocabulary import Vocabulary
from index.text.words import STOP_WORDS, plain_letters, tokens


@dataclass(frozen=True)
class CorpusView:
    """Facts about the index that understanding a question needs, all taken from the index itself."""

    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    lexicon: Lexicon = field(default_factory=Lexicon)
    places: dict[str, int] = field(default_factory=dict)  # lowercase place name -> the one year it hosted
    years: tuple[int, ...] = ()  # statement years, ascending
    ordinals: dict[int, int] = field(default_factory=dict)  # n -> year of the n-th meeting
    names: frozenset = frozenset()  # names the statements use, as word tuples (see names.py)
    next_years: dict[int, int] = field(default_factory=dict)  # year -> the year its statement says it meets next

    def next_unindexed(self, year: int) -> bool:
        """Whether the meeting after this year's has no statement in the index: this is the latest, or its
        statement says the next one is in a year no statement is from (the meeting after Minneapolis 2027 is
        the one it announces for 2028, not the 2029 one indexed next)."""
        said = self.next_years.get(year)
        return bool(self.years) and (year == self.years[-1] or (said is not None and said not in self.years))

    @cached_property
    def place_words(self) -> frozenset[str]:
        """Words of every indexed place name: they say where a meeting was, not what a question is about."""
        return frozenset(w for place in self.places for w in tokens(place))

    @cached_property
    def place_names(self) -> dict[str, int]:
        """Each host city's names, accents off: its whole name, and the first word of a name of several words when
        no other city shares it and it frames nothing ("quebec" for Québec City, not "new" for New York)."""
        names = {plain_letters(place): year for place, year in self.places.items()}
        firsts: dict[str, set[int]] = {}
        for place, year in names.items():
            words = place.replace(",", " ").split()
            if len(words) > 1 and len(words[0]) >= 4 and words[0] not in FRAMING_WORDS | MEETING_WORDS | STOP_WORDS:
                firsts.setdefault(words[0], set()).add(year)
        return {first: next(iter(found)) for first, found in firsts.items() if len(found) == 1} | names

    @staticmethod
    def meeting_order(dated: list[tuple[str, int]], stated: dict[int, int]) -> dict[int, int]:
        """n -> year: by date order, except where a statement says which meeting it was ("the third meeting")."""
        order = {n: year for n, (_, year) in enumerate(sorted(dated), 1)}
        order |= stated
        return order
