"""POST /v1/feedback: 👍/👎 on an answer this service gave, stored with the Slack votes."""

from __future__ import annotations

import sqlite3

from fastapi import APIRouter, HTTPException

from bot.api.deps import ReaderDep, StateDep
from bot.api.routes.ask import ERRORS
from bot.api.schemas import FeedbackRequest, FeedbackResult

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackResult,
    responses={**ERRORS, 404: ERRORS[422]},
    summary="Vote on an answer",
)
async def feedback(body: FeedbackRequest, _: ReaderDep, state: StateDep) -> FeedbackResult:
    """Store a vote with a copy of the question, answer and citations (`cbcf feedback` exports them)."""
    try:
        recorded = state.feedback.add_feedback(body.answer_id, body.vote, None, "web")
    except (OSError, sqlite3.Error) as exc:
        raise HTTPException(503, f"the feedback store is unavailable: {exc}", {"Retry-After": "30"}) from exc
    if not recorded:
        raise HTTPException(404, "no answer with this answer_id is on record")
    return FeedbackResult(recorded=True)
