"""Build the Bolt app: Web API client (base URL configurable), lazy auth, duplicate filter, listeners."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from bot.feedback import FeedbackStore
from bot.logs import ContextExecutor, bound, current_id, install, new_id
from bot.slack.context import BotContext
from bot.slack.listeners import register_listeners
from bot.slack.settings import SlackSettings
from bot.slack.store import SlackStore

log = logging.getLogger("cbcf.slack")
AUTH_TIMEOUT_S = 2.0  # auth.test runs before the acknowledgement, which Slack wants within 3 s
AUTH_RETRY_FIRST, AUTH_RETRY_MAX = 2.0, 60.0
CLIENT_TIMEOUT_S = 10.0
POST_RETRIES = 3


def lazy_authorize(token: str, base_url: str, clock: Callable[[], float] = time.monotonic) -> Callable:
    """Bolt authorize function: auth.test on first use with a short timeout, cached once it succeeds.

    While Slack's Web API fails, auth.test is tried again only after a backoff (2 s, doubling to 60 s), and
    the request goes ahead with the bot token alone (no bot user id): it is acknowledged at once, and the
    listener's own Web API calls retry and log. Slack then never waits on us for more than a few seconds.
    """
    cached: dict[str, object] = {"next_try": 0.0, "wait": AUTH_RETRY_FIRST}
    lock = threading.Lock()
    probe = WebClient(base_url=base_url, timeout=AUTH_TIMEOUT_S)

    def authorize(enterprise_id, team_id, logger) -> AuthorizeResult:
        with lock:
            if "result" in cached:
                return cached["result"]
            due = clock() >= cached["next_try"]
        if due:
            try:
                response = probe.auth_test(token=token)
                result = AuthorizeResult.from_auth_test_response(auth_test_response=response, bot_token=token)
                with lock:
                    cached["result"] = result
                return result
            except Exception as exc:  # Slack unreachable or refusing: back off, don't hold the request
                logger.error("auth.test failed, retrying in %.0f s: %r", cached["wait"], exc)
                with lock:
                    cached["next_try"] = clock() + cached["wait"]
                    cached["wait"] = min(AUTH_RETRY_MAX, cached["wait"] * 2)
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=token)

    return authorize


class CorrelatedApp(App):
    """Bolt's App, each request handled under a correlation id: the HTTP request's, or (Socket Mode) its own."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        """Bolt's dispatch, with a correlation id bound (listeners get it through the context executor)."""
        if current_id() is not None:
            return super().dispatch(req)
        with bound(new_id()):
            return super().dispatch(req)


def create_bolt_app(
    settings: SlackSettings, engine_provider: Callable, feedback: FeedbackStore | None = None
) -> tuple[App, BotContext]:
    """A Bolt app that starts without reaching Slack (auth.test runs lazily on the first request).

    feedback: the store of answers and votes shared with the web page (default: one over settings.db_path).

    Its Web API client gives up on a call after CLIENT_TIMEOUT_S and retries refused connections, 5xx and
    rate-limited calls a bounded number of times with backoff (slack_sdk's retry handlers).
    """
    install()  # log records carry the correlation id
    backoff = BackoffRetryIntervalCalculator(backoff_factor=0.5)
    client = WebClient(
        base_url=settings.slack_api_url,
        timeout=CLIENT_TIMEOUT_S,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=POST_RETRIES, interval_calculator=backoff),
            ServerErrorRetryHandler(max_retry_count=POST_RETRIES, interval_calculator=backoff),
            RateLimitErrorRetryHandler(max_retry_count=POST_RETRIES),
        ],
    )
    app = CorrelatedApp(
        client=client,
        authorize=lazy_authorize(settings.slack_bot_token, settings.slack_api_url),
        signing_secret=settings.slack_signing_secret or None,
        logger=log,
        listener_executor=ContextExecutor(max_workers=5),  # listeners log with the request's correlation id
    )
    bot = BotContext(
        engine_provider=engine_provider,
        store=SlackStore(settings.db_path),
        feedback=feedback or FeedbackStore(settings.db_path),
        public_base_url=settings.public_base_url,
    )

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
