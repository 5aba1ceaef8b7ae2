"""POST /v1/ask: the answer as JSON, or as Server-Sent Events when asked for a stream."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from bot.api.deps import EngineDep, ReaderDep, StateDep
from bot.api.errors import correlation_id
from bot.api.schemas import Answer, AskRequest, AskResponse, ErrorResponse
from bot.api.state import AppState
from bot.links import citation_link
from index.core import QuestionError, answer_async, answer_events, in_context, topic_question

log = logging.getLogger("cbcf.api")
router = APIRouter(prefix="/v1", tags=["ask"])
ERRORS = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
    413: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
    503: {"model": ErrorResponse},
}
SSE_DOC = {
    "description": "With `Accept: text/event-stream`: events `citations`, `delta` (answer text pieces), "
    "`done` (the full answer object, with its answer_id) or `error`.",
    "content": {"text/event-stream": {"schema": {"type": "string"}}},
}


def _wants_stream(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "")


def read_in_context(body: AskRequest, state: AppState) -> tuple[str, str]:
    """The question a request asks, read after its earlier turns, and the question a later follow-up extends.

    A turn whose answer_id this service stored stands for the question that turn was about.
    """
    turns = []
    for turn in body.history:
        stored = _stored(state, turn.answer_id) if turn.answer_id else None
        turns.append((stored or {}).get("topic") or turn.question)
    return in_context(turns, body.question), topic_question([*turns, body.question]) or body.question


def _stored(state: AppState, answer_id: str) -> dict | None:
    """A stored answer; None when unknown or when the store can't be read (answering never depends on it)."""
    try:
        return state.feedback.get_answer(answer_id)
    except (OSError, sqlite3.Error) as exc:
        log.warning(json.dumps({"event": "feedback_store_unreadable", "error": repr(exc)}))
        return None


def linked(citations: list[dict], state: AppState) -> list[dict]:
    """Citations with the link to their quote on the statement page (absolute under the public base URL)."""
    return [c | {"link": citation_link(c, state.settings.public_base_url)} for c in citations]


def keep(reply: Answer, topic: str, state: AppState) -> AskResponse:
    """The response for an answer: its citations linked, stored (for feedback and later turns) under a new id."""
    data = reply.model_dump()
    data["citations"] = linked(data["citations"], state)
    try:
        answer_id = state.feedback.save_answer(data["question"], data | {"topic": topic}, "web")
    except (OSError, sqlite3.Error) as exc:  # the answer still goes out, without an id to vote on
        log.warning(json.dumps({"event": "feedback_store_unwritable", "error": repr(exc)}))
        answer_id = None
    return AskResponse.model_validate(data | {"answer_id": answer_id})


async def _answer(body: AskRequest, engine, state: AppState) -> AskResponse:
    question, topic = read_in_context(body, state)
    reply = await answer_async(question, engine=engine, year=body.year, top_k=body.top_k)
    state.metrics.observe_answer(reply)
    return keep(reply, topic, state)


@router.post(
    "/ask",
    response_model=AskResponse,
    responses=ERRORS,
    summary="Answer a question from the statements, with citations",
)
async def ask(body: AskRequest, request: Request, _: ReaderDep, engine: EngineDep, state: StateDep):
    """Answer with verbatim cited sentences, or abstain; streams SSE if `Accept: text/event-stream`."""
    if _wants_stream(request):
        return await ask_stream(body, request, _, engine, state)
    return await _answer(body, engine, state)  # answer_async rejects a bad question or year itself


@router.post(
    "/ask/stream",
    responses={**ERRORS, 200: SSE_DOC},
    response_class=StreamingResponse,
    summary="Answer as Server-Sent Events",
)
async def ask_stream(body: AskRequest, request: Request, _: ReaderDep, engine: EngineDep, state: StateDep):
    """Stream `citations`, then `delta` pieces of the answer text, then `done` with the whole answer."""
    # answer_events checks the question before the first event: a bad question or year is a 422, not a stream.
    question, topic = read_in_context(body, state)
    produced = await run_in_threadpool(answer_events, question, engine=engine, year=body.year, top_k=body.top_k)
    cid = correlation_id(request)

    async def events() -> AsyncIterator[str]:
        try:
            async for name, data in iterate_in_threadpool(produced):
                if name == "citations":
                    data = linked(data, state)
                elif name == "done":
                    state.metrics.observe_answer(data)
                    data = keep(data, topic, state).model_dump()
                yield sse(name, {"text": data} if name == "delta" else data)
        except QuestionError as exc:
            yield sse("error", {"detail": str(exc), "correlation_id": cid})
        except Exception:  # the stream has started: report in-band, never drop silently
            log.exception("stream failed", extra={"event": "error", "path": request.url.path})
            yield sse("error", {"detail": "internal error", "correlation_id": cid})

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


def sse(event: str, data) -> str:
    """One Server-Sent Event frame."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
