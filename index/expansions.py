"""Everyday words people use for the statements' topics, mapped to the statements' own terms."""

from __future__ import annotations

import Stemmer

_STEMMER = Stemmer.Stemmer("english")

# Keys are words a person might type; values are words the statements use for the same thing.
EXPANSIONS: dict[str, list[str]] = {
    "gun": ["firearms"],
    "guns": ["firearms"],
    "weapon": ["firearms"],
    "weapons": ["firearms"],
    "handgun": ["firearms"],
    "handguns": ["firearms"],
    "rifle": ["firearms"],
    "rifles": ["firearms"],
    "firearm": ["firearms"],
    "arms": ["firearms"],
    "ghost": ["privately", "manufactured"],
    "homemade": ["privately", "manufactured"],
    "home-made": ["privately", "manufactured"],
    "untraceable": ["privately", "manufactured", "ghost"],
    "diy": ["privately", "manufactured"],
    "printed": ["privately", "manufactured"],
    "crypto": ["virtual", "currencies"],
    "cryptocurrency": ["virtual", "currencies"],
    "cryptocurrencies": ["virtual", "currencies"],
    "bitcoin": ["virtual", "currencies"],
    "digital": ["virtual"],
    "laundering": ["laundering", "launder"],
    "dirty": ["laundering"],
    "drug": ["drugs", "narcotics", "opioids"],
    "narcotic": ["narcotics"],
    "opiates": ["opioids"],
    "opiate": ["opioids"],
    "overdoses": ["overdose"],
    "migrant": ["human", "smuggling"],
    "migrants": ["human", "smuggling"],
    "migration": ["immigration"],
    "asylum": ["immigration"],
    "trafficking": ["trafficking", "smuggling"],
    "smugglers": ["smuggling"],
    "smuggler": ["smuggling"],
    "pedophile": ["sex", "offenders"],
    "pedophiles": ["sex", "offenders"],
    "predators": ["sex", "offenders"],
    "predator": ["sex", "offenders"],
    "hacking": ["cyber"],
    "hackers": ["cyber"],
    "cyberattacks": ["cyber", "ransomware"],
    "cybercrime": ["cybercrime", "cyber"],
    "malware": ["ransomware"],
    "terrorism": ["terrorism", "extremism"],
    "terrorist": ["terrorism"],
    "terrorists": ["terrorism"],
    "extremists": ["extremism"],
    "extremist": ["extremism"],
    "radicalization": ["extremism"],
    "police": ["law", "enforcement", "rcmp"],
    "policing": ["law", "enforcement"],
    "cops": ["law", "enforcement"],
    "mou": ["memorandum"],
    "agreement": ["memorandum", "agreement"],
    "racism": ["racial", "discrimination"],
    "racial": ["racial"],
    "equity": ["inequality"],
    "oligarchs": ["sanctioned", "kleptocracy"],
    "sanctions": ["sanctions", "sanctioned"],
    "russian": ["russia", "russian"],
    "ukrainian": ["ukraine"],
    "war": ["invasion", "war"],
    "gangs": ["gang"],
    "chemicals": ["chemical", "precursor"],
    "chemical": ["precursor"],
    "intel": ["intelligence"],
    "info": ["information"],
    "data": ["data", "information"],
    "minorities": ["overrepresented", "marginalized"],
    "indigenous": ["indigenous"],
    "attended": ["met", "hosted", "attorney", "secretary"],
    "attend": ["met", "hosted", "attorney", "secretary"],
    "attendees": ["met", "hosted", "attorney", "secretary"],
    "participants": ["met", "hosted", "attorney"],
    "represented": ["attorney", "secretary", "minister"],
    "representatives": ["attorney", "secretary"],
    "delegation": ["attorney", "secretary"],
    "host": ["hosted"],
    "hosts": ["hosted"],
    "prisons": ["criminal", "justice"],
    "courts": ["justice"],
    "haitian": ["haiti"],
}


def stem(word: str) -> str:
    """The English stem of a lowercase word."""
    return _STEMMER.stemWord(word)


def expand(term: str) -> set[str]:
    """Stems that count as evidence for a question term: its own and its expansions'."""
    return {stem(term)} | {stem(w) for w in EXPANSIONS.get(term, [])}
