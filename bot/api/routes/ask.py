"""POST /v1/ask: the answer as JSON, or as Server-Sent Events when asked for a stream."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from bot.api.deps import EngineDep, ReaderDep, StateDep
from bot.api.errors import correlation_id
from bot.api.schemas import Answer, AskRequest, ErrorResponse
from index.core import QuestionError, answer_async, answer_events

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
    "`done` (the full answer object) or `error`.",
    "content": {"text/event-stream": {"schema": {"type": "string"}}},
}


def _wants_stream(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "")


async def _answer(body: AskRequest, engine, state) -> Answer:
    reply = await answer_async(body.question, engine=engine, year=body.year, top_k=body.top_k)
    state.metrics.observe_answer(reply)
    return reply


@router.post(
    "/ask",
    response_model=Answer,
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
    produced = await run_in_threadpool(answer_events, body.question, engine=engine, year=body.year, top_k=body.top_k)
    cid = correlation_id(request)

    async def events() -> AsyncIterator[str]:
        try:
            async for name, data in iterate_in_threadpool(produced):
                if name == "done":
                    state.metrics.observe_answer(data)
                    data = data.model_dump()
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
