"""Button listeners: share an ephemeral answer, and 👍/👎 feedback."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.context import BotContext
from bot.slack.listeners.actions.feedback import make_feedback
from bot.slack.listeners.actions.share import make_share


def register(app: App, bot: BotContext) -> None:
    """Attach the button listeners."""
    app.action("share_answer")(make_share(bot))
    feedback = make_feedback(bot)
    app.action("feedback_up")(feedback)
    app.action("feedback_down")(feedback)
