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
from index.core import answer, in_context, topic_question

log = logging.getLogger("cbcf.slack")
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

    def ask(self, question: str, channel: str | None, *, share: bool = False) -> tuple[dict, list[dict], str]:
        """Answer through the core and build the message; on failure, an apology with a reference."""
        try:
            engine = self.engine_provider()
            if engine is None:
                raise RuntimeError("the index is not ready")
            reply = answer(question, engine=engine).model_dump()
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
