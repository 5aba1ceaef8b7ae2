"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.context import BotContext
from bot.slack.listeners.commands.cbcf import make_cbcf_command


def register(app: App, bot: BotContext) -> None:
    """Attach /cbcf."""
    app.command("/cbcf")(make_cbcf_command(bot))
