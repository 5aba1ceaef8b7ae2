"""The composition root: the HTTP service, with the Slack endpoint mounted when Slack is configured."""

from __future__ import annotations

from fastapi import FastAPI

from bot.api import create_app
from bot.api.settings import HTTPSettings
from bot.api.state import EngineFactory
from bot.feedback import FeedbackStore
from bot.slack.settings import SlackSettings
from index.core import Engine


def build_app(
    http: HTTPSettings | None = None,
    slack: SlackSettings | None = None,
    engine: Engine | None = None,
    engine_factory: EngineFactory | None = None,
) -> FastAPI:
    """create_app(), plus POST /slack/events when CBCF_SLACK_BOT_TOKEN and the signing secret are set; both keep
    answers and votes in one store."""
    slack = slack or SlackSettings()
    feedback = FeedbackStore(slack.db_path) if slack.enabled else None
    app = create_app(http or HTTPSettings(), engine, engine_factory, feedback)
    if slack.enabled:
        from bot.slack.app import create_bolt_app
        from bot.slack.http import slack_router

        bolt, _ = create_bolt_app(slack, engine_provider=app.state.cbcf.get_engine, feedback=feedback)
        app.include_router(slack_router(bolt))
    return app
