"""Greetings, asides and thanks around a question are taken off; the question itself is left whole."""

from __future__ import annotations

import pytest

from index.question import people
from index.question.chatter import told_before_asking, without_chatter


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("hi, quick one - where did the ministers meet in 2022?", "where did the ministers meet in 2022?"),
        ("asking for my boss: what did they agree on guns?", "what did they agree on guns?"),
        ("Which document was signed? (I write for a German newspaper)", "Which document was signed?"),
        (
            "for my report: the main subjects of the 2022 forum please, short list",
            "the main subjects of the 2022 forum",
        ),
        ("ok so what are the next steps", "what are the next steps"),
        ("hello team, I'm a student - who hosted in 2023? thanks!", "who hosted in 2023?"),
        (
            "who came from the united states to the twenty twenty two forum",
            "who came from the united states to the 2022 forum",
        ),
        ("the two thousand and twenty three meeting", "the 2023 meeting"),
        ("on deadline - what did the ottawa statement cover?", "what did the ottawa statement cover?"),
        ("I'm in a rush: who hosted in 2022", "who hosted in 2022"),
        ("urgent, quick - where was the 2023 forum", "where was the 2023 forum"),
        ("tl;dr of the 2033 forum pls, need it for my criminology class", "tl;dr of the 2033 forum"),
        ("who hosted in 2022, for a school project", "who hosted in 2022"),
    ],
)
def test_what_wraps_a_question_is_taken_off(said, read):
    assert without_chatter(said) == read


@pytest.mark.parametrize(
    "question",
    ["what about guns (for 2023)?", "well-being of kids?", "Hello", "So?", "I'm confused"],
)
def test_a_question_with_nothing_around_it_is_left_as_it_is(question):
    assert without_chatter(question) == question


def test_asking_what_to_do_about_ones_own_case_is_advice():
    assert people.asks_advice("my dad wired 8k to a fake grandson for bail, how do we get the money back")
    assert people.asks_advice("my kid is being sextorted on snapchat what do i do")
    assert not people.asks_advice("what did the ministers say we should do about sextortion?")
    # the story before a question is not what it asks: "said" in it names no statement
    assert people.asks_advice("I sent $3,000 to a man who said he was a police officer. can I get it back?")


def test_the_story_told_before_a_question_is_found():
    story = "my nephew got a DM offering him $500 for his bank account. My sister is worried."
    assert told_before_asking(f"{story} is anything being done about that?") == story
    assert told_before_asking("What did the U.S. say about guns? And Canada?") == ""  # it asks, it tells nothing
    assert told_before_asking("Were 2.5 million rounds seized in 2023?") == ""
