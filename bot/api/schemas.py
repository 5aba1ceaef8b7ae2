"""Request and response models of the HTTP API (the answer contract itself is index.models)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from index.models import Answer, Citation
from ingest.models import DocumentMeta


class AskRequest(BaseModel):
    """A question, optionally limited to one statement year."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"question": "what was agreed on ghost guns?"}]})

    question: str = Field(min_length=1, max_length=1000, description="The question, 1 to 1,000 characters.")
    year: int | None = Field(None, ge=1900, le=2100, description="Only use the statement from this year.")
    top_k: int | None = Field(None, ge=1, le=10, description="Most sources to quote.")


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
    "Citation",
    "DocumentInfo",
    "DocumentList",
    "ErrorResponse",
    "Health",
    "IngestResult",
    "SearchResponse",
]
