"""Direct messages, and replies in threads the bot already answered (follow-ups without a mention)."""

from __future__ import annotations

from bot.slack.context import BotContext, clean_question, post_answer, thread_turn


def make_message(bot: BotContext):
    """The message callback."""

    def message(event: dict, context, client, logger) -> None:
        if event.get("subtype") or event.get("bot_id") or event.get("user") == context.get("bot_user_id"):
            return  # edits, joins, and messages from bots (this one included) are not questions
        if context.get("bot_user_id") and f"<@{context['bot_user_id']}" in event.get("text", ""):
            return  # a mention: the app_mention listener answers it
        channel = event["channel"]
        text = clean_question(event.get("text", ""))
        if not text:
            return
        thread_ts = event.get("thread_ts")
        previous = bot.store.thread_question(channel, thread_ts) if thread_ts else None
        if event.get("channel_type") != "im" and previous is None:
            return  # channel chatter outside the bot's threads is not for the bot
        question, topic = thread_turn(previous, text)
        reply = post_answer(bot, client, channel, thread_ts, question)
        if reply.get("answer"):
            bot.store.remember_thread(channel, thread_ts or event["ts"], topic)

    return message
