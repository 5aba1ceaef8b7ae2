"""@mention in a channel: answer in a thread under the question."""

from __future__ import annotations

from bot.slack.blocks import usage_blocks
from bot.slack.context import BotContext, clean_question, post_answer, thread_turn


def make_app_mention(bot: BotContext):
    """The app_mention callback."""

    def app_mention(event: dict, client, logger) -> None:
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event["ts"]
        text = clean_question(event.get("text", ""))
        if not text:
            client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, blocks=usage_blocks(), text="Ask me about the CBCF statements."
            )
            return
        previous = bot.store.thread_question(channel, thread_ts) if event.get("thread_ts") else None
        question, topic = thread_turn(previous, text)
        reply = post_answer(bot, client, channel, thread_ts, question)
        if reply.get("answer"):
            bot.store.remember_thread(channel, thread_ts, topic)

    return app_mention
