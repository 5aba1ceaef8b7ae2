"""Everyday questions on the bundled statements: meetings, names, short questions, quotes that stand alone."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from index.answering.compose import quote_of
from index.core import answer
from index.retrieval.evidence import Scored
from index.retrieval.hybrid import Candidate
from index.settings import BUNDLED_CORPUS

STATEMENTS = {p.stem: p.read_text(encoding="utf-8") for p in BUNDLED_CORPUS.glob("*.txt")}


def _sentence_in_statement(quote: str, doc_id: str) -> bool:
    """The quote occurs in the statement and starts where a sentence starts (after a stop, or a line start)."""
    text = " ".join(STATEMENTS[doc_id].split())
    at = text.find(quote)
    return at >= 0 and (at == 0 or re.search(r"([.:!?]|^)\s*$", text[:at][-3:] or "") is not None)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which city did the ministers meet in 2023?", "Ottawa"),
        ("Which American officials came to Ottawa?", "Mayorkas"),
        ("Who is Marco Mendicino?", "Marco Mendicino"),
        ("Anything on Haiti?", "Haiti"),
        ("What about Ukraine?", "Ukraine"),
        ("What did the ATF and CBSA sign?", "Memorandum of Understanding"),
    ],
)
def test_everyday_questions_are_answered_with_whole_cited_sentences(engine, question, expected):
    reply = answer(question, engine=engine)
    assert not reply.abstained, question
    assert any(expected in c.quote for c in reply.citations), (question, reply.answer)
    for citation in reply.citations:
        assert _sentence_in_statement(citation.quote, citation.doc_id), citation.quote


def test_a_long_sentence_is_quoted_whole(engine):
    reply = answer("Who represented Canada at the 2022 meeting in Washington?", engine=engine)
    quote = reply.citations[0].quote
    assert quote.startswith("Guided by our shared commitment") and "met today in Washington, D.C." in quote


def test_a_sentence_that_leans_back_carries_the_one_before_it(engine):
    snapshot = engine.require_snapshot()
    node = next(n for n in snapshot.retriever.nodes if n.text.startswith("They also confirmed the importance"))
    quote = quote_of(Scored(Candidate(node=node), 0.9, 1.0, None), snapshot)
    assert quote.startswith("To this end, Ministers instructed") and quote.endswith(node.text)


def test_invisible_characters_do_not_change_the_answer(engine):
    plain = answer("What was agreed on ghost guns?", engine=engine)
    hidden = answer("What was agr\u200beed on gh\u200bost g\u200duns?", engine=engine)
    assert hidden.answer == plain.answer and not plain.abstained


@pytest.mark.parametrize(
    "question",
    [
        "What penalties will ghost gun makers face?",
        "How much money was budgeted for the Cross Border Firearms Task Force?",
        "What did the 2019 forum decide?",
        "Who won the Stanley Cup?",
        "What was agreed with Mexico on ransomware?",  # ransomware is there, but never with Mexico
        "What is the weather in Ottawa today?",
        "who won the stanley cup in 2023",  # a year and "who", but a thing no statement names
        "what’s the weather usually like in ottawa in march",  # a month says when, not what about
    ],
)
def test_near_misses_still_abstain(engine, question):
    assert answer(question, engine=engine).abstained, question


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("what about ukraine?", "invasion of Ukraine"),
        ("Anything on Russia’s assets?", "sanctioned Russian individuals"),
    ],
)
def test_a_country_named_alone_is_answered_by_sentences_that_name_it(engine, question, needle):
    reply = answer(question, engine=engine)
    assert not reply.abstained and needle in reply.citations[0].quote


@pytest.mark.parametrize(
    ("question", "year"),
    [("when did the forum first talk about ransomware?", "2022"), ("who first mentioned ghost guns", "2023")],
)
def test_when_a_topic_was_first_raised_is_the_earliest_statement_that_says_as_much(engine, question, year):
    reply = answer(question, engine=engine)
    assert not reply.abstained and {c.date[:4] for c in reply.citations} == {year}
    assert reply.answer.startswith(f"In {year}: ")


def test_who_holds_an_office_now_is_not_answered_with_who_held_it_then(engine):
    reply = answer("who is canada's prime minister right now", engine=engine)
    assert reply.abstained and "not who holds it now" in reply.answer
    assert not answer("Who was the Attorney General of the United States in 2022?", engine=engine).abstained


def test_a_year_a_comparison_asks_about_needs_only_its_share_of_the_threshold(engine):
    question = "How did firearms commitments differ between 2022 and 2023?"
    shipped = engine.calibration
    try:
        for factor, answered in ((0.0, True), (1.0, False)):
            engine.calibration = replace(shipped, threshold=0.999, compared_year_factor=factor)
            engine._answers.clear()
            reply = answer(question, engine=engine)
            assert reply.abstained is not answered, factor
            if answered:
                assert {c.date[:4] for c in reply.citations} == {"2022", "2023"}
    finally:
        engine.calibration = shipped
        engine._answers.clear()
