"""What the listeners share: how to reach the engine, the store, and the one way to ask a question."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.logs import bound, current_id, new_id
from bot.slack.blocks import answer_blocks, apology_blocks, fallback_text
from bot.slack.store import SlackStore
from index.core import answer, topic_terms

log = logging.getLogger("cbcf.slack")
_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")
FOLLOW_UP_WORDS = 8


def clean_question(text: str) -> str:
    """The question with bot mentions and Slack link markup removed."""
    text = _MENTION.sub(" ", text or "")
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def follow_up(previous: str | None, text: str) -> str:
    """A short follow-up with no topic of its own ("and in 2022?") inherits the previous question."""
    if not previous or topic_terms(text) or len(text.split()) > FOLLOW_UP_WORDS:
        return text
    return f"{previous} {text}"


@dataclass
class BotContext:
    """Dependencies of the listeners."""

    engine_provider: Callable
    store: SlackStore

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
        answer_id = self.store.save_answer(question, reply, channel)
        return reply, answer_blocks(reply, answer_id=answer_id, share=share), fallback_text(reply)
