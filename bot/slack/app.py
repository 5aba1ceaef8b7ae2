"""Build the Bolt app: Web API client (base URL configurable), lazy auth, duplicate filter, listeners."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.context import BotContext
from bot.slack.listeners import register_listeners
from bot.slack.settings import SlackSettings
from bot.slack.store import SlackStore

log = logging.getLogger("cbcf.slack")


def lazy_authorize(token: str) -> Callable:
    """Bolt authorize function: auth.test on first use, cached once it succeeds, retried while it fails."""
    cached: dict[str, AuthorizeResult] = {}
    lock = threading.Lock()

    def authorize(client, logger) -> AuthorizeResult:
        with lock:
            if "result" in cached:
                return cached["result"]
        try:
            response = client.auth_test(token=token)
        except SlackApiError:
            raise
        except Exception as exc:  # Slack unreachable: this request fails, the next one tries again
            logger.error("auth.test failed: %r", exc)
            raise SlackApiError("Slack Web API unreachable", {"ok": False, "error": repr(exc)}) from exc
        result = AuthorizeResult.from_auth_test_response(auth_test_response=response, bot_token=token)
        with lock:
            cached["result"] = result
        return result

    return authorize


def create_bolt_app(settings: SlackSettings, engine_provider: Callable) -> tuple[App, BotContext]:
    """A Bolt app that starts without reaching Slack (auth.test runs lazily on the first request)."""
    client = WebClient(base_url=settings.slack_api_url)
    app = App(
        client=client,
        authorize=lazy_authorize(settings.slack_bot_token),
        signing_secret=settings.slack_signing_secret or None,
        logger=log,
    )
    bot = BotContext(engine_provider=engine_provider, store=SlackStore(settings.db_path))

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
