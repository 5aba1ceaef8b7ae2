"""The Answerer seam: what turns a question's extractive draft into the answer a user gets."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from index.models import Answer
from index.question.plan import QueryPlan

Event = tuple[str, object]  # ("citations", list[dict]) | ("delta", str) | ("done", Answer)


@dataclass(frozen=True)
class Draft:
    """A question's extractive answer (quoted sentences or an abstention) and the plan it was built from."""

    question: str
    plan: QueryPlan
    extractive: Answer


class Answerer(ABC):
    """Extractive and LLM answering behind one interface, chosen once when the engine is built.

    respond() gives the whole answer; stream() gives the same answer as events, ending with ("done", Answer).
    """

    cacheable: ClassVar[bool] = True  # the same question on the same index always gets the same answer
    blocking: ClassVar[bool] = False  # respond() may wait on something slow (an LLM): keep it off event loops

    @abstractmethod
    def respond(self, draft: Draft) -> Answer:
        """The answer for a draft."""

    def stream(self, draft: Draft) -> Iterator[Event]:
        """The answer for a draft as events; by default the finished answer, replayed."""
        yield from replay_events(self.respond(draft))


def replay_events(reply: Answer) -> Iterator[Event]:
    """Events for an answer that is already complete."""
    yield "citations", [c.model_dump() for c in reply.citations]
    for piece in re.findall(r"\S+\s*|\s+", reply.answer):
        yield "delta", piece
    yield "done", reply
