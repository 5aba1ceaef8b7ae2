"""Questions about a meeting itself, answered from what the statements say of their own meetings, for the
bundled statements and for one written here, from a city and with people the code has never seen."""

from __future__ import annotations

import pytest

from index.answering.meeting import is_dateline
from index.core import answer
from tests.conftest import engine_with_statement, quoted

REGINA = "2030-test-statement-regina"
STATEMENT = """Joint Statement from the 2030 Canada–U.S. Cross-Border Crime Forum

Focused on Grain Fraud, Rail Theft, and Prairie Drug Routes

REGINA, October 14, 2030 – Today, Canada’s Minister of Public Safety Odile Brassard hosted U.S. Attorney General \
Tobias Quenneville in Regina, Saskatchewan, for the sixth meeting of the Cross-Border Crime Forum since it was \
reestablished. Ministers reviewed the work done since the previous Forum.

Grain Fraud

Ministers agreed to share records on fraudulent grain export certificates. Such records help customs officers \
stop forged shipments at the border.

Rail Theft

Ministers noted that thefts from freight trains rose sharply in 2029.
"""


@pytest.fixture(scope="module")
def three(tmp_path_factory, embedder):
    meta = {"title": "Joint Statement from the 2030 Canada–U.S. Cross-Border Crime Forum", "year": 2030}
    return engine_with_statement(tmp_path_factory, embedder, f"{REGINA}.txt", STATEMENT, meta | {"place": "Regina"})


@pytest.mark.parametrize(
    ("question", "doc", "expected"),
    [
        ("where was the 2030 meeting", REGINA, "Regina, Saskatchewan"),
        ("who hosted the regina forum?", REGINA, "Odile Brassard"),
        ("which meeting was the regina one, counting since the forum came back?", REGINA, "sixth meeting"),
        ("what was the exact date of the regina meeting?", REGINA, "October 14, 2030"),
        ("what topics did the latest statement cover", REGINA, "Grain Fraud, Rail Theft"),
        ("where was the 2022 meeting", "2022-cbcf-joint-statement-washington", "Washington, D.C."),
        ("In what month did the Washington forum take place?", "2023-cbcf-joint-statement-ottawa", "March 2022"),
        ("what number meeting was the ottawa one", "2023-cbcf-joint-statement-ottawa", "second meeting"),
    ],
)
def test_meeting_facts_come_from_the_statements_own_sentences(three, question, doc, expected):
    reply = answer(question, engine=three)
    assert not reply.abstained, question
    assert reply.citations[0].doc_id == doc and expected in quoted(reply), (question, reply.answer)


def test_a_fact_no_statement_gives_is_not_made_up_from_a_topic_match(three):
    # The Ottawa statement never dates its meeting ("Today, …"); "meeting the goal" is not a meeting.
    assert answer("What was the exact date of the Ottawa meeting?", engine=three).abstained
    reply = answer("where was the 2022 meeting", engine=three)
    assert "meeting the goal" not in quoted(reply)


def test_who_came_to_each_meeting_is_quoted_once_per_statement_with_its_year(three):
    reply = answer("who hosted each of the forums?", engine=three)
    years = [c.date[:4] for c in reply.citations]
    assert years == sorted(set(years)) and {"2022", "2023", "2030"} <= set(years)
    assert all(line.startswith("In ") for line in reply.answer.splitlines())


def test_a_sentence_that_says_why_is_found_after_the_one_it_leans_on(three):
    reply = answer("why does sharing grain export certificate records matter?", engine=three)
    assert "stop forged shipments" in quoted(reply)


def test_what_an_acronym_stands_for_is_the_sentence_defining_it(three):
    reply = answer("CBCF stands for?", engine=three)
    assert "Cross-Border Crime Forum (CBCF)" in quoted(reply)
    assert "Canada Border Services Agency (CBSA)" in quoted(answer("what does cbsa stand for", engine=three))
    # An acronym the statements never use is not answered with some other sentence.
    assert answer("what does FBI stand for", engine=three).abstained


def test_the_meeting_that_re_established_the_forum_is_the_first_since(engine):
    reply = answer("was washington the first forum after they brought it back?", engine=engine)
    assert not reply.abstained and "re-establish the Cross-Border Crime Forum" in reply.citations[0].quote


