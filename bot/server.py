"""The composition root: the HTTP service, with the Slack endpoint mounted when Slack is configured."""

from __future__ import annotations

from fastapi import FastAPI

from bot.api import create_app
from index.engine import Engine
from index.settings import Settings


def build_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """create_app(), plus POST /slack/events when CBCF_SLACK_BOT_TOKEN and the signing secret are set."""
    settings = settings or Settings()
    app = create_app(settings, engine)
    if settings.slack_enabled:
        from bot.slack.app import create_bolt_app
        from bot.slack.http import slack_router

        bolt, _ = create_bolt_app(settings, engine_provider=app.state.cbcf.get_engine)
        app.include_router(slack_router(bolt))
    return app
