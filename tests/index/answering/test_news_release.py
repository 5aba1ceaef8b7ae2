"""A statement saved as a government news release: its contacts and links are not statement text, its dateline
dates the meeting, its topic list sums it up, and a minister's quotation answers what the minister said."""

from __future__ import annotations

import pytest

from index.core import answer
from tests.conftest import engine_with_statement, quoted

DOC = "2034-test-news-release-kenora"
RELEASE = """<html><body><main>
<p>News release</p>
<h1>Ministers meet at the 2034 Canada–U.S. Cross-Border Crime Forum</h1>
<p>From: Public Safety Canada</p>
<p>Kenora, Ontario, May 3, 2034</p>
<p>Today, Canada’s Minister of Public Safety, Ingrid Paquette, welcomed U.S. Attorney General Carlton Reyes to \
Kenora for the fifth meeting of the Cross-Border Crime Forum since it was re-established.</p>
<p>The Forum brings together the justice and public safety leaders of both countries to coordinate their work \
against crime that crosses the border.</p>
<p>Discussions focused on float plane smuggling, lake freighter theft, forged fishing licences and online fraud.</p>
<p>Ministers agreed to open a Northern Lakes Interdiction Office, which will be based in Thunder Bay, Ontario. \
The office is expected to open by September 2034.</p>
<p>Ministers signed a Memorandum on Float Plane Inspections. They also agreed to publish a joint guide on \
forged fishing licences.</p>
<p>Ministers launched the Rainy River Dock Patrol (RRDP), which brings harbour police from both countries \
together on the water. The RRDP will inspect boat docks and marinas along the river every week of the season. \
This initiative will also give marina owners a single number for reporting suspicious cargo.</p>
<p>Ministers will meet again in 2035 in Minneapolis.</p>
<p>“Smugglers use our lakes because they think nobody is watching,” said Ingrid Paquette, Minister of Public \
Safety.</p>
<h2>Quick facts</h2>
<ul><li>The Forum first met in 1997.</li>
<li>Float planes have carried drugs over the border lakes at least 40 times since 2031.</li></ul>
<h2>Contacts</h2>
<p>Lise Ouellet</p><p>Press Secretary</p><p>Office of the Minister of Public Safety</p><p>613-555-0199</p>
<h2>Page details</h2><p>Date modified: 2034-05-03</p>
</main></body></html>
"""


@pytest.fixture(scope="module")
def kenora(tmp_path_factory, embedder):
    meta = {"title": "Ministers meet at the 2034 Canada–U.S. Cross-Border Crime Forum", "year": 2034, "place": "Kenora"}
    return engine_with_statement(tmp_path_factory, embedder, f"{DOC}.html", RELEASE, meta)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when was the kenora meeting", "May 3, 2034"),
        ("what topics did the 2034 forum cover", "float plane smuggling"),
        ("what did paquette say", "nobody is watching"),
        ("where’s the northern lakes interdiction office gonna be based", "Thunder Bay"),
        ("in 2034 what did they say the forum is actually for", "brings together"),
        ("what did they sign in kenora", "Memorandum on Float Plane Inspections"),
        ("where’s the next forum after kenora going to be?", "Minneapolis"),
    ],
)
def test_a_news_release_answers_everyday_questions(kenora, question, expected):
    reply = answer(question, engine=kenora)
    assert not reply.abstained and expected in quoted(reply), (question, quoted(reply))
    assert all(c.doc_id == DOC for c in reply.citations), question


def test_what_is_done_about_a_problem_is_found_away_from_where_the_problem_is_told(kenora):
    # the topic list and the quick facts tell of float planes; what was decided about them is further on, and it
    # is what was asked: it comes first
    reply = answer("what are they doing about the float planes", engine=kenora)
    first = reply.citations[0].quote if reply.citations else ""
    assert not reply.abstained and "Memorandum on Float Plane Inspections" in first, quoted(reply)


def test_three_sentences_each_going_on_from_the_one_before_are_quoted_as_one(kenora):
    # the third leans on the second, which opens with the initials the first defined: one quote holds all three
    reply = answer("what will the rainy river dock patrol give marina owners", engine=kenora)
    first = reply.citations[0].quote if reply.citations else ""
    assert not reply.abstained and "single number for reporting" in first, quoted(reply)
    assert "inspect boat docks" in first and "launched the Rainy River Dock Patrol" in first, quoted(reply)


def test_its_contacts_and_page_details_are_not_statement_text(kenora):
    for question in ["who is lise ouellet", "what is the press secretary’s phone number", "kenora overview"]:
        reply = answer(question, engine=kenora)
        assert "Ouellet" not in quoted(reply) and "613-555" not in quoted(reply), question


@pytest.mark.parametrize(
    "question",
    [
        "what date in 2035 is the minneapolis meeting",  # the year the question gives is no date
        "who’s the commander of the northern lakes interdiction office",  # no person is named for it
    ],
)
def test_what_the_release_does_not_give_is_not_made_up(kenora, question):
    assert answer(question, engine=kenora).abstained, question
