"""Opt-in generative answers: the LLM rewrites the retrieved sources, and only verified sentences survive."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from index.answering.base import Answerer, Draft, Event, replay_events
from index.generation.clients import build_messages
from index.generation.coverage import dropped, quoted_segments
from index.generation.verify import Source, Verified, join_sentences, separator, source_for_model, split_claims, verify
from index.models import Answer, Verification

log = logging.getLogger("cbcf.llm")
_PARTIAL_MARKERS = re.compile(r"\[\d*\]?")


def model_sources(extractive: Answer) -> list[dict]:
    """The extractive answer's citations as numbered sources, instruction-like sentences withheld."""
    sources = []
    for citation in extractive.citations:
        quote = source_for_model(citation.quote)
        if quote:
            sources.append({**citation.model_dump(), "quote": quote})
    return sources


def numbered(sources: list[dict]) -> dict[int, Source]:
    """The model's sources by marker, with the title and year a sentence may also rely on."""
    return {s["n"]: Source(s["quote"], s.get("title", ""), s.get("date", "")[:4]) for s in sources}


def completion(extractive: Answer, verified: Verified) -> tuple[str, list[int]]:
    """The extractive quotes for the sources whose facts the kept sentences leave out, and their markers.

    The answer falls back sentence by sentence: what the model restated stays, what it dropped is quoted.
    """
    quotes = {c.n: c.quote for c in extractive.citations}
    segments = quoted_segments(extractive.answer)
    missing = [n for n in dropped(verified.sentences, quotes) if n in segments]
    pieces = list(dict.fromkeys(segments[n] for n in missing))
    return join_sentences(pieces), [c.n for c in extractive.citations if any(f"[{c.n}]" in p for p in pieces)]


def _fallback(extractive: Answer, reason: str, verified: Verified | None = None) -> Answer:
    fields = {"event": "llm_fallback", "reason": reason, "question": extractive.question}
    log.warning("llm_fallback: %s", reason, extra=fields)
    generated, removed = (verified.generated, verified.removed) if verified else (0, 0)
    return extractive.model_copy(
        update={"verification": Verification(generated=generated, removed=removed, fallback=reason)}
    )


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    text = str(exc).lower()
    if "timeout" in name.lower() or "timed out" in text:
        return "timeout"
    if "connect" in name.lower() or "connection" in text:
        return "unreachable"
    return f"error: {name}"


def _result(extractive: Answer, verified: Verified, added: tuple[str, list[int]] | None = None) -> Answer:
    quoted, missing = added or completion(extractive, verified)
    cited = set(verified.cited) | set(missing)
    return Answer(
        question=extractive.question,
        answer=join_sentences([t for t in (verified.text, quoted) if t]),
        abstained=False,
        mode="llm" if verified.removed == 0 else "llm-verified",
        citations=[c for c in extractive.citations if c.n in cited],
        verification=Verification(generated=verified.generated, removed=verified.removed, quoted=len(missing)),
    )


def generate(llm, question: str, extractive: Answer, *, compare: bool = False) -> Answer:
    """A fluent answer from the LLM if it survives verification, else the extractive one."""
    sources = model_sources(extractive)
    if not sources:
        return _fallback(extractive, "no usable sources")
    try:
        response = llm.chat(build_messages(question, sources, compare))
        output = response.message.content or ""
    except Exception as exc:  # any LLM failure falls back; the user still gets a cited answer
        return _fallback(extractive, _reason(exc))
    if not output.strip():
        return _fallback(extractive, "empty output")
    verified = verify(output, numbered(sources))
    if not verified.sentences:
        return _fallback(extractive, "no supported sentence", verified)
    return _result(extractive, verified)


def _begun(text: str) -> bool:
    """Whether the next sentence has begun: more than markers (a sentence's "[1]" may still be on its way)."""
    return bool(_PARTIAL_MARKERS.sub("", text).strip())


def stream_generate(llm, question: str, extractive: Answer, *, compare: bool = False) -> Iterator[Event]:
    """Stream only verified sentences: tokens are buffered to sentence boundaries and checked one by one."""
    sources = model_sources(extractive)
    by_number = numbered(sources)
    verified = Verified()
    yield "citations", [c.model_dump() for c in extractive.citations]
    buffer, failure = "", None

    def settle(sentences: list[str]) -> Iterator[Event]:
        for sentence in sentences:
            text = verified.add(sentence, by_number)
            if text is not None:
                yield "delta", (separator(text) if len(verified.sentences) > 1 else "") + text

    try:
        if not sources:
            raise ValueError("no usable sources")
        for chunk in llm.stream_chat(build_messages(question, sources, compare)):
            buffer += chunk.delta or ""
            claims = split_claims(buffer)
            if len(claims) > 1 and _begun(claims[-1]):  # all but the last sentence are complete
                yield from settle(claims[:-1])
                buffer = claims[-1] + (" " if buffer[-1:].isspace() else "")  # a word may end with the piece
    except Exception as exc:
        failure = _reason(exc) if sources else "no usable sources"
    if failure is None:
        yield from settle(split_claims(buffer))
    if verified.sentences:
        added = completion(extractive, verified)
        if added[0]:
            yield "delta", separator(added[0]) + added[0]
        yield "done", _result(extractive, verified, added)
        return
    reason = failure or ("empty output" if not verified.generated else "no supported sentence")
    fallback = _fallback(extractive, reason, verified)
    for name, data in replay_events(fallback):
        if name != "citations":
            yield name, data


class LLMAnswerer(Answerer):
    """Has an LLM rewrite the extractive answer's sources; only verified sentences reach the user.

    Abstentions stay abstentions: the LLM is asked only when the extractive step found something to quote.
    """

    cacheable = False
    blocking = True

    def __init__(self, llm):
        self.llm = llm

    def respond(self, draft: Draft) -> Answer:
        """A verified generated answer, or the extractive one when nothing the LLM wrote survives."""
        if draft.extractive.abstained:
            return draft.extractive
        return generate(self.llm, draft.plan.text, draft.extractive, compare=draft.plan.compare)

    def stream(self, draft: Draft) -> Iterator[Event]:
        """Verified sentences as they are generated, then the whole answer."""
        if draft.extractive.abstained:
            return replay_events(draft.extractive)
        return stream_generate(self.llm, draft.plan.text, draft.extractive, compare=draft.plan.compare)
