"""👍 / 👎 on an answer: store the vote with the question, answer and citations, and thank the user."""

from __future__ import annotations

from bot.slack.context import BotContext


def make_feedback(bot: BotContext):
    """The feedback_up / feedback_down callback."""

    def feedback(ack, body: dict, action: dict, client, logger) -> None:
        ack()
        user = body["user"]["id"]
        channel = (body.get("channel") or {}).get("id")
        vote = "up" if action["action_id"] == "feedback_up" else "down"
        stored = bot.feedback.add_feedback(action["value"], vote, user, channel)
        text = "Thanks, your feedback was recorded." if stored else "Sorry, that answer is no longer on record."
        if channel:
            thread_ts = (body.get("message") or {}).get("thread_ts")
            client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)

    return feedback
