"""POST /slack/events: events, interactivity and the slash command, handed to the Bolt app."""

from __future__ import annotations

from fastapi import APIRouter, Request
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler


def slack_router(bolt_app: App) -> APIRouter:
    """A router that passes Slack's signed requests to Bolt (which verifies them first)."""
    handler = SlackRequestHandler(bolt_app)
    router = APIRouter(tags=["slack"])

    @router.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request):
        return await handler.handle(request)

    return router
