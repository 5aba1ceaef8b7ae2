"""What a question's wording asks for: what a count counts, spending, dates, which meeting."""

from __future__ import annotations

import pytest

from index.question import counting, intent, people


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many sex-offender travel notifications did the center send in 2022?", "notifications"),
        ("To how many countries were the notifications sent?", "countries"),
        ("how many nitazene overdose deaths were there in 2028?", "deaths"),
        ("how many people got arrested for fraud", "arrested"),
        ("how many migrants died crossing between ports of entry?", "migrants"),
        ("how many guns", "guns"),
        ("how many suspicious chemical packages did canada catch", "packages"),  # not the adjective ending in s
        ("how many dangerous goods were seized", "goods"),
        ("how many of them", None),
        ("What did they say about guns?", None),
    ],
)
def test_a_count_question_says_what_it_counts(question, counted):
    assert counting.counted_word(question) == counted


def test_spending_is_told_from_other_amounts():
    assert intent.SPENDING.search("how much money did they put into the unit?")
    assert intent.SPENDING.search("What was the budget for the task force?")
    assert not intent.SPENDING.search("how much did people lose to scams")


def test_which_meeting_and_exact_dates_are_recognised():
    for question in ["what number meeting was the ottawa one", "how many times have they met", "which meeting was it"]:
        assert intent.ORDINAL_ASK.search(question), question
    assert intent.ORDINAL_ASK.search("chicago was meeting number what since they restarted the cbcf")
    assert not intent.ORDINAL_ASK.search("What did the first meeting say about guns?")
    for question in ["What was the exact date of the Ottawa meeting?", "In what month did the forum take place?"]:
        assert intent.WHEN.search(question), question


def test_asking_what_a_statement_covered_is_an_overview_and_a_relative_clause_is_not_a_who():
    for question in ["what did ottawa 2023 cover", "what does the 2022 statement address", "what sections are in it"]:
        assert intent.OVERVIEW.search(question), question
    assert not intent.WHO.search("give me a summary of what the ministers did in ottawa")
    assert intent.WHO.search("which ministers attended") and intent.WHO.search("what officials came")


def test_asking_which_one_ranks_first_is_a_superlative_but_the_most_recent_meeting_is_not():
    assert intent.SUPERLATIVE.search("which city has the highest auto theft rate")
    assert intent.SUPERLATIVE.search("which crossing had the most deaths")
    assert not intent.SUPERLATIVE.search("what was the most recent cbcf statement about?")
    assert intent.RANKS.search("the world's longest undefended border")
    assert not intent.RANKS.search("149 went to Canada")


def test_what_someone_said_names_the_speaker_and_what_a_statement_said_does_not():
    assert people.quoted_speaker("what did Thibodeau say about boats") == ["thibodeau"]
    assert people.quoted_speaker("what has the deputy minister told reporters") == ["the", "deputy", "minister"]
    assert people.quoted_speaker("what topics did they cover") == []


def test_where_something_is_based_asks_for_a_place_and_what_the_forum_is_for_asks_its_purpose():
    assert intent.LOCATED.search("where’s the jmic gonna be based")
    assert not intent.LOCATED.search("where did they meet")
    for question in ["what's the forum for", "in 2025 what did they say the forum is actually for"]:
        assert intent.PURPOSE.search(question), question
    assert not intent.PURPOSE.search("what did the forum do for seniors")


def test_asking_for_personal_advice_is_told_from_asking_what_the_statements_say():
    for question in ["how do i renew my canadian passport", "can i bring my hunting rifle to ontario"]:
        assert people.asks_advice(question), question
    for question in ["how can i find what the ministers said about guns", "what did they agree on passports"]:
        assert not people.asks_advice(question), question


def test_who_belongs_to_a_group_is_membership_and_who_runs_it_is_a_person():
    assert people.MEMBERSHIP.search("who's in the cargo theft working group")
    assert people.MEMBERSHIP.search("who sits on the task force")
    assert not people.MEMBERSHIP.search("who is in charge of the task force")
    assert intent.WHO.search("whats the name of the person who heads the angel watch center")


def test_the_first_or_last_statement_that_mentions_a_topic_asks_for_a_mention():
    assert intent.LAST_MENTION.search("what's the last statement that mentions haiti")
    assert intent.FIRST_MENTION.search("which was the first meeting to talk about nitazenes")
    assert not intent.FIRST_MENTION.search("where was the first meeting held")
    assert intent.FIRST_MENTION.search("had wildlife trafficking ever come up at the forum before 2032")
    assert intent.DECISIONS.search("so what are the next steps coming out of the 2032 meeting")


def test_wordings_of_purpose_date_definition_and_speaker():
    assert intent.PURPOSE.search("whats the point of this cross border crime forum anyway")
    assert intent.WHEN.search("niagara falls forum date")
    assert intent.DEFINE.search("cbcf = ? sorry new to this")
    assert people.quoted_speaker("what did the public safety minister say") == ["the", "public", "safety", "minister"]


def test_ordinary_requests_are_not_advice_names_novelty_or_membership():
    assert not people.asks_advice("Can I get a recap of 2023?")
    assert not people.MEMBERSHIP.search("Who in the Canadian government leads the file?")
    assert not intent.NAME_ASK.search("What actions are called for?")
    assert not intent.NAME_ASK.search("Which crimes did they discuss?")
    assert not intent.NOVELTY.search("What new commitments were made in 2023?")
    assert not intent.FIRST_MENTION.search("What was the first flagship initiative they launched?")


def test_asking_what_brought_the_forum_back_is_told_from_asking_which_meeting_since():
    for question in [
        "what got the forum going again after the pause?",
        "who re-established the CBCF?",
        "why was the forum revived",
        "what brought the cbcf back",
    ]:
        assert intent.REVIVAL.search(question), question
    for question in ["was ottawa the second forum since they restarted it?", "what did they say about fentanyl?"]:
        assert not intent.REVIVAL.search(question), question
