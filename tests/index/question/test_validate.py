"""Questions are checked and normalised once, before anything reads them."""

from __future__ import annotations

import pytest

from index.core import QuestionError, validate_question


def test_invisible_characters_and_compatibility_forms_do_not_change_a_question():
    plain = "What about fentanyl precursors?"
    assert validate_question("What about fen\u200btanyl pre\u00adcursors?\ufeff", 1000) == plain
    assert validate_question("What\u00a0about ｆｅｎｔａｎｙｌ precursors?", 1000) == plain


@pytest.mark.parametrize(
    ("bad", "reason"), [("", "empty"), ("\u200b\u200b", "empty"), ("a\x00b", "control"), (3, "string")]
)
def test_bad_questions_say_what_is_wrong(bad, reason):
    with pytest.raises(QuestionError, match=reason):
        validate_question(bad, 1000)
