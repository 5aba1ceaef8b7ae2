"""Everyday wordings on a statement added later: a city's nickname, a minister named by office, where the forum
goes next, who is in a group, and what the statement does not give or was never asked of it."""

from __future__ import annotations

import pytest

from index.core import answer
from tests.conftest import engine_with_statement, quoted

DOC = "2036-test-statement-minneapolis"
STATEMENT = """Joint Statement on the 2036 Canada–U.S. Cross-Border Crime Forum

MINNEAPOLIS, Minnesota – April 14, 2036

Attorney General Rosalind Hollis welcomed Canada's Minister of Public Safety, Gaston Lefebvre, to Minneapolis \
for the sixth meeting of the Cross-Border Crime Forum since it was re-established.

Ministers set up the Lake Freighter Theft Working Group, which will bring together harbour police, shipping \
insurers and customs officers from both countries.

Scammers who pose as bank staff have taken millions from older adults in both countries. Ministers heard that \
the losses keep rising each winter. Ministers agreed to work with telephone companies to block calls that show \
a fake bank number.

Fake brokers copy the names and licence numbers of real trucking firms, take bookings from shippers on online \
load boards, and then hand the loads to criminals who drive them across the border and sell them off.
Ministers directed the Canada Border Services Agency, U.S. Customs and Border Protection, the Federal Motor \
Carrier Safety Administration and Transport Canada to check the registration of every carrier named on a \
cross-border freight manifest against both countries' carrier registries before the truck reaches the border, \
and to share within one business day the names of carriers whose credentials turn out to be copied or stolen, \
so that officers at every land crossing can stop the loads those carriers are moving.

“Thieves treat our freighters like open warehouses,” said Minister Lefebvre. “Starting today, every port on the \
lakes will share what it sees.”

Before the next meeting of the Forum, ministers committed to:
- publish a joint advisory on freight fraud for shippers and carriers;
- train harbour police on both sides of the lakes to spot stolen cargo.

Canada will host the seventh meeting of the Forum in Halifax, Nova Scotia, in 2037.
"""


@pytest.fixture(scope="module")
def minneapolis(tmp_path_factory, embedder):
    meta = {"title": "Joint Statement on the 2036 Forum", "year": 2036, "place": "Minneapolis"}
    return engine_with_statement(tmp_path_factory, embedder, f"{DOC}.txt", STATEMENT, meta)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who hosted the twin cities meeting", "Rosalind Hollis"),
        ("what did the public safety minister say in mpls", "open warehouses"),
        ("what did the public safety minister say in mpls", "every port on the lakes"),  # the quotation goes on
        ("where's the forum going after minneapolis", "Halifax"),
        ("who's in the lake freighter working group", "harbour police"),
        ("hi, quick one - where did they meet in twenty thirty six? (asking for my boss)", "Minneapolis"),
    ],
)
def test_everyday_wordings_are_answered_from_the_added_statement(minneapolis, question, expected):
    reply = answer(question, engine=minneapolis)
    assert not reply.abstained and expected in quoted(reply), (question, quoted(reply))


def test_what_is_being_done_about_a_problem_quotes_the_decision_that_follows_it(minneapolis):
    reply = answer("what are they doing about fake bank staff scamming seniors", engine=minneapolis)
    assert not reply.abstained and "block calls" in quoted(reply), quoted(reply)


def test_asking_about_a_problem_also_quotes_the_decision_about_it(minneapolis):
    # "anything on X" asks what the statement says about X; the sentences describing it come first
    reply = answer("anything on scammers posing as bank staff?", engine=minneapolis)
    assert not reply.abstained and "Scammers who pose as bank staff" in reply.citations[0].quote, quoted(reply)
    assert "block calls" in quoted(reply), quoted(reply)


def test_what_is_being_done_quotes_the_decision_first_when_both_do_not_fit(minneapolis):
    # the problem and the long decision after it don't fit in one answer together: the decision is what was asked
    reply = answer("whats being done about fake brokers stealing loads", engine=minneapolis)
    assert not reply.abstained and "check the registration of every carrier" in reply.citations[0].quote, quoted(reply)


@pytest.mark.parametrize(
    "question", ["so what's on the to-do list before they meet again?", "what are the next steps from minneapolis"]
)
def test_what_is_due_by_the_next_meeting_is_the_list_of_commitments_not_where_it_will_be(minneapolis, question):
    reply = answer(question, engine=minneapolis)
    first = reply.citations[0].quote if reply.citations else ""
    assert not reply.abstained and "publish a joint advisory on freight fraud" in first, quoted(reply)


def test_which_companies_is_not_answered_by_a_sentence_that_names_none(minneapolis):
    # "telephone companies" says what kind of company, not which ones
    assert answer("which phone companies agreed to block the scam calls", engine=minneapolis).abstained


def test_an_exact_date_the_statement_does_not_give_is_not_made_up(minneapolis):
    assert answer("what's the exact date of the halifax meeting", engine=minneapolis).abstained


def test_personal_advice_is_declined_with_a_reason(minneapolis):
    reply = answer("how do i renew my nexus card", engine=minneapolis)
    assert reply.abstained and "personal advice" in reply.answer
