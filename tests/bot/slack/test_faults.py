"""Slack's Web API hanging or refusing never holds up the service: measured on real sockets on loopback."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.api.settings import HTTPSettings
from bot.server import build_app
from bot.slack.settings import SlackSettings
from tests.bot.faults import LiveService, SilentServer, free_port
from tests.bot.slack.conftest import BOT_USER, SECRET


def _signed_event(n: int) -> tuple[str, dict]:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event_id": f"EvFault{n}-{time.time_ns()}",
            "event_time": int(time.time()),
            "event": {
                "type": "app_mention",
                "user": "U1",
                "text": f"<@{BOT_USER}> ghost guns?",
                "ts": f"{n}.0",
                "channel": "C1",
            },
            "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
        }
    )
    ts = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
    headers = {"x-slack-request-timestamp": ts, "x-slack-signature": signature, "content-type": "application/json"}
    return body, headers


def _service(engine, tmp_path, api_url: str):
    slack = SlackSettings(
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=api_url, slack_db=tmp_path / "s.db"
    )
    return LiveService(build_app(HTTPSettings(rate_limit_per_minute=0), slack, engine=engine))


@pytest.mark.parametrize("fault", ["hangs", "refuses"])
def test_slack_trouble_never_holds_up_the_service(engine, tmp_path, fault):
    silent = SilentServer()
    api_url = silent.url if fault == "hangs" else f"http://127.0.0.1:{free_port()}/api/"
    with silent, _service(engine, tmp_path, api_url) as service, ThreadPoolExecutor(3) as pool:
        deliveries = [
            pool.submit(service.timed, "POST", "/slack/events", content=b, headers=h)
            for b, h in map(_signed_event, range(3))
        ]
        time.sleep(0.3)  # the deliveries are in flight (authorizing, or answering against a dead API)
        health = [service.timed("GET", "/healthz")[1] for _ in range(5)]
        ask, ask_s = service.timed("POST", "/v1/ask", json={"question": "What is the CBFTF?"})
        acks = [f.result(timeout=30) for f in deliveries]
    assert max(health) < 0.5, health
    assert ask.status_code == 200 and not ask.json()["abstained"] and ask_s < 1.0
    assert all(r.status_code == 200 for r, _ in acks) and max(s for _, s in acks) < 3.0, acks


def test_a_slack_body_that_is_not_utf8_is_a_400(engine, tmp_path):
    with _service(engine, tmp_path, f"http://127.0.0.1:{free_port()}/api/") as service:
        response, _ = service.timed(
            "POST", "/slack/events", content=b"\xff\xfe\x00payload", headers={"content-type": "application/json"}
        )
    assert response.status_code == 400 and "UTF-8" in response.json()["detail"]
