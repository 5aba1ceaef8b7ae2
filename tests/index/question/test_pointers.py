"""Which statements a question points at across a series: the meeting before or after a named one, the most
recent word on a topic, host cities by abbreviation or misspelt, every meeting at once."""

from index.question.corpus import CorpusView
from index.question.plan import analyze
from tests.index.question.test_plan import VOCAB

SERIES = CorpusView(
    vocabulary=VOCAB,
    places={"washington": 2022, "ottawa": 2023, "québec city": 2024, "saint john": 2026},
    years=(2022, 2023, 2024, 2026),
)


def test_the_meeting_before_or_after_a_named_one_is_the_indexed_one_next_to_it():
    assert analyze("what did the meeting before quebec city agree on firearms", SERIES).years == [2023]
    assert analyze("what did the forum after ottawa say about firearms", SERIES).years == [2024]
    # "the next forum after …" asks what that meeting's statement announced; after the latest, there is no later one
    assert analyze("where's the next forum going to be after ottawa?", SERIES).years == [2023]
    assert analyze("who hosts the forum after saint john", SERIES).years == [2026]
    # a span of time before a meeting is no pointer to the meeting before it
    assert analyze("how many guns were seized in the year before the saint john meeting", SERIES).years == [2026]


def test_the_most_recent_thing_said_about_a_topic_is_searched_in_every_statement():
    recent = analyze("what's the most recent thing they said about firearms smuggling", SERIES)
    assert recent.last_mention and recent.years is None and not recent.wants_overview
    assert analyze("what did the latest statement say about firearms", SERIES).years == [2026]


def test_place_abbreviations_and_a_misspelt_second_word_name_the_host_city():
    assert analyze("who came from the us side to st. john", SERIES).years == [2026]
    saint_jon = analyze("when did the saint jon meeting happen?", SERIES)
    assert saint_jon.years == [2026] and saint_jon.corrections == {"jon": "john"}
    assert analyze("which meeting was the 2026 one, like 2nd or 3rd?", SERIES).wants_ordinal


def test_which_cities_hosted_and_the_ministers_at_every_meeting_ask_about_each_meeting():
    cities = analyze("which cities have hosted the forum since it was restarted", SERIES)
    assert cities.answer_type == "place" and cities.about_meeting
    ministers = analyze("list canada’s public safety ministers at each meeting", SERIES)
    assert ministers.answer_type == "person" and ministers.compare
