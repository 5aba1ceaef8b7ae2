"""Slack AI assistant threads: suggested prompts on start, a status while searching, the answer."""

from __future__ import annotations

from slack_bolt import App, Assistant

from bot.slack.context import BotContext, clean_question

SUGGESTED_PROMPTS = [
    {"title": "Ghost guns", "message": "What was agreed on ghost guns?"},
    {"title": "Fentanyl precursors", "message": "What did the ministers say about fentanyl precursor chemicals?"},
    {"title": "2022 vs 2023", "message": "How did the firearms commitments change between 2022 and 2023?"},
]


def register(app: App, bot: BotContext) -> None:
    """Attach the assistant middleware."""
    assistant = Assistant()

    @assistant.thread_started
    def thread_started(say, set_suggested_prompts, logger) -> None:
        say("Ask me what the United States and Canada agreed at the Cross-Border Crime Forum.")
        set_suggested_prompts(prompts=SUGGESTED_PROMPTS)

    @assistant.user_message
    def user_message(payload: dict, set_status, say, logger) -> None:
        set_status("Searching the statements…")
        question = clean_question(payload.get("text", ""))
        _, blocks, text = bot.ask(question, payload.get("channel"))
        say(blocks=blocks, text=text)

    app.use(assistant)
