"""Build the Bolt app: Web API client (base URL configurable), lazy auth, duplicate filter, listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from bot.slack.context import BotContext
from bot.slack.listeners import register_listeners
from bot.slack.store import SlackStore
from index.settings import Settings

log = logging.getLogger("cbcf.slack")


def create_bolt_app(settings: Settings, engine_provider: Callable) -> tuple[App, BotContext]:
    """A Bolt app that starts without reaching Slack (auth.test runs lazily on the first request)."""
    client = WebClient(token=settings.slack_bot_token or None, base_url=settings.slack_api_url)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        token_verification_enabled=False,
        logger=log,
    )
    bot = BotContext(engine_provider=engine_provider, store=SlackStore(settings.slack_db_path))

    @app.middleware
    def drop_duplicate_events(body: dict, next) -> BoltResponse | None:
        """Slack retries (X-Slack-Retry-Num) and duplicate deliveries share an event_id: answer it once."""
        event_id = body.get("event_id")
        if event_id and not bot.store.first_time(event_id):
            log.info("skipping duplicate delivery of %s", event_id)
            return BoltResponse(status=200, body="")
        return next()

    register_listeners(app, bot)
    return app, bot
