"""Share button on an ephemeral /cbcf answer: post it to the channel for everyone."""

from __future__ import annotations

from bot.slack.blocks import answer_blocks, fallback_text
from bot.slack.context import BotContext


def make_share(bot: BotContext):
    """The share_answer callback."""

    def share_answer(ack, body: dict, action: dict, client, logger) -> None:
        ack()
        user = body["user"]["id"]
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        reply = bot.store.get_answer(action["value"])
        if reply is None or not channel:
            client.chat_postEphemeral(channel=channel, user=user, text="That answer can no longer be shared.")
            return
        blocks = answer_blocks(reply, answer_id=action["value"], shared_by=user)
        client.chat_postMessage(channel=channel, blocks=blocks, text=fallback_text(reply))

    return share_answer
