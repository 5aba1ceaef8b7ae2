"""POST /v1/feedback: votes on answers the service gave, in the store Slack uses, exported by `cbcf feedback`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.feedback import FeedbackStore
from tests.bot.api.conftest import client_for

ROOT = Path(__file__).resolve().parents[3]


def test_a_vote_is_stored_with_the_answer_and_exported_by_the_cli(own_engine):
    with client_for(own_engine) as c:
        given = c.post("/v1/ask", json={"question": "what was agreed on ghost guns?"}).json()
        res = c.post("/v1/feedback", json={"answer_id": given["answer_id"], "vote": "down"})
        assert res.status_code == 201 and res.json() == {"recorded": True}
    db = own_engine.settings.data_dir / "slack.sqlite3"
    row = FeedbackStore(db).feedback()[-1]
    assert (row["answer_id"], row["vote"], row["channel"]) == (given["answer_id"], "down", "web")
    assert row["question"] == given["question"] and row["citations"][0]["quote"] == given["citations"][0]["quote"]
    env = {**os.environ, "CBCF_DATA_DIR": str(own_engine.settings.data_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "feedback", "--json"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[-1]["answer_id"] == given["answer_id"]


def test_an_unknown_answer_is_a_404(client):
    res = client.post("/v1/feedback", json={"answer_id": "0" * 32, "vote": "up"})
    assert res.status_code == 404 and "no answer" in res.json()["detail"]


@pytest.mark.parametrize(
    "body, where",
    [
        ({"answer_id": "0" * 32, "vote": "meh"}, "vote"),
        ({"answer_id": "short", "vote": "up"}, "answer_id"),
        ({"vote": "up"}, "answer_id"),
        ({"answer_id": "0" * 32, "vote": "up", "user": "x"}, "user"),
    ],
)
def test_bad_votes_are_a_422(client, body, where):
    res = client.post("/v1/feedback", json=body)
    assert res.status_code == 422 and where in json.dumps(res.json()["detail"])


def test_votes_are_rate_limited_and_need_a_key_when_keys_are_set(engine):
    with client_for(engine, rate_limit_per_minute=2) as c:
        codes = [c.post("/v1/feedback", json={"answer_id": "0" * 32, "vote": "up"}).status_code for _ in range(3)]
        assert codes == [404, 404, 429]
    with client_for(engine, api_keys="k1") as c:
        assert c.post("/v1/feedback", json={"answer_id": "0" * 32, "vote": "up"}).status_code == 401


def test_answers_still_come_when_the_store_is_broken(engine, tmp_path):
    from fastapi.testclient import TestClient

    from bot.api import create_app
    from bot.api.settings import HTTPSettings

    broken = FeedbackStore(tmp_path / "f.sqlite3")
    broken._db.close()  # every later read or write raises sqlite3.ProgrammingError
    app = create_app(HTTPSettings(rate_limit_per_minute=0), engine=engine, feedback=broken)
    with TestClient(app) as c:
        history = [{"question": "what was agreed on firearms smuggling?", "answer_id": "0" * 32}]
        data = c.post("/v1/ask", json={"question": "and in 2022?", "history": history}).json()
        vote = c.post("/v1/feedback", json={"answer_id": "0" * 32, "vote": "up"})
    assert (
        data["answer_id"] is None
        and not data["abstained"]
        and data["question"].endswith("firearms smuggling? and in 2022?")
    )
    assert vote.status_code == 503 and vote.headers["retry-after"] == "30"
