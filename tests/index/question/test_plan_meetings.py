"""Plans of questions about meetings themselves: what one was for, and the years a span or a list names."""

from index.question.corpus import CorpusView
from index.question.plan import analyze
from tests.index.question.test_plan import PLACES, VOCAB, plan


def test_asking_what_a_meeting_was_for():
    asked = ("why did they meet in ottawa?", "what was the point of the 2022 meeting", "ottawa meeting, big picture?")
    for question in asked:
        assert plan(question).wants_purpose, question
    assert not plan("why does police cooperation matter?").wants_purpose
    # other words around it ("actual", "big", "chatting") don't make it a topic question
    chatty = plan(
        "what was the actual point of the big US-Canada meeting in washington back in 2022, were they just chatting"
    )
    assert chatty.wants_purpose and chatty.about_meeting


def test_a_span_of_years_covers_every_statement_in_it():
    three = CorpusView(vocabulary=VOCAB, places=PLACES, years=(2022, 2023, 2025))
    got = analyze("how did firearms commitments evolve from 2022 through 2025?", three)
    assert got.years == [2022, 2023, 2025] and got.compare
    assert analyze("what has changed on smuggling since 2023?", three).years == [2023, 2025]
    four = CorpusView(vocabulary=VOCAB, places=PLACES, years=(2022, 2023, 2025, 2027))
    # three years listed are the three asked about, not a span from the first to the last
    assert analyze("firearms: how did it change from 2022 to 2025 to 2027?", four).years == [2022, 2025, 2027]
