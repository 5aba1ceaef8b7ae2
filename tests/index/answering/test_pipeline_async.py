"""answer_async: the event-loop form of answer() gives the same answers and sees new statements."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from index.answering import engine as engine_module
from index.answering.pipeline import prepare
from index.core import QuestionError, answer, answer_async, ingest_paths
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine

QUESTIONS = [
    ("what was agreed on ghost guns?", None),
    (
        "Could you tell me, in a few words, what the two countries said they would do together to stop "
        "firearms being smuggled across the border?",
        None,
    ),
    ("fentanyl", 2022),
    ("How did 2022 and 2023 differ on human trafficking?", None),
    ("What did they decide about the price of maple syrup?", None),
]


@pytest.fixture(scope="module")
def uncached_engine(tmp_path_factory, embedder):
    """The bundled statements, with no cache of answers (so both forms compute every answer)."""
    eng = make_engine(tmp_path_factory.mktemp("uncached"), embedder, query_cache_size=0)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    return eng


@pytest.mark.parametrize(("question", "year"), QUESTIONS)
def test_the_async_answer_is_the_answer(uncached_engine, question, year):
    expected = answer(question, engine=uncached_engine, year=year)
    got = asyncio.run(answer_async(question, engine=uncached_engine, year=year))
    assert got.answer == expected.answer and got.abstained == expected.abstained
    assert [c.model_dump() for c in got.citations] == [c.model_dump() for c in expected.citations]
    assert got.latency_ms > 0


def test_a_repeated_question_needs_no_model_call(engine):
    question = "What did the forum say about cross-border data sharing? (async repeat)"
    first = asyncio.run(answer_async(question, engine=engine))
    prepared = prepare(question, engine)
    assert prepared.cached is not None and prepared.query is None
    assert asyncio.run(answer_async(question, engine=engine)).answer == first.answer


def test_bad_questions_and_years_raise_question_error(engine):
    with pytest.raises(QuestionError, match="empty"):
        asyncio.run(answer_async("   ", engine=engine))
    with pytest.raises(QuestionError, match="1999"):
        asyncio.run(answer_async("guns", engine=engine, year=1999))


def test_a_newly_ingested_statement_is_answered_once_followed_after_the_refresh_is_due(tmp_path, embedder, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    eng = make_engine(tmp_path / "data", embedder)
    ingest_paths([corpus], eng.store, eng.embedder)
    eng.refresh(force=True)
    question = "What did they agree about drone smuggling over the border?"
    before = asyncio.run(answer_async(question, engine=eng))
    assert not any("drone" in c.quote for c in before.citations)

    path = corpus / "2022-cbcf-joint-statement-washington.txt"
    path.write_text(path.read_text() + "\n\nMinisters also agreed to study drone smuggling over the border.\n")
    ingest_paths([corpus], eng.store, eng.embedder)  # another process's ingest: this engine is not told
    monkeypatch.setattr(engine_module, "REFRESH_SECONDS", 0.0)
    asyncio.run(answer_async(question + " (due)", engine=eng))  # answered from what is loaded; the follow starts
    eng.wait_for_follow()
    got = asyncio.run(answer_async(question + " (after)", engine=eng))
    assert not got.abstained and "drone smuggling" in got.citations[0].quote
