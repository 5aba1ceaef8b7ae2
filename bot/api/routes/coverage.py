"""What the page shows before anyone asks: which statements are indexed, their topics, questions they answer."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from bot.api.deps import EngineDep, ReaderDep, SettingsDep, VisitorDep
from bot.api.routes.ask import ERRORS
from bot.api.schemas import Coverage, CoveredStatement, PageConfig
from bot.links import statement_link
from index.core import answered_questions, statements

router = APIRouter(prefix="/v1", tags=["coverage"])


def _coverage(engine) -> Coverage:
    found = sorted(statements(engine).values(), key=lambda s: (-int(s.meta.get("year") or 0), s.doc_id))
    documents = [
        CoveredStatement(
            doc_id=s.doc_id,
            title=s.meta.get("title") or s.doc_id,
            year=int(s.meta.get("year") or 0),
            date=str(s.meta.get("date") or s.meta.get("year") or ""),
            place=s.meta.get("place") or None,
            link=statement_link(s.doc_id),
            sections=s.sections,
        )
        for s in found
    ]
    return Coverage(documents=documents, suggestions=answered_questions(engine))


@router.get("/coverage", response_model=Coverage, responses=ERRORS, summary="What the statements cover")
async def coverage(_: ReaderDep, engine: EngineDep) -> Coverage:
    """The indexed statements (newest first) with their section headings, and questions the index answers."""
    return await run_in_threadpool(_coverage, engine)  # the suggestions are checked once per index: model calls


@router.get("/config", response_model=PageConfig, summary="What the web page needs to know")
async def config(_: VisitorDep, settings: SettingsDep) -> PageConfig:
    """Whether the read endpoints need an API key (the page shows its key field only then)."""
    return PageConfig(api_keys_required=bool(settings.api_key_set))
