"""Which statements a question points at: by year, by host city (with or without accents, or by a city's
distinctive first word), by "latest", "previous" or "the third meeting", or as the meeting after a named one."""

from __future__ import annotations

import re

from index.question import intent
from index.question.corpus import CorpusView
from index.text.words import plain_letters


def after_a_meeting(question: str, corpus: CorpusView) -> bool:
    """Whether a question asks about the meeting after one it names by its place ("the forum after Buffalo"),
    and that meeting has no statement in the index: what the named meeting's statement says of the next one."""
    lowered = plain_letters(question).lower()
    places = (re.escape(plain_letters(place)) for place, year in corpus.places.items() if corpus.next_unindexed(year))
    return any(re.search(rf"\b(after|following)( the)? {place}\b", lowered) for place in places)


# "the meeting before Buffalo", not a span of time before it ("in the year before the Toronto meeting")
_BEFORE = (
    r"(?<!year )(?<!years )(?<!month )(?<!months )(?<!week )(?<!weeks )(?<!day )(?<!days )"
    r"\b(?:before|preceding|prior to|ahead of)(?: the)? (?:(?:meeting|forum|one) (?:in|at) )?"
)
_AFTER = r"\b(?:after|following)(?: the)? (?:(?:meeting|forum|one) (?:in|at) )?"


def _neighbour(lowered: str, pointer: str, year: int, corpus: CorpusView) -> int:
    """The year a meeting pointer names: its own, or the indexed one just before or after it when the question
    asks for the meeting before or after it ("the meeting before Buffalo"), if there is one."""
    years = list(corpus.years)
    if year in years and re.search(_BEFORE + pointer + r"\b", lowered) and years.index(year) > 0:
        return years[years.index(year) - 1]
    # "the next forum after Seattle" asks what Seattle's statement says of the next one: no shift; nor when the
    # meeting after it has no statement (Seattle's says where it will be)
    after = re.search(_AFTER + pointer + r"\b", lowered) and not re.search(r"\bnext\b", lowered)
    if year in years and after and not corpus.next_unindexed(year):
        return years[years.index(year) + 1]
    return year


def years_named(question: str, corpus: CorpusView, asks_ordinal: bool = False) -> set[int]:
    """Statement years the question points at: by number, host city, "latest", "previous", "the third meeting".

    When the question asks which meeting one was ("was Ottawa the first meeting?"), an ordinal is what is
    asked, not a pointer, if something else names the meeting."""
    years = corpus.years
    lowered = plain_letters(question).lower()  # "quebec city" names Québec City
    named = {_neighbour(lowered, y, int(y), corpus) for y in intent.YEAR.findall(question)}
    for place, year in corpus.place_names.items():
        if re.search(rf"\b{re.escape(place)}\b", lowered):
            named.add(_neighbour(lowered, re.escape(place), year, corpus))
    if years and intent.LATEST.search(question):
        named.add(years[-1])
    if years and intent.EARLIEST.search(question):
        named.add(years[0])
    if len(years) >= 2 and intent.PREVIOUS.search(question):
        named.add(years[-2])
    if asks_ordinal and named:
        return named
    for match in intent.ORDINAL.finditer(question):
        year = corpus.ordinals.get(intent.ordinal_number(match.group(1)))
        if year is not None:
            named.add(year)
    return named
