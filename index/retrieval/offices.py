"""Officials named by office: which office a question asks about, whose (the United States' or Canada's), and
whether a sentence names the holder of it ("Canada’s Minister of Justice and Attorney General, David Lametti")."""

from __future__ import annotations

import re
from functools import lru_cache

from index.question import people

_OFFICE_REACH = 10  # words after an office where the holder's name is looked for


# What makes an office another one: a deputy attorney general is not the attorney general.
_LESSER = re.compile(r"\b(deputy|associate|assistant|acting|vice|principal deputy|under)[\s-]+$", re.IGNORECASE)


def _office_held(text: str, match: re.Match) -> str:
    """The office an office match names, with the words before it that make it a lesser one, lower-cased and
    single-spaced ("Deputy Attorney General": "deputy attorney general")."""
    lesser = _LESSER.search(text[: match.start()])
    return " ".join(f"{lesser.group(0) if lesser else ''}{match.group(0)}".lower().split())


# Whose office it is: "U.S. Secretary of Homeland Security", "Canada’s Minister of Justice", "Attorney General of the
# United States". In a question "us" is the country only right before the office ("the us attorney general").
_COUNTRY = re.compile(r"\b(U\.S\.|US|USA|United States|American|America|Canada|Canadian)(?:’s|'s|s)?(?!\w)")
_COUNTRY_OF = {"U.S.": "us", "US": "us", "USA": "us", "United States": "us", "American": "us", "America": "us"}
_OF_COUNTRY = re.compile(r"^\s+of (the )?(United States|Canada)\b", re.IGNORECASE)
_COUNTRY_REACH = 40  # characters before an office where whose it is is looked for
# How a question may type them: a country's name in any case; "us", "u.s.", "usa" only right before the office.
_COUNTRY_NAME = re.compile(r"\b(united states|american|america|canada|canadian)(?=’s|'s|s\b|\b)", re.IGNORECASE)
_US_RIGHT_BEFORE = re.compile(r"\b(us|u\.s\.|usa)(?=\s+$)", re.IGNORECASE)


def _office_country(text: str, match: re.Match) -> str | None:
    """Whose office an office match names, "us" or "ca", when the words around it say so."""
    after = _OF_COUNTRY.match(text[match.end() :])
    if after:
        return "us" if after.group(2).lower().startswith("united") else "ca"
    before = list(_COUNTRY.finditer(text[max(0, match.start() - _COUNTRY_REACH) : match.start()]))
    return ("us" if before[-1].group(1) in _COUNTRY_OF else "ca") if before else None


@lru_cache(maxsize=10_000)
def asked_country(question: str) -> str | None:
    """Whose office a question asks about ("the us attorney general": "us"), if it says."""
    office = re.search(people.OFFICE.pattern, question, re.IGNORECASE)
    if office is None:
        return None
    # the words before the office as a statement writes them (same length, so the match still points at the
    # office): country names capitalised, and "us" only right before the office ("tell us who…" is no country)
    before = _COUNTRY_NAME.sub(lambda m: m.group(0).title(), question[: office.start()])
    before = _US_RIGHT_BEFORE.sub(lambda m: m.group(0).upper(), before)
    return _office_country(before + question[office.start() :], office)


@lru_cache(maxsize=10_000)
def asked_office(question: str) -> str | None:
    """The office a question asks about ("who was the attorney general in 2030": "attorney general"), with the
    words that make it a lesser one if the question says them ("deputy attorney general")."""
    found = re.finditer(people.OFFICE.pattern, question, re.IGNORECASE)
    offices = [m for m in found if not _LESSER.fullmatch(m.group(0) + " ")]  # "deputy" alone is not the office
    return _office_held(question, offices[0]) if offices else None


@lru_cache(maxsize=100_000)
def names_a_person(
    text: str, dictionary: frozenset[str], office: str | None = None, country: str | None = None
) -> bool:
    """Whether the text names a person by office: an office (the one asked about, if given, and not a deputy's
    when the question didn't ask for one, nor the other country's when it asked for one country's) followed by a
    capitalised word no dictionary has."""
    for match in people.OFFICE.finditer(text):
        if office is not None and _office_held(text, match) != office:
            continue
        if country is not None and _office_country(text, match) not in (None, country):
            continue
        after = re.findall(r"[A-Za-z][\w’'-]*", text[match.end() :])[:_OFFICE_REACH]
        if any(w[0].isupper() and len(w) > 2 and w.lower() not in dictionary for w in after):
            return True
        if _NAMED_AFTER.match(text[match.end() :]):  # a name of dictionary words: "…, Margaret Ellison,"
            return True
    return False


# An office's holder named after a comma, by two or more capitalised words: "Attorney General of the United States,
# Margaret Ellison," "Minister of Public Safety, the Honourable Danielle Thibodeau".
_NAMED_AFTER = re.compile(
    r"^(?:\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w’'.-]*|and|of|the)\s*)+)?,\s+(?:the\s+Honourable\s+)?"
    r"[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+)+\s*(?:,|and\b|$)"
)
