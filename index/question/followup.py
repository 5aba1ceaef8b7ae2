"""Follow-ups in a conversation: a short turn with no topic of its own ("and in 2022?") asks the earlier question
again with what it adds; a turn that names a topic ("what about firearms?") stands on its own."""

from __future__ import annotations

from collections.abc import Sequence

from index.question.plan import topic_terms

FOLLOW_UP_WORDS = 8  # a longer turn is a question of its own even without topic words


def is_follow_up(previous: str | None, text: str) -> bool:
    """Whether a turn leans on the previous question: there is one, and the turn is short and names no topic."""
    return bool(previous) and not topic_terms(text) and len(text.split()) <= FOLLOW_UP_WORDS


def follow_up(previous: str | None, text: str) -> str:
    """The question a turn asks: a follow-up is the previous question followed by the turn, else the turn itself."""
    return f"{previous} {text}" if is_follow_up(previous, text) else text


def topic_question(turns: Sequence[str]) -> str | None:
    """The last turn that stands on its own (what the next follow-up extends), or None for no turns."""
    base: str | None = None
    for turn in turns:
        if not is_follow_up(base, turn):
            base = turn
    return base


def in_context(history: Sequence[str], text: str) -> str:
    """The question a new turn asks after earlier turns (oldest first, as typed): follow-ups extend the last turn
    that stood on its own, so "and in 2022?" then "and in 2023?" each ask the original question of one year."""
    return follow_up(topic_question(history), text)
