"""Share button on an ephemeral /cbcf answer: post it to the channel for everyone."""

from __future__ import annotations

from bot.slack.blocks import answer_blocks, fallback_text
from bot.slack.context import BotContext


def make_share(bot: BotContext):
    """The share_answer callback."""

    def share_answer(ack, body: dict, action: dict, respond) -> None:
        """Post the answer to the channel through the ephemeral message's response URL, as /cbcf answered."""
        ack()
        user = body["user"]["id"]
        reply = bot.feedback.get_answer(action["value"])
        if reply is None:
            respond(text="That answer can no longer be shared.", response_type="ephemeral", replace_original=False)
            return
        blocks = answer_blocks(reply, answer_id=action["value"], shared_by=user, base_url=bot.public_base_url)
        respond(blocks=blocks, text=fallback_text(reply), response_type="in_channel", replace_original=False)

    return share_answer
