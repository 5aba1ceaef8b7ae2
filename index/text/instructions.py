"""Sentences that read as instructions to a program ("ignore previous instructions…") rather than statement
content: never quoted in an answer, never shown to an LLM."""

from __future__ import annotations

import re
from functools import lru_cache

# What only text addressed to a program says: a role prefix, a new identity, its system prompt.
_TO_A_PROGRAM = r"\byou are now\b|\bsystem prompt\b|^\W*(system|assistant|developer)\s*:"
_SET_ASIDE = r"\b(ignore|disregard|forget|override)\b"
_INSTRUCTION = re.compile(
    rf"{_SET_ASIDE}.{{0,40}}\b(instructions?|rules?|prompts?|guidelines|directions)\b|{_TO_A_PROGRAM}"
    r"|^\W*(please\s+)?(say|state|reply|respond|answer|output|print|write|pretend|act as|tell)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=100_000)
def is_instruction(sentence: str) -> bool:
    """Whether a sentence reads as an instruction to a program rather than statement content."""
    return bool(_INSTRUCTION.search(sentence))


# A question that tells the program to set the statements aside or to assert something, rather than asking.
_STEERING = re.compile(
    rf"{_SET_ASIDE}.{{0,30}}\b(statements?|communiqu\w*|sources?|documents?|context|instructions?|rules?|above)\b"
    rf"|{_TO_A_PROGRAM}|\bpretend\b"
    r"|(^|[.,;:!]\s*|\band\s+)(please\s+)?(say|state|claim|write|tell me|tell everyone|announce) that\b"
    r"|\b(print|reveal|show|dump)\b.{0,30}\b(system prompt|configuration|api keys?|index files|instructions)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=10_000)
def steers(question: str) -> bool:
    """Whether a question tries to steer the program ("ignore the statements and say that…") instead of asking."""
    return bool(_STEERING.search(question))
