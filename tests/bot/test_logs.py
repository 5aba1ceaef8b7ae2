"""The service's logs, as an operator reads them: one JSON object per line, every line of a request with its id."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logs import bound, configure, current_id
from index.core import LLMSettings, open_engine
from index.settings import EngineSettings
from tests.bot.api.conftest import client_for
from tests.llm_server import ScriptedLLM

GHOST = {"question": "what was agreed on ghost guns?"}


@pytest.fixture
def json_lines():
    """What the JSON handler writes while the test runs, as a function returning the parsed lines."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    handler = configure(logging.INFO, stream)
    lines = stream.getvalue
    try:
        # json.loads fails on any line that is not JSON; the test client's own lines (httpx) are not the service's.
        yield lambda: [line for line in map(json.loads, lines().splitlines()) if not line["logger"].startswith("httpx")]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_every_line_of_a_failing_request_carries_its_id_and_the_traceback_is_inside(engine, monkeypatch, json_lines):
    with client_for(engine, raise_errors=False) as c:
        monkeypatch.setattr(engine.embedder, "embed_question", lambda text, focus=(): 1 / 0)
        before = len(json_lines())
        res = c.post("/v1/ask", json={"question": "a question nobody asked yet"}, headers={"X-Request-ID": "req-42"})
        lines = json_lines()[before:]
    assert res.status_code == 500 and res.headers["x-request-id"] == "req-42"
    assert lines and {line["correlation_id"] for line in lines} == {"req-42"}
    error = next(line for line in lines if line.get("event") == "error")
    assert error["level"] == "ERROR" and error["logger"] == "cbcf.api" and error["path"] == "/v1/ask"
    assert error["exception"].startswith("Traceback") and "ZeroDivisionError" in error["exception"]
    access = next(line for line in lines if line.get("event") == "request")
    assert (access["status"], access["route"], access["method"]) == (500, "/v1/ask", "POST")
    assert {"time", "message"} <= set(access)


def test_requests_get_their_own_ids_and_nothing_leaks_between_them(engine, json_lines):
    with client_for(engine) as c:
        before = len(json_lines())
        ids = [c.post("/v1/ask", json=GHOST).headers["x-request-id"] for _ in range(2)]
        lines = json_lines()[before:]
    assert len(set(ids)) == 2
    assert [line["correlation_id"] for line in lines if line.get("event") == "request"] == ids
    assert current_id() is None


def test_the_llm_fallback_line_carries_the_request_id(engine, embedder, json_lines):
    server = ScriptedLLM()
    try:
        llm = LLMSettings(llm="openai", llm_base_url=server.base_url, llm_model="scripted", llm_timeout_s=2.0)
        gen_engine = open_engine(EngineSettings(data_dir=engine.settings.data_dir), llm, embedder=embedder)
        server.script({"status": 500})
        with client_for(gen_engine) as c:
            before = len(json_lines())
            res = c.post("/v1/ask", json=GHOST, headers={"X-Request-ID": "req-llm"})
            lines = json_lines()[before:]
    finally:
        server.close()
    assert res.json()["mode"] == "extractive"
    fallback = next(line for line in lines if line.get("event") == "llm_fallback")
    assert fallback["correlation_id"] == "req-llm" and fallback["reason"].startswith("error")
    assert fallback["logger"] == "cbcf.llm" and fallback["question"] == GHOST["question"]


def test_records_outside_any_request_have_no_id_and_bound_ids_nest(json_lines):
    log = logging.getLogger("cbcf.test")
    log.info("outside")
    with bound("outer"):
        with bound("inner"):
            log.info("inner")
        log.info("outer", extra={"event": "x"})
    assert [(line["message"], line["correlation_id"]) for line in json_lines()] == [
        ("outside", None),
        ("inner", "inner"),
        ("outer", "outer"),
    ]
