"""What the listeners share: how to reach the engine, the stores, and the one way to ask a question."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.feedback import FeedbackStore
from bot.logs import bound, current_id, new_id
from bot.slack.blocks import answer_blocks, apology_blocks, fallback_text
from bot.slack.store import SlackStore
from index.core import answer, answer_events, in_context, topic_question

log = logging.getLogger("cbcf.slack")
WORKING = "Searching the statements…"
_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")


def clean_question(text: str) -> str:
    """The question with bot mentions and Slack link markup removed."""
    text = _MENTION.sub(" ", text or "")
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def thread_turn(previous: str | None, text: str) -> tuple[str, str]:
    """The question a message in a thread asks, and what the thread keeps for the next follow-up (the core's
    follow-up rules, as on the web page: "and in 2022?" extends the last question that stood on its own)."""
    earlier = [previous] if previous else []
    return in_context(earlier, text), topic_question([*earlier, text]) or text


@dataclass
class BotContext:
    """Dependencies of the listeners."""

    engine_provider: Callable
    store: SlackStore
    feedback: FeedbackStore
    public_base_url: str = ""

    def streams(self) -> bool:
        """Whether answers take long enough (a generative model) to be shown sentence by sentence."""
        engine = self.engine_provider()
        return engine is not None and engine.answerer.blocking

    def ask(
        self, question: str, channel: str | None, *, share: bool = False, progress: Callable[[str], None] | None = None
    ) -> tuple[dict, list[dict], str]:
        """Answer through the core and build the message; on failure, an apology with a reference.

        progress: called with the answer so far each time a generated sentence passes verification.
        """
        try:
            engine = self.engine_provider()
            if engine is None:
                raise RuntimeError("the index is not ready")
            reply = _streamed(question, engine, progress) if progress else answer(question, engine=engine).model_dump()
        except Exception:  # never silence: apologise in Slack with the reference the log line carries
            with bound(current_id() or new_id()) as ref:
                log.exception("slack answer failed", extra={"event": "slack_answer_failed"})
            return (
                {"question": question, "answer": "", "abstained": True, "citations": []},
                apology_blocks(ref),
                ("Sorry, something went wrong while searching the statements."),
            )
        answer_id = self.feedback.save_answer(question, reply, channel)
        blocks = answer_blocks(reply, answer_id=answer_id, share=share, base_url=self.public_base_url)
        return reply, blocks, fallback_text(reply)


def _streamed(question: str, engine, progress: Callable[[str], None]) -> dict:
    """The answer, with progress told the verified text so far after each sentence."""
    text = ""
    for name, data in answer_events(question, engine=engine):
        if name == "delta":
            text += data
            progress(text)
        elif name == "done":
            return data.model_dump()
    raise RuntimeError("the answer stream ended without an answer")


def post_answer(bot: BotContext, client, channel: str, thread_ts: str | None, question: str) -> dict:
    """Answer in the channel (or thread). With a generative model, a placeholder is posted at once and updated as
    each sentence passes verification, then replaced by the whole answer; otherwise the answer is posted once."""
    if not bot.streams():
        reply, blocks, text = bot.ask(question, channel)
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, blocks=blocks, text=text)
        return reply
    placeholder = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=WORKING)
    ts = placeholder["ts"]

    def progress(so_far: str) -> None:
        client.chat_update(channel=channel, ts=ts, text=f"{so_far} …")

    reply, blocks, text = bot.ask(question, channel, progress=progress)
    client.chat_update(channel=channel, ts=ts, blocks=blocks, text=text)
    return reply
