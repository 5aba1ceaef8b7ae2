"""The service starts and serves HTTP even when Slack's Web API cannot be reached; assistant threads."""

import json
import time

from fastapi.testclient import TestClient

from bot.api.settings import HTTPSettings
from bot.server import build_app
from bot.slack.settings import SlackSettings
from tests.bot.faults import free_port
from tests.bot.slack.conftest import SECRET, SlackDriver


def test_service_starts_and_serves_without_slack(engine, tmp_path, caplog):
    settings = SlackSettings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=f"http://127.0.0.1:{free_port()}/api/",
        slack_db=tmp_path / "s.sqlite3",
    )
    started = time.monotonic()
    with TestClient(build_app(HTTPSettings(), settings, engine=engine)) as client:
        assert time.monotonic() - started < 5
        assert client.get("/readyz").status_code == 200
        assert not client.post("/v1/ask", json={"question": "Angel Watch"}).json()["abstained"]
        driver = SlackDriver(client, None, settings)
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": "T1",
                "event_id": "EvX",
                "event": {"type": "app_mention", "user": "U1", "text": "<@UBOT> hi", "ts": "1.0", "channel": "C1"},
            }
        )
        assert driver.post(body, "application/json").status_code < 500  # auth.test fails; logged, not fatal
        assert client.get("/healthz").status_code == 200


def test_assistant_thread_gets_suggested_prompts_and_a_status(slack):
    started = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U1",
            "context": {"channel_id": "C9"},
            "channel_id": "D5",
            "thread_ts": "1700000010.000100",
        },
        "event_ts": "1700000010.000200",
    }
    slack.event(started, event_id="EvA1")
    prompts = slack.api.wait_for("assistant.threads.setSuggestedPrompts")[0]
    assert prompts["channel_id"] == "D5" and "ghost guns" in json.dumps(prompts["prompts"])
    message = {
        "type": "message",
        "channel_type": "im",
        "channel": "D5",
        "user": "U1",
        "text": "What is the CBFTF?",
        "ts": "1700000011.000100",
        "thread_ts": "1700000010.000100",
    }
    slack.event(message, event_id="EvA2")
    status = slack.api.wait_for("assistant.threads.setStatus")[0]
    assert status["status"] == "Searching the statements…"
    posts = slack.api.wait_for("chat.postMessage", 2)
    assert "Cross Border Firearms Task Force" in json.dumps(posts[-1]["blocks"])
