"""Check a question before anything else reads it: type, length, control characters, the year asked for."""

from __future__ import annotations

import re
import unicodedata

from index.models import QuestionError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_question(question: object, max_chars: int) -> str:
    """Normalise a question or raise QuestionError saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("question must be a string")
    if _CONTROL.search(question):
        raise QuestionError("question contains control characters")
    # Compatibility forms (full-width letters, ligatures, non-breaking spaces) become their plain letters, and
    # invisible format characters (zero-width spaces and joiners, soft hyphens, BOMs) go: neither changes a word.
    text = unicodedata.normalize("NFKC", question)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = " ".join(text.split())
    if not text:
        raise QuestionError("question is empty")
    if len(text) > max_chars:
        raise QuestionError(f"question is longer than {max_chars} characters ({len(text)})")
    return text


def check_year(year: int | None, doc_years: set[int]) -> None:
    """Raise QuestionError when a year is asked for that no indexed statement has."""
    if year is not None and year not in doc_years:
        raise QuestionError(f"no statement from {year}; statements cover {sorted(doc_years)}")