@pytest.mark.parametrize(
    "question", ["what got the cross-border crime forum going again after the pause?", "who brought the forum back?"]
)
def test_what_brought_the_forum_back_is_the_sentence_telling_of_its_re_establishment(engine, question):
    reply = answer(question, engine=engine)
    assert not reply.abstained and "Roadmap for a Renewed U.S.-Canada Partnership" in quoted(reply), quoted(reply)


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("what was the point of the ottawa get-together?", "The meeting allowed Ministers to assess progress"),
        ("why did they all meet up in dc back in 2022?", "to discuss how to enhance collaboration"),
    ],
)
def test_what_a_meeting_was_for_is_what_its_statement_says_it_met_to_do(engine, question, needle):
    reply = answer(question, engine=engine)
    assert not reply.abstained and needle in reply.citations[0].quote


def test_what_a_meeting_decided_is_quoted_from_its_decisions_not_its_stances(engine):
    reply = answer("main outcomes of the washington forum? like what did they agree on", engine=engine)
    assert not reply.abstained and all(c.date.startswith("2022") for c in reply.citations)
    assert "We have agreed to" in reply.citations[0].quote
    assert not any("remain committed" in c.quote for c in reply.citations)


def test_what_each_meeting_decided_is_read_from_each_statements_decisions(engine):
    reply = answer("what did they agree on at each meeting?", engine=engine)
    assert {c.date[:4] for c in reply.citations} == {"2022", "2023"}
    assert not any("remain committed" in c.quote for c in reply.citations)


def test_an_overview_quotes_what_a_meeting_covered_and_what_it_was_for(three):
    reply = answer("give me a quick summary of the regina meeting", engine=three)
    quotes = [c.quote for c in reply.citations]
    assert any("Focused on Grain Fraud" in q for q in quotes), quotes
    assert any("Ministers reviewed the work done since the previous Forum" in q for q in quotes), quotes


def test_what_a_statement_is_about_is_summed_up_like_an_overview(three):
    reply = answer("what's the 2022 statement mainly about?", engine=three)
    assert len(reply.citations) >= 2 and {c.date[:4] for c in reply.citations} == {"2022"}, reply.answer


READOUT = """Readout of the 2032 Canada-U.S. Cross-Border Crime Forum

Friday, April 16, 2032

Attorney General Nora Quill hosted Canada’s Minister of Public Safety, Idris Vale, in Duluth, Minnesota, for the \
2032 Canada-U.S. Cross-Border Crime Forum.

The Ministers heard that grain fraud is rising. They agreed to share export certificate records.

Ministers discussed rail theft. They committed to a joint patrol pilot on the Duluth rail corridor.

The Ministers agreed that Canada will host the next Forum in 2033.

###

Topics
Fraud
"""


def test_the_decisions_of_a_statement_without_headings_are_each_one_in_order(tmp_path_factory, embedder):
    meta = {"title": "Readout of the 2032 Canada-U.S. Cross-Border Crime Forum", "year": 2032, "place": "Duluth"}
    eng = engine_with_statement(tmp_path_factory, embedder, "2032-readout-duluth.txt", READOUT, meta)
    quotes = [c.quote for c in answer("what did they agree in duluth?", engine=eng).citations]
    assert len(quotes) >= 2 and any("export certificate" in q for q in quotes), quotes
    assert any("joint patrol pilot" in q for q in quotes) and not any("Topics" in q for q in quotes), quotes


def test_the_meeting_before_a_named_one_and_the_latest_word_on_a_topic_come_from_the_right_statement(three):
    before = answer("what did the meeting before regina say about firearms?", engine=three)
    assert before.citations and {c.doc_id for c in before.citations} == {"2023-cbcf-joint-statement-ottawa"}
    # the latest statement (Regina) says nothing of firearms: the most recent word on them is Ottawa's
    latest = answer("what's the most recent thing they said about firearms?", engine=three)
    assert latest.citations and {c.doc_id for c in latest.citations} == {"2023-cbcf-joint-statement-ottawa"}
    assert latest.answer.startswith("In 2023")


def test_a_dateline_is_told_from_a_sentence_naming_the_place():
    assert is_dateline("June 12, 2033 – Edmonton, Alberta – Public Safety Canada")
    assert is_dateline("Calgary, Alberta — June 12, 2030")
    assert not is_dateline("Meeting at the Edmonton Convention Centre, ministers focused on five threats.")
