import json

import pytest

from tests.bot.api.conftest import client_for

CONTRACT = {"question", "answer", "abstained", "mode", "citations", "latency_ms", "answer_id"}  # the CLI's + answer_id
CITATION = {"n", "doc_id", "title", "date", "place", "section", "quote", "score", "url", "unit_id", "link"}
GHOST = {"question": "what was agreed on ghost guns?"}


def events_of(text: str) -> list[tuple[str, object]]:
    out = []
    for frame in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.split("\n"))
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_ask_returns_the_cli_contract(client):
    res = client.post("/v1/ask", json=GHOST)
    assert res.status_code == 200 and res.headers["x-request-id"]
    data = res.json()
    assert set(data) == CONTRACT and data["mode"] == "extractive" and not data["abstained"]
    first = data["citations"][0]
    assert set(first) == CITATION and first["date"].startswith("2023") and "ghost guns" in first["quote"]


def test_year_and_top_k_are_honoured(client):
    data = client.post("/v1/ask", json={"question": "firearms", "year": 2022, "top_k": 1}).json()
    assert len(data["citations"]) == 1 and data["citations"][0]["date"].startswith("2022")


@pytest.mark.parametrize("path, headers", [("/v1/ask", {"accept": "text/event-stream"}), ("/v1/ask/stream", {})])
def test_streaming_sends_citations_then_text_then_done(client, path, headers):
    res = client.post(path, json=GHOST, headers=headers)
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/event-stream")
    events = events_of(res.text)
    names = [name for name, _ in events]
    assert names[0] == "citations" and names[-1] == "done" and set(names[1:-1]) == {"delta"}
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert events[0][1] == done["citations"] and set(done) == CONTRACT


def test_abstention_streams_no_citations(client):
    events = events_of(client.post("/v1/ask/stream", json={"question": "Who won the Stanley Cup?"}).text)
    assert events[0] == ("citations", []) and events[-1][1]["abstained"] is True


@pytest.mark.parametrize(
    "body, reason",
    [
        ({"question": ""}, "at least 1"),
        ({"question": "   "}, "question is empty"),
        ({"question": "x" * 1001}, "at most 1000"),
        ({"question": "what\u0007about guns"}, "control characters"),
        ({"question": 5}, "valid string"),
        ({"question": "guns", "year": "soon"}, "valid integer"),
        ({"question": "guns", "year": 2019}, "no statement from 2019"),
        ({"question": "guns", "top_k": 0}, "greater than or equal to 1"),
        ({}, "Field required"),
    ],
)
def test_bad_input_is_a_422_with_a_reason(client, body, reason):
    for path in ("/v1/ask", "/v1/ask/stream"):
        res = client.post(path, json=body)
        assert res.status_code == 422, (path, res.text)
        assert reason in json.dumps(res.json()["detail"]) and res.json()["correlation_id"]


def test_malformed_json_and_oversized_bodies(client):
    res = client.post("/v1/ask", content=b'{"question": "guns"', headers={"content-type": "application/json"})
    assert res.status_code == 422
    big = json.dumps({"question": "guns", "pad": "x" * 70_000})
    res = client.post("/v1/ask", content=big, headers={"content-type": "application/json"})
    assert res.status_code == 413 and "over 65536 bytes" in res.json()["detail"]

    def chunks():
        yield b'{"question": "guns", "pad": "'
        for _ in range(10):
            yield b"x" * 10_000
        yield b'"}'

    res = client.post("/v1/ask", content=chunks(), headers={"content-type": "application/json"})
    assert res.status_code == 413


def test_unexpected_errors_are_500_with_a_correlation_id_that_is_logged(engine, caplog, monkeypatch):
    with client_for(engine, raise_errors=False) as c:
        monkeypatch.setattr(engine.embedder, "embed_question", lambda text, focus=(): 1 / 0)
        res = c.post("/v1/ask", json={"question": "a question nobody asked before"})
        stream = c.post("/v1/ask/stream", json={"question": "another fresh question"})
    assert res.status_code == 500 and res.json()["detail"] == "internal error"
    cid = res.json()["correlation_id"]
    assert res.headers["x-request-id"] == cid
    assert any(r.correlation_id == cid and r.exc_info for r in caplog.records)
    name, data = events_of(stream.text)[-1]
    assert name == "error" and data["detail"] == "internal error" and data["correlation_id"]


@pytest.mark.anyio
async def test_concurrent_requests_are_safe(engine):
    import asyncio

    import httpx

    from bot.api import create_app
    from bot.api.settings import HTTPSettings

    app = create_app(HTTPSettings(rate_limit_per_minute=0), engine=engine)
    questions = ["what was agreed on ghost guns?", "What did they say about Haiti?"] * 4
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        replies = await asyncio.gather(*(c.post("/v1/ask", json={"question": q}) for q in questions))
    assert all(r.status_code == 200 for r in replies)
    answers = [r.json()["answer"] for r in replies]
    assert answers[0::2] == [answers[0]] * 4 and answers[1::2] == [answers[1]] * 4
