"""Slack fixtures: a recording Web API server on loopback and signed requests into the real Bolt app."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from slack_sdk.signature import SignatureVerifier

from bot.api.settings import HTTPSettings
from bot.server import build_app
from bot.slack.settings import SlackSettings

SECRET = "test-signing-secret"
BOT_USER = "UBOT"


class Recorder:
    """Calls received by the fake Slack Web API, in order."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.lock = threading.Lock()

    def of(self, method: str) -> list[dict]:
        with self.lock:
            return [payload for name, payload in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.of(method)) < count:
            assert time.monotonic() < deadline, f"no {method} call; saw {[n for n, _ in self.calls]}"
            time.sleep(0.05)
        return self.of(method)


def _handler(recorder: Recorder):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server API)
            method = self.path.rsplit("/", 1)[-1]
            raw = self.rfile.read(int(self.headers.get("content-length", 0) or 0)).decode()
            if self.headers.get("content-type", "").startswith("application/json"):
                payload = json.loads(raw or "{}")
            else:
                payload = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
            for key in ("blocks", "prompts"):
                if isinstance(payload.get(key), str):
                    payload[key] = json.loads(payload[key])
            payload["_auth"] = self.headers.get("authorization")
            with recorder.lock:
                recorder.calls.append((method, payload))
            body = {"ok": True}
            if method == "auth.test":
                body |= {"user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "cbcf", "team": "Test"}
            if method in ("chat.postMessage", "chat.postEphemeral"):
                body |= {"ts": f"{time.time():.6f}", "channel": payload.get("channel")}
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def slack_api():
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    yield recorder
    server.shutdown()


@pytest.fixture
def slack(engine, slack_api, tmp_path):
    settings = SlackSettings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=slack_api.url,
        slack_db=tmp_path / "slack.sqlite3",
    )
    with TestClient(build_app(HTTPSettings(rate_limit_per_minute=0), settings, engine=engine)) as client:
        yield SlackDriver(client, slack_api, settings)


class SlackDriver:
    """Posts signed Slack requests to /slack/events."""

    def __init__(self, client, api: Recorder, settings: SlackSettings):
        self.client, self.api, self.settings = client, api, settings
        self.verifier = SignatureVerifier(SECRET)

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret_ok: bool = True,
        headers: dict | None = None,
    ):
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = self.verifier.generate_signature(timestamp=ts, body=body)
        if not secret_ok:
            signature = SignatureVerifier("wrong-secret").generate_signature(timestamp=ts, body=body)
        sent = {
            "x-slack-request-timestamp": ts,
            "x-slack-signature": signature,
            "content-type": content_type,
            **(headers or {}),
        }
        return self.client.post("/slack/events", content=body, headers=sent)

    def event(self, event: dict, *, event_id: str = "Ev1", headers: dict | None = None, **kw):
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": "T1",
                "api_app_id": "A1",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
            }
        )
        return self.post(body, "application/json", headers=headers, **kw)

    def command(self, text: str, **kw):
        form = {
            "command": "/cbcf",
            "text": text,
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "user_name": "asker",
            "response_url": f"{self.api.url}response_url" if self.api else "http://127.0.0.1:9/unused",
            "trigger_id": "t1",
        }
        return self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded", **kw)

    def action(self, action_id: str, value: str, *, channel: str = "C1", user: str = "U2", **kw):
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": user},
            "api_app_id": "A1",
            "channel": {"id": channel},
            "container": {"type": "message", "channel_id": channel},
            "message": {"ts": "1700000000.000100"},
            "trigger_id": "t1",
            "response_url": f"{self.api.url}response_url" if self.api else "http://127.0.0.1:9/unused",
            "actions": [
                {
                    "action_id": action_id,
                    "value": value,
                    "block_id": "answer_actions",
                    "type": "button",
                    "action_ts": "1",
                }
            ],
        }
        return self.post(
            urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", **kw
        )
