"""Listener registration, one package per kind as in Slack's Bolt starter template."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.context import BotContext
from bot.slack.listeners import actions, assistant, commands, events


def register_listeners(app: App, bot: BotContext) -> None:
    """Attach every listener to the Bolt app."""
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)
    assistant.register(app, bot)
