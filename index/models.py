"""The public answer contract shared by the CLI, HTTP API, Slack bot and eval."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    """One cited source sentence and where it comes from."""

    n: int = Field(description="Marker number used as [n] in the answer text.")
    doc_id: str
    title: str
    date: str = Field(description="Statement date; starts with the 4-digit year.")
    place: str | None = None
    section: str | None = None
    quote: str = Field(description="Verbatim source text.")
    score: float = Field(description="Relevance of the quote to the question, 0 to 1.")
    url: str | None = Field(None, description="Where the statement itself is published, when known.")
    unit_id: str | None = Field(None, description="The quoted unit's id in the index (its anchor u-<unit_id>).")
    link: str | None = Field(
        None,
        description="Where to read the quote in its statement: /statements/{doc_id}#u-{unit_id} on the HTTP "
        "service (absolute when its public base URL is configured); set by the HTTP API.",
    )


class Verification(BaseModel):
    """How a generated answer fared against its sources (LLM modes only)."""

    generated: int = Field(0, description="Sentences the model wrote.")
    removed: int = Field(0, description="Sentences removed as unsupported or wrongly cited.")
    quoted: int = Field(0, description="Sources quoted verbatim after the kept sentences, which left out their facts.")
    fallback: str | None = Field(None, description="Why the extractive answer was returned instead, if it was.")


class Answer(BaseModel):
    """An answer built only from cited statement text, or an abstention."""

    question: str
    answer: str
    abstained: bool
    mode: str = Field("extractive", description="extractive, llm (all generated sentences verified) or llm-verified.")
    citations: list[Citation] = Field(default_factory=list)
    latency_ms: float = 0.0
    verification: Verification | None = Field(
        None, exclude_if=lambda v: v is None, description="Present only when an LLM is configured."
    )


class QuestionError(ValueError):
    """The question cannot be answered as asked (empty, too long, unreadable)."""
