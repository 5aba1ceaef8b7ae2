"""Request and response models of the HTTP API (the answer contract itself is index.models)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Literal, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from index.models import Answer, Citation
from ingest.models import DocumentMeta

ANSWER_ID = r"^[0-9a-f]{32}$"
MAX_HISTORY = 10


class Turn(BaseModel):
    """An earlier question of the conversation."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=1000, description="The question as it was typed.")
    answer_id: str | None = Field(
        None,
        pattern=ANSWER_ID,
        description="The answer_id it got. When this service knows it, the question that turn was about is "
        "taken from it, so the turns before it may be left out.",
    )


class AskRequest(BaseModel):
    """A question, optionally limited to one statement year, optionally after earlier turns of a conversation."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"question": "what was agreed on ghost guns?"},
                {"question": "and in 2022?", "history": [{"question": "what was agreed on ghost guns?"}]},
            ]
        }
    )

    question: str = Field(min_length=1, max_length=1000, description="The question, 1 to 1,000 characters.")
    year: int | None = Field(None, ge=1900, le=2100, description="Only use the statement from this year.")
    top_k: int | None = Field(None, ge=1, le=10, description="Most sources to quote.")
    history: list[Turn] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="Earlier questions of the conversation, oldest first (at most 10). A short follow-up with no "
        'topic of its own ("and in 2022?") asks the last question that named one again; "what about firearms?" '
        "is a question of its own. The answer's `question` says how it was read.",
    )


class AskResponse(Answer):
    """The answer contract, plus the id to give feedback on it or to refer to it in a later turn."""

    answer_id: str | None = Field(None, description="Id of this answer for POST /v1/feedback and history.")


class FeedbackRequest(BaseModel):
    """A vote on an answer this service gave."""

    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(pattern=ANSWER_ID, description="The answer_id of the answer.")
    vote: Literal["up", "down"] = Field(description="up: helpful; down: not helpful.")


class FeedbackResult(BaseModel):
    """The vote was stored."""

    recorded: bool


class CoveredStatement(BaseModel):
    """An indexed statement as the start page lists it."""

    doc_id: str
    title: str
    year: int
    date: str
    place: str | None = None
    link: str = Field(description="Its page: the whole statement, sections as headings.")
    sections: list[str] = Field(description="Its section headings, in order: the topics it covers.")


class Coverage(BaseModel):
    """What the indexed statements cover, and questions they are known to answer."""

    documents: list[CoveredStatement]
    suggestions: list[str] = Field(
        description="Questions built from the section headings that the index answers (checked once per index)."
    )


class PageConfig(BaseModel):
    """What the web page needs to know about this service."""

    api_keys_required: bool = Field(description="Whether read endpoints need an API key.")


class SearchResponse(BaseModel):
    """Ranked passages for a query, with no answer composed."""

    query: str
    year: int | None = None
    results: list[Citation]


_META_TYPES = get_type_hints(DocumentMeta)
# An indexed statement: the statement's own fields (as ingest defines them) and how many units it has.
DocumentInfo = create_model(
    "DocumentInfo",
    __doc__="An indexed statement.",
    **{f.name: (_META_TYPES[f.name], ... if f.default is MISSING else f.default) for f in fields(DocumentMeta)},
    units=(int, Field(description="Sentence units indexed from this statement.")),
)


class DocumentList(BaseModel):
    """Every indexed statement."""

    documents: list[DocumentInfo]


class IngestResult(BaseModel):
    """What an upload changed in the index."""

    added: list[str]
    updated: list[str]
    unchanged: list[str]
    units_embedded: int
    units_total: int


class ErrorResponse(BaseModel):
    """A 4xx/5xx reason."""

    detail: str | list = Field(description="What was wrong with the request.")
    correlation_id: str | None = None


class Health(BaseModel):
    """Liveness or readiness."""

    status: str
    documents: int | None = None
    detail: str | None = None


__all__ = [
    "Answer",
    "AskRequest",
    "AskResponse",
    "Coverage",
    "CoveredStatement",
    "FeedbackRequest",
    "FeedbackResult",
    "PageConfig",
    "Turn",
    "Citation",
    "DocumentInfo",
    "DocumentList",
    "ErrorResponse",
    "Health",
    "IngestResult",
    "SearchResponse",
]
