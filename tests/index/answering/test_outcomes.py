"""Questions about a meeting itself: a statement's own heading for its outcomes, decisions worded as directions
to officials, what is due before the next forum after a meeting named by its place, the building it was held in;
what a year compared said of a topic, rather than a list naming it; a dateline says nothing about a topic."""

from __future__ import annotations

import pytest

from index.core import answer
from index.question.plan import analyze
from tests.conftest import engine_with_statement, quoted

DOC = "2038-test-statement-thunder-bay"
STATEMENT = """# Joint Statement on the 2038 Canada–U.S. Cross-Border Crime Forum

THUNDER BAY, Ontario

Thursday, September 9, 2038

Canada's Minister of Public Safety, Odile Marchand, welcomed the U.S. Attorney General, Harlan Greaves, to \
Thunder Bay for the eighth meeting of the Cross-Border Crime Forum since it was re-established. Ministers met at \
the Prince Arthur Waterfront Hotel.

Discussions covered counterfeit pills, cargo theft, walleye poaching, money laundering, and cyber attacks.

## Lake Superior shipping

Ministers heard that grain and ore carriers on Lake Superior are being used to move counterfeit pills. \
Ministers agreed that harbour police in Thunder Bay and Duluth will inspect carriers together.

## Wildlife crime and casinos

Ministers heard that casino chips bought with cash in Duluth are used to launder the proceeds of drug sales.

Poachers take walleye from closed waters and sell them across the border.

## Key outcomes

- The two countries will open a joint lake patrol office in Grand Marais before the ice season.
- Ministers committed to share the list of carriers flagged for inspection every month.
- Officials will map the roads used by walleye poachers.

## Information Sharing and Next Steps

Ministers welcomed the training on lawful information sharing given to border officers.

Ministers directed officials to:
- set up a shared register of seized pill presses;
- report back on the walleye poaching routes.
"""


@pytest.fixture(scope="module")
def thunder_bay(tmp_path_factory, embedder):
    meta = {"title": "Joint Statement on the 2038 Forum", "year": 2038, "place": "Thunder Bay"}
    return engine_with_statement(tmp_path_factory, embedder, f"{DOC}.md", STATEMENT, meta)


def test_key_outcomes_are_the_decisions_under_the_statements_own_outcomes_heading(thunder_bay):
    # the first decision under each heading would start with the harbour inspections; the headings that say they
    # hold decisions ("Key outcomes", "Next Steps") are where the statement puts them
    reply = answer("key outcomes of the thunder bay forum?", engine=thunder_bay)
    assert not reply.abstained and "share the list of carriers flagged" in quoted(reply), quoted(reply)
    sections = {c.section for c in reply.citations}
    assert sections <= {"Key outcomes", "Information Sharing and Next Steps"}, sections


def test_what_they_decided_names_no_heading_and_is_answered_from_every_section(thunder_bay):
    # the headings hold decisions too, but the question does not ask for them: the first decision of each section
    reply = answer("what did they decide at the thunder bay meeting", engine=thunder_bay)
    assert not reply.abstained and "inspect carriers together" in quoted(reply), quoted(reply)


def test_next_steps_are_the_directions_to_officials_under_a_next_steps_heading(thunder_bay):
    # "Ministers directed officials to:" decides as much as "agreed to"; the training welcomed is not a step
    reply = answer("so what are the concrete next steps that came out of the 2038 meeting?", engine=thunder_bay)
    assert not reply.abstained and "shared register of seized pill presses" in quoted(reply), quoted(reply)
    assert "welcomed the training" not in quoted(reply), quoted(reply)


def test_what_is_due_before_the_next_forum_after_a_named_meeting_is_not_the_next_meeting(thunder_bay):
    # "after Thunder Bay" alone would ask about the meeting after it, which the statement does not name
    question = "what did they promise to get done before the next forum after thunder bay"
    plan = analyze(question, thunder_bay.require_snapshot().corpus)
    assert "next" not in plan.topical and plan.wants_decisions, plan
    reply = answer(question, engine=thunder_bay)
    assert not reply.abstained and "pill presses" in quoted(reply), quoted(reply)


def test_a_dateline_is_never_quoted_for_a_topic(thunder_bay):
    # the year in the question draws the dateline "Thursday, September 9, 2038" close in meaning;
    # it says when and where the meeting was, nothing about firearms
    reply = answer("firearms in 2022 vs 2038", engine=thunder_bay)
    assert not reply.abstained, reply.answer
    assert all("September 9, 2038" not in c.quote for c in reply.citations), quoted(reply)


def test_a_year_compared_is_quoted_for_what_it_says_of_the_topic_not_for_the_list_naming_it(thunder_bay):
    # "Discussions covered …, money laundering, …" only says the topic came up; the casino sentence says what
    reply = answer("money laundering in 2023 vs 2038 - how did the focus shift?", engine=thunder_bay)
    quotes_2038 = [c.quote for c in reply.citations if c.date.startswith("2038")]
    assert quotes_2038 and "casino chips" in quotes_2038[0], quoted(reply)


def test_the_venue_of_a_meeting_is_the_building_it_was_held_in_not_its_city(thunder_bay):
    reply = answer("what venue was the thunder bay cbcf held at", engine=thunder_bay)
    assert not reply.abstained and "Prince Arthur Waterfront Hotel" in quoted(reply), quoted(reply)
    # the Ottawa statement names its city, not a building: no venue to give
    assert answer("which building did the ottawa meeting take place in", engine=thunder_bay).abstained
