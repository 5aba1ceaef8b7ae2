"""Faults on the API, with real parts: a Chroma server killed and restarted, hostile clients, bad settings."""

from __future__ import annotations

import math
import os
import secrets
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from bot.api import create_app
from bot.api.settings import HTTPSettings
from index.core import Engine, ingest_paths
from index.settings import BUNDLED_CORPUS, EngineSettings
from tests.bot.api.conftest import client_for
from tests.bot.faults import free_port, start_chroma


def test_a_chroma_outage_degrades_and_recovers_without_a_500(tmp_path, embedder):
    port, path = free_port(), tmp_path / "chroma"
    proc = start_chroma(path, port)
    settings = EngineSettings(data_dir=tmp_path / "api", chroma_host="127.0.0.1", chroma_port=port)
    engine = Engine(settings, embedder=embedder)
    ingest_paths([BUNDLED_CORPUS], engine.store, engine.embedder)
    engine.refresh(force=True)
    upload = tmp_path / "statement-2024.txt"
    upload.write_text("CBCF 2024 Joint Statement\n\nMinisters agreed to study drone incursions at the border.")
    admin = {"Authorization": "Bearer adm"}
    app = create_app(HTTPSettings(rate_limit_per_minute=0, admin_token="adm"), engine=engine)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/readyz").status_code == 200
            proc.kill()
            proc.wait(timeout=20)
            statuses = []
            for i in range(12):  # sparse traffic while Chroma is down, across the index's refresh checks
                statuses.append(client.post("/v1/ask", json={"question": f"What is the CBFTF? ({i})"}).status_code)
                statuses.append(client.get("/v1/search", params={"q": "ghost guns"}).status_code)
                statuses.append(client.get("/v1/documents").status_code)
                time.sleep(0.25)
            assert set(statuses) == {200}, statuses
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["status"] == "degraded"
            with upload.open("rb") as handle:
                refused = client.post("/v1/documents", files={"file": handle}, headers=admin)
            assert refused.status_code == 503 and refused.headers["retry-after"] and "reach" in refused.json()["detail"]
            assert not (tmp_path / "api" / "uploads" / "statement-2024.txt").exists()  # nothing left behind
            proc = start_chroma(path, port)
            deadline = time.monotonic() + 20
            while client.get("/readyz").status_code != 200:
                assert time.monotonic() < deadline, "did not recover"
                time.sleep(0.5)
            with upload.open("rb") as handle:
                assert client.post("/v1/documents", files={"file": handle}, headers=admin).status_code == 201
    finally:
        proc.kill()
        proc.wait(timeout=20)


def test_made_up_bearer_tokens_share_the_address_limit(engine):
    with client_for(engine, rate_limit_per_minute=120) as c:
        started = time.monotonic()
        codes = [
            c.get("/v1/search", params={"q": "guns"}, headers={"Authorization": f"Bearer {secrets.token_hex(16)}"})
            for _ in range(300)
        ]
        elapsed = time.monotonic() - started
    statuses = [r.status_code for r in codes]
    # Made-up tokens get no budgets of their own: past 120 the address is refused (300 would pass otherwise).
    # The sliding window weighs the previous minute's count by the share of it still in the window, so a run
    # that crosses a minute's boundary sees the budget refill at 120 a minute: that many may go through.
    refilled = math.ceil(elapsed * 120 / 60) + 1
    assert statuses[:120] == [200] * 120 and set(statuses[120:]) <= {200, 429}
    assert statuses[120:].count(200) <= refilled
    assert all(r.headers["retry-after"].isdigit() for r in codes[120:] if r.status_code == 429)


def test_wrong_admin_tokens_are_throttled(engine):
    with client_for(engine, admin_token="the-real-one", auth_failures_per_minute=10) as c:
        statuses = [
            c.delete("/v1/documents/x", headers={"Authorization": f"Bearer guess-{i}"}).status_code for i in range(30)
        ]
    assert statuses[:10] == [403] * 10 and set(statuses[10:]) == {429}


@pytest.mark.parametrize(
    ("body", "expected"),
    [(b"\xff\xfe{\x00}", {400, 422}), (b'{"question": "gh\xc3ost"', {400, 422}), (b"\x80\x81", {400, 422})],
)
def test_undecodable_bodies_are_4xx(engine, body, expected):
    with client_for(engine, raise_errors=False) as c:
        response = c.post("/v1/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code in expected and response.json()["detail"]


def test_head_works_on_get_routes_and_every_response_carries_the_security_headers(engine):
    with client_for(engine) as c:
        for path in ("/", "/healthz", "/readyz", "/v1/documents"):
            head = c.head(path)
            assert head.status_code == 200 and head.content == b"", path
        page = c.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_a_question_with_invisible_characters_gets_the_same_answer(engine):
    with client_for(engine) as c:
        plain = c.post("/v1/ask", json={"question": "What is the CBFTF?"}).json()
        hidden = c.post("/v1/ask", json={"question": "What is the C\u200bB\u200bF\u200bT\u200bF?"}).json()
    assert hidden["answer"] == plain["answer"] and not plain["abstained"]


@pytest.mark.parametrize("setting", [{"CBCF_LLM": "gpt-5"}, {"CBCF_PORT": "eighty"}, {"CBCF_TOP_K": "50"}])
def test_a_bad_setting_stops_the_service_at_once_with_the_fix(setting, tmp_path):
    env = {**os.environ, "CBCF_DATA_DIR": str(tmp_path), **setting}
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    name = next(iter(setting))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and name in run.stderr, run.stderr
