"""Follow-ups: what a short turn asks after earlier ones (the one implementation Slack and the API share)."""

from __future__ import annotations

from index.core import follow_up, in_context, is_follow_up, topic_question


def test_a_turn_without_a_topic_extends_the_previous_question():
    assert follow_up("what was agreed on ghost guns?", "and in 2022?") == "what was agreed on ghost guns? and in 2022?"
    assert is_follow_up("what was agreed on ghost guns?", "and in 2022?")


def test_a_turn_with_a_topic_or_without_a_previous_question_stands_alone():
    assert follow_up("what was agreed on ghost guns?", "what about firearms?") == "what about firearms?"
    assert follow_up(None, "and in 2022?") == "and in 2022?"
    long_turn = "and what did they say they would do together next year in 2022?"
    assert follow_up("ghost guns?", long_turn) == long_turn


def test_successive_follow_ups_each_extend_the_question_that_stood_alone():
    history = ["what was agreed on ghost guns?", "and in 2022?"]
    assert topic_question(history) == "what was agreed on ghost guns?"
    assert in_context(history, "and in 2023?") == "what was agreed on ghost guns? and in 2023?"
    assert in_context([*history, "what about ransomware?"], "in 2022?") == "what about ransomware? in 2022?"
    assert in_context([], "what about firearms?") == "what about firearms?"
