"""/cbcf <question>: an answer only the asker sees, with a button to share it to the channel."""

from __future__ import annotations

from bot.slack.blocks import usage_blocks
from bot.slack.context import BotContext, clean_question


def make_cbcf_command(bot: BotContext):
    """The /cbcf callback: acknowledge at once, then answer ephemerally."""

    def cbcf_command(ack, command: dict, client, logger) -> None:
        ack()
        channel, user = command["channel_id"], command["user_id"]
        question = clean_question(command.get("text", ""))
        if not question:
            client.chat_postEphemeral(
                channel=channel, user=user, blocks=usage_blocks(), text="Ask me about the CBCF statements."
            )
            return
        _, blocks, text = bot.ask(question, channel, share=True)
        client.chat_postEphemeral(channel=channel, user=user, blocks=blocks, text=text)

    return cbcf_command
