"""One pipeline behind every entry point: the same answer, one validation, the same cache rules, one answerer."""

from __future__ import annotations

import asyncio

import pytest

from index.answering import pipeline
from index.answering.base import Draft, replay_events
from index.answering.extractive import ExtractiveAnswerer
from index.core import (
    Answer,
    LLMSettings,
    QuestionError,
    answer,
    answer_async,
    answer_events,
    ingest_paths,
    make_answerer,
)
from index.generation.answerer import LLMAnswerer
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine

QUESTIONS = ["what was agreed on ghost guns?", "How did 2022 and 2023 differ on human trafficking?", "Who won the cup?"]


class RecordingAnswerer(ExtractiveAnswerer):
    """The extractive answerer, noting each draft it was given and through which call."""

    def __init__(self):
        self.calls: list[tuple[str, Draft]] = []

    def respond(self, draft: Draft) -> Answer:
        self.calls.append(("respond", draft))
        return super().respond(draft)

    def stream(self, draft: Draft):
        self.calls.append(("stream", draft))
        return replay_events(super().respond(draft))


@pytest.fixture
def recorded(tmp_path, embedder):
    eng = make_engine(tmp_path, embedder)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    eng.answerer = RecordingAnswerer()
    return eng


def _done(events) -> Answer:
    return [data for name, data in events if name == "done"][-1]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_entry_point_gives_the_same_answer(engine, question):
    whole = answer(question, engine=engine)
    streamed = _done(answer_events(question, engine=engine))
    awaited = asyncio.run(answer_async(question, engine=engine))
    for other in (streamed, awaited):
        assert (other.answer, other.abstained, other.mode) == (whole.answer, whole.abstained, whole.mode)
        assert [c.model_dump() for c in other.citations] == [c.model_dump() for c in whole.citations]


def test_each_entry_point_validates_the_question_once(engine, monkeypatch):
    seen = []
    real = pipeline.validate_question
    monkeypatch.setattr(pipeline, "validate_question", lambda q, n: seen.append(q) or real(q, n))
    answer("ghost guns (validated once)", engine=engine)
    list(answer_events("ransomware (validated once)", engine=engine))
    asyncio.run(answer_async("Angel Watch (validated once)", engine=engine))
    assert len(seen) == 3


def test_streaming_and_whole_answers_share_one_cache(recorded):
    question = "what was agreed on ghost guns?"
    streamed = _done(answer_events(question, engine=recorded))
    again = answer(question, engine=recorded)
    assert again.answer == streamed.answer
    assert [kind for kind, _ in recorded.answerer.calls] == ["stream"]  # the second came from the cache
    replayed = list(answer_events(question.upper(), engine=recorded))
    assert [kind for kind, _ in recorded.answerer.calls] == ["stream"]
    assert replayed[0][0] == "citations" and _done(replayed).answer == streamed.answer


def test_the_answerer_gets_the_draft_and_its_plan(recorded):
    answer("How did 2022 and 2023 differ on human trafficking?", engine=recorded)
    ((kind, draft),) = recorded.answerer.calls
    assert kind == "respond" and draft.plan.compare and draft.plan.years == [2022, 2023]
    assert not draft.extractive.abstained and {c.date[:4] for c in draft.extractive.citations} == {"2022", "2023"}


def test_a_bad_question_fails_before_the_stream_starts(engine):
    with pytest.raises(QuestionError, match="empty"):
        answer_events("   ", engine=engine)


def test_the_answerer_is_chosen_once_from_the_llm_settings():
    assert type(make_answerer(LLMSettings(llm="none"))) is ExtractiveAnswerer
    chosen = make_answerer(LLMSettings(llm="openai", llm_base_url="http://127.0.0.1:9/v1", llm_model="m"))
    assert isinstance(chosen, LLMAnswerer) and not chosen.cacheable and chosen.blocking
