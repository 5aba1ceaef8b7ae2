"""API fixtures: the real app over the shared engine, and apps over engines of their own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.api import create_app
from bot.api.settings import HTTPSettings
from index.core import ingest_paths
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine


def client_for(engine, raise_errors: bool = True, **overrides) -> TestClient:
    """A TestClient (lifespan included) over an app sharing an already loaded engine."""
    fields = {"rate_limit_per_minute": 0, **overrides}
    return TestClient(create_app(HTTPSettings(**fields), engine=engine), raise_server_exceptions=raise_errors)


@pytest.fixture(scope="module")
def client(engine):
    with client_for(engine) as c:
        yield c


@pytest.fixture
def own_engine(tmp_path, embedder):
    """An engine with the bundled statements in a data folder of its own (safe to modify)."""
    eng = make_engine(tmp_path / "data", embedder)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    return eng


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def base_url(engine):
    """The real app on a loopback port (uvicorn), over the shared engine."""
    from bot.api.settings import HTTPSettings as Settings
    from tests.bot.faults import LiveService

    with LiveService(create_app(Settings(rate_limit_per_minute=0), engine=engine)) as service:
        yield service.url


@pytest.fixture(scope="module")
def browser():
    from tests.bot.api.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, base_url):
    """A desktop-sized page on the service."""
    from tests.bot.api.browser import open_page

    with open_page(browser, base_url) as pg:
        yield pg
