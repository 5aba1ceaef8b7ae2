"""Which statements a question points at: by year, by host city (with or without accents, or by a city's
distinctive first word), by "latest", "previous" or "the third meeting", or as the meeting after a named one."""

from __future__ import annotations

import re

from index.question import intent
from index.question.corpus import CorpusView
from index.text.words import plain_letters


def after_a_meeting(question: str, corpus: CorpusView) -> bool:
    """Whether a question asks about the meeting after one it names by its place ("the forum after Buffalo")."""
    lowered = plain_letters(question).lower()
    places = (re.escape(plain_letters(place)) for place in corpus.places)
    return any(re.search(rf"\b(after|following)( the)? {place}\b", lowered) for place in places)


def years_named(question: str, corpus: CorpusView, asks_ordinal: bool = False) -> set[int]:
    """Statement years the question points at: by number, host city, "latest", "previous", "the third meeting".

    When the question asks which meeting one was ("was Ottawa the first meeting?"), an ordinal is what is
    asked, not a pointer, if something else names the meeting."""
    years = corpus.years
    named = {int(y) for y in intent.YEAR.findall(question)}
    lowered = plain_letters(question).lower()  # "quebec city" names Québec City
    for place, year in corpus.place_names.items():
        if re.search(rf"\b{re.escape(place)}\b", lowered):
            named.add(year)
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
