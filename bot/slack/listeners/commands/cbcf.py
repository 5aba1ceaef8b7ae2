"""/cbcf <question>: an answer only the asker sees, with a button to share it to the channel."""

from __future__ import annotations

from bot.slack.blocks import usage_blocks
from bot.slack.context import BotContext, clean_question


def make_cbcf_command(bot: BotContext):
    """The /cbcf callback: acknowledge at once, then answer ephemerally through the command's response URL,
    which works in channels the bot is not a member of."""

    def cbcf_command(ack, command: dict, respond) -> None:
        ack()
        question = clean_question(command.get("text", ""))
        if not question:
            respond(blocks=usage_blocks(), text="Ask me about the CBCF statements.", response_type="ephemeral")
            return
        _, blocks, text = bot.ask(question, command["channel_id"], share=True)
        respond(blocks=blocks, text=text, response_type="ephemeral")

    return cbcf_command
