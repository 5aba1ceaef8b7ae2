"""The FastAPI service: create_app(settings) builds the engine once per process in its lifespan."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from bot.api import errors
from bot.api.middleware import RequestMiddleware
from bot.api.routes import ask, coverage, documents, health, page, search, statements
from bot.api.routes import feedback as votes
from bot.api.settings import HTTPSettings
from bot.api.state import AppState, EngineFactory
from bot.feedback import FeedbackStore
from bot.logs import install as stamp_correlation_ids
from index.core import Engine, yield_bulk_work

DESCRIPTION = (
    "Answers questions about the US-Canada Cross-Border Crime Forum joint statements with verbatim, "
    "cited sentences, or abstains when the statements don't cover the question."
)


def create_app(
    settings: HTTPSettings | None = None,
    engine: Engine | None = None,
    engine_factory: EngineFactory | None = None,
    feedback: FeedbackStore | None = None,
) -> FastAPI:
    """The app; pass an engine to share one already loaded (tests), else the lifespan builds one.

    engine_factory builds it (default: index.core.open_engine, from the CBCF_ environment). feedback: the store
    of answers and votes shared with Slack (default: one in the engine's data dir, or CBCF_SLACK_DB).
    """
    settings = settings or HTTPSettings()
    state = AppState(settings, engine, engine_factory, feedback)
    stamp_correlation_ids()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield_bulk_work()  # uploads embed and write at a lower priority than the questions answered meanwhile
        await run_in_threadpool(state.start)
        if state.engine is not None:
            docs = state.engine.documents()
            logging.getLogger("cbcf.api").info(
                "%d statements, %d sentences indexed (data dir %s) — open http://%s:%d/",
                len(docs),
                sum(d["units"] for d in docs),
                state.engine.settings.data_dir,
                settings.host,
                settings.port,
            )
        yield

    app = FastAPI(
        title="CBCF statements Q&A",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.cbcf = state
    errors.install(app)
    for module in (ask, search, documents, coverage, votes, health, page, statements):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")
    app.mount("/docs-static", StaticFiles(directory=page.SWAGGER_DIR), name="docs-static")
    app.add_middleware(RequestMiddleware, state=state)
    state.metrics.instrument(app)
    return app
