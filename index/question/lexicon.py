"""The words a question may use for a statement's terms: everyday synonyms and acronyms, from data and corpus.

Everyday words and general acronyms come from editable TOML files (data/lexicon/); every acronym a statement
defines itself ("Canada Border Services Agency (CBSA)") is learned from the indexed text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from index.text.words import STOP_WORDS, one_typo_from, stem, tokens

# "Long Form Words (ABBR)" or "(ABBRs)": the acronym in parentheses right after the words it stands for.
_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z]*[A-Z])(s?)\s*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z.’'-]*")
_LETTERS = re.compile(r"\b[A-Za-z]+\b")
_LOOKBACK = 12
_PARTS = re.compile(r"[-/]")


def _initials(word: str) -> str:
    return "".join(part[0] for part in _PARTS.split(word) if part).lower()


def long_form_before(text: str, letters: str) -> str | None:
    """The shortest run of words ending the text whose initials spell the letters in order (first letter first)."""
    words = _WORD.findall(text)[-_LOOKBACK:]
    for start in range(len(words) - 1, -1, -1):
        initials = "".join(_initials(w) for w in words[start:])
        if initials[:1] == letters[0] and _is_subsequence(letters, initials):
            return " ".join(words[start:])
    return None


def _is_subsequence(letters: str, text: str) -> bool:
    found = iter(text)
    return all(ch in found for ch in letters)


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines, lowercased, with their long forms."""
    found = {}
    for match in _DEFINITION.finditer(text):
        abbr = match.group(1)
        if len(abbr) < 2 or len(abbr) > 10:
            continue
        long_form = long_form_before(text[: match.start()], abbr.lower())
        if long_form:
            found[abbr.lower()] = long_form
    return found


def _content(long_form: str) -> tuple[str, ...]:
    return tuple(w for w in tokens(long_form) if w not in STOP_WORDS and w.isalpha())


@dataclass(frozen=True)
class Lexicon:
    """Everyday words and acronyms, each mapped to the words the statements use."""

    everyday: dict[str, tuple[str, ...]] = field(default_factory=dict)
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    shorthand: dict[str, str] = field(default_factory=dict)  # chat shorthand -> the word it stands for ("nxt")

    @classmethod
    def load(cls, folder: Path | None) -> Lexicon:
        """The lexicon in a folder (everyday.toml, acronyms.toml); empty when there is none."""
        everyday, acronyms, shorthand = {}, {}, {}
        if folder and (folder / "everyday.toml").is_file():
            table = tomllib.loads((folder / "everyday.toml").read_text(encoding="utf-8"))
            everyday = {k.lower(): tuple(v) for k, v in table.get("terms", {}).items()}
            shorthand = {k.lower(): v for k, v in table.get("shorthand", {}).items()}
        if folder and (folder / "places.toml").is_file():  # a place's short names and nicknames ("mpls")
            table = tomllib.loads((folder / "places.toml").read_text(encoding="utf-8")).get("aliases", {})
            shorthand |= {k.lower(): v for k, v in table.items()}
        if folder and (folder / "acronyms.toml").is_file():
            table = tomllib.loads((folder / "acronyms.toml").read_text(encoding="utf-8")).get("acronyms", {})
            acronyms = {k.lower(): _content(v) for k, v in table.items()}
        return cls(everyday, acronyms, shorthand)

    def learn(self, texts: list[str]) -> Lexicon:
        """This lexicon plus the acronyms the texts define (a statement's own definition wins)."""
        return self.with_defined(Lexicon.defined(texts))

    @staticmethod
    def defined(texts: list[str]) -> dict[str, tuple[str, ...]]:
        """The acronyms texts define, with their long forms' content words (a later definition wins)."""
        return {abbr: _content(long) for text in texts for abbr, long in defined_acronyms(text).items()}

    def with_defined(self, learned: dict[str, tuple[str, ...]]) -> Lexicon:
        """This lexicon plus acronyms defined in the statements (see defined(); those without content left out)."""
        return Lexicon(self.everyday, self.acronyms | {k: v for k, v in learned.items() if v}, self.shorthand)

    @cached_property
    def _phrases(self) -> re.Pattern | None:
        """Shorthand of more than letters ("twin cities", "t-dot"), longest first, as whole words."""
        keys = sorted((k for k in self.shorthand if not k.isalpha()), key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b", re.IGNORECASE) if keys else None

    def spelled_out(self, question: str) -> str:
        """The question with chat shorthand and places' short names written out ("wheres the nxt forum" -> "wheres
        the next forum", "the twin cities meeting" -> "the Minneapolis meeting"); a short name already beside its
        full one ("Las Vegas", "Washington DC") is left as it is."""
        if not self.shorthand:
            return question

        def written_out(match: re.Match) -> str:
            full = self.shorthand.get(match.group(0).lower(), match.group(0))
            around = question[max(0, match.start() - len(full) - 1) : match.end() + len(full) + 1].lower()
            return match.group(0) if full.lower() in around and full.lower() != match.group(0).lower() else full

        if self._phrases is not None:
            question = self._phrases.sub(written_out, question)
        return _LETTERS.sub(written_out, question)

    def acronym(self, word: str) -> str | None:
        """The known acronym a question word is (plural forms included), if it is one."""
        if word in self.acronyms:
            return word
        if word.endswith("s") and word[:-1] in self.acronyms:
            return word[:-1]
        return None

    def expansions(self, word: str) -> tuple[str, ...]:
        """The statements' words for a question word: its synonyms, or an acronym's long form."""
        abbr = self.acronym(word)
        return self.everyday.get(word, ()) + (self.acronyms[abbr] if abbr else ())

    def acronyms_spelled_out(self, words: list[str]) -> list[str]:
        """Acronyms whose whole long form (two words or more) a question spells out."""
        stems = {stem(w) for w in words}
        return [abbr for abbr, long in self.acronyms.items() if len(long) >= 2 and all(stem(w) in stems for w in long)]

    def misspelt(self, word: str) -> str | None:
        """The everyday word a question word is one typo away from ("hatian" for "haitian"), if just one is."""
        if len(word) < 5 or word in self.everyday:
            return None
        return one_typo_from(word, self.everyday)

    def expand(self, word: str) -> set[str]:
        """Stems that count as evidence for a question word: its own and its expansions'."""
        return {stem(word)} | {stem(w) for w in self.expansions(word)}
