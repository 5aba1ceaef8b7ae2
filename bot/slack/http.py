"""POST /slack/events: events, interactivity and the slash command, handed to the Bolt app off the event loop."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.starlette.handler import to_starlette_response
from starlette.concurrency import run_in_threadpool


def slack_router(bolt_app: App) -> APIRouter:
    """A router that passes Slack's signed requests to Bolt (which verifies them first).

    Bolt's dispatch is synchronous (it checks the signature, authorizes and acknowledges, then runs the
    listener in its own thread pool), so it runs in a worker thread: a slow Slack Web API never holds up
    the event loop that serves everything else.
    """
    router = APIRouter(tags=["slack"])

    @router.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return JSONResponse({"detail": "request body is not UTF-8"}, status_code=400)
        bolt_request = BoltRequest(body=text, query=str(request.query_params), headers=dict(request.headers))
        return to_starlette_response(await run_in_threadpool(bolt_app.dispatch, bolt_request))

    return router
