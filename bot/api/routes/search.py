"""GET /v1/search: ranked passages with citation fields, no answer composition."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from bot.api.deps import EngineDep, ReaderDep
from bot.api.routes.ask import ERRORS
from bot.api.schemas import SearchResponse
from index.core import search

router = APIRouter(prefix="/v1", tags=["search"])


@router.get("/search", response_model=SearchResponse, responses=ERRORS, summary="Rank statement passages")
async def search_passages(
    _: ReaderDep,
    engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="The query.")],
    k: Annotated[int, Query(ge=1, le=20, description="How many passages.")] = 5,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Only this statement year.")] = None,
) -> SearchResponse:
    """The k passages most relevant to the query, best first."""
    results = await run_in_threadpool(search, q, engine=engine, year=year, k=k)
    return SearchResponse(query=q, year=year, results=results)
