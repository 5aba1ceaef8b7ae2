"""Event listeners: mentions in channels, direct messages, follow-ups in threads."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.context import BotContext
from bot.slack.listeners.events.app_mention import make_app_mention
from bot.slack.listeners.events.message import make_message


def register(app: App, bot: BotContext) -> None:
    """Attach the event listeners."""
    app.event("app_mention")(make_app_mention(bot))
    app.event("message")(make_message(bot))
