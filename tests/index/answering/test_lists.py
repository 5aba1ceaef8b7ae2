"""A statement written with a bulleted list and hyphenated words: the list is quoted with the line introducing it."""

from __future__ import annotations

import json

import pytest

from index.answering.extractive import _names_a_year
from index.core import answer, ingest_paths
from index.question.plan import analyze
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine

DOC_ID = "2031-cbcf-joint-statement-regina"
STATEMENT = """# Joint Statement — 2031 Cross-Border Crime Forum

Regina, Saskatchewan — May 6, 2031

Canada's Minister of Public Safety, Anita Okafor, and U.S. Secretary of Homeland Security Daniel Reyes co-chaired
the 2031 Forum in Regina.

## Grain Fraud

Exporters lose millions each year to grain fraud and forged inspection certificates. Ministers also recalled the
commitments made in Ottawa in 2023 to disrupt the supply of illicit precursor chemicals.

Before the next Forum, Ministers committed to:

- map the brokers who sell forged inspection certificates;
- train port inspectors to spot altered seals; and
- publish a joint advisory for grain exporters.

## Next Meeting

Ministers agreed that the next Forum will be held in the United States in 2032.
"""


@pytest.fixture(scope="module")
def regina(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("regina-src")
    path = folder / f"{DOC_ID}.md"
    path.write_text(STATEMENT, encoding="utf-8")
    meta = {"doc_id": DOC_ID, "title": "Joint Statement — 2031 Forum", "date": "2031-05-06", "year": 2031}
    (folder / f"{DOC_ID}.meta.json").write_text(json.dumps(meta | {"place": "Regina"}), encoding="utf-8")
    eng = make_engine(tmp_path_factory.mktemp("regina"), embedder)
    ingest_paths([BUNDLED_CORPUS, path], eng.store, eng.embedder)
    eng.refresh(force=True)
    return eng


def test_a_list_is_quoted_with_the_line_that_introduces_it(regina):
    reply = answer("what did they promise to do about forged grain certificates before the next forum?", engine=regina)
    assert not reply.abstained
    quotes = [c.quote for c in reply.citations if c.doc_id == DOC_ID]
    assert any(q.startswith("Before the next Forum, Ministers committed to:") and "altered seals" in q for q in quotes)


def test_a_hyphenated_word_the_statement_uses_is_known(regina):
    plan_words = regina.require_snapshot().corpus.vocabulary
    assert plan_words.knows("co-chaired") and not plan_words.knows("co-hosted")
    reply = answer("who co-chaired regina", engine=regina)
    assert not reply.abstained and "Anita Okafor" in reply.citations[0].quote


def test_chat_shorthand_is_read_as_the_word_it_stands_for(regina):
    reply = answer("when is the nxt mtg after regina", engine=regina)
    assert not reply.abstained and "2032" in reply.answer


@pytest.mark.parametrize(
    "question",
    ["which cbcf meeting was held in vancouver", "anything about xylazine?", "what's the weather in regina today?"],
)
def test_a_question_no_statement_shares_a_word_with_abstains(regina, question):
    assert answer(question, engine=regina).abstained


def test_only_a_year_the_question_names_takes_in_what_later_statements_report_of_it(regina):
    corpus = regina.require_snapshot().corpus
    first = analyze("which meeting first brought up grain fraud", corpus)
    named = analyze("what happened on grain fraud in 2023", corpus)
    assert not _names_a_year(first, 2023) and _names_a_year(named, 2023)


def test_a_statement_that_never_uses_the_topic_words_does_not_answer_for_them(regina):
    assert answer("did the regina forum say anything about ghost guns", engine=regina).abstained
    reply = answer("did the ottawa forum say anything about ghost guns", engine=regina)
    assert not reply.abstained and "ghost guns" in reply.answer


def test_asking_what_is_being_done_quotes_what_was_decided_beside_the_problem(regina):
    reply = answer("forged grain certificates are everywhere, what are they doing about it?", engine=regina)
    assert not reply.abstained
    assert any("committed to" in c.quote for c in reply.citations), reply.answer


def test_a_comparison_quotes_every_statement_it_asks_about_beyond_the_usual_number_of_quotes(regina):
    reply = answer("how did the firearms commitments change across the statements?", engine=regina, top_k=2)
    assert [c.date[:4] for c in reply.citations] == ["2022", "2023", "2031"], reply.answer


def test_a_comparison_over_more_years_than_it_quotes_does_not_say_the_others_are_silent(regina, monkeypatch):
    monkeypatch.setattr(regina.settings, "compared_years", 2)
    reply = answer("how did the firearms commitments change across the statements?", engine=regina)
    assert {c.date[:4] for c in reply.citations} == {"2022", "2023"}
    assert "Not quoted: the 2031 statement (an answer compares the 2 that match best)" in reply.answer
    assert "doesn't address" not in reply.answer


def test_a_decision_is_said_in_words_not_stems():
    from index.answering.extractive import DECIDES

    assert DECIDES.search("Ministers called on officials to report back.")
    assert DECIDES.search("They agreed to hold a tabletop exercise.")
    assert not DECIDES.search("Grandparent scams run from call centres cost seniors $1.1 billion.")


def test_a_fact_of_a_named_meeting_asked_in_words_no_statement_uses_is_still_answered(regina):
    reply = answer("who spoke for canada at the regina forum?", engine=regina)
    assert not reply.abstained and reply.citations[0].doc_id == DOC_ID


def test_a_statement_about_firearms_in_general_does_not_answer_for_ghost_guns(regina):
    # the 2023 statement says "ghost guns"; the 2022 one speaks of firearms smuggling only: another kind of gun
    assert answer("what was agreed on ghost guns in 2022?", engine=regina).abstained
    assert not answer("what was agreed on ghost guns in 2023?", engine=regina).abstained


def test_where_a_meeting_after_the_latest_statement_will_be_held_is_answered_from_the_statement_naming_it(regina):
    # the 2031 Regina statement names the next meeting's year; no statement is from that year
    reply = answer("where will the 2032 forum be held?", engine=regina)
    assert not reply.abstained and "2032" in reply.answer
    assert "There is no CBCF statement from 2032" in answer("what did the 2032 forum agree on?", engine=regina).answer
    assert "There is no CBCF statement from 2021" in answer("where was the 2021 forum held?", engine=regina).answer
