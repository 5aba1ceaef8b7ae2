"""The Bolt app on its own, as Socket Mode drives it: no HTTP request, so each event gets a correlation id."""

from __future__ import annotations

import logging
import re
import time

from slack_bolt import BoltRequest

from bot.logs import current_id
from bot.slack.app import create_bolt_app
from bot.slack.settings import SlackSettings
from tests.bot.slack.conftest import BOT_USER, SECRET


def test_a_socket_mode_event_gets_an_id_of_its_own_in_the_listener_and_the_log(
    engine, slack_api, tmp_path, monkeypatch, caplog
):
    settings = SlackSettings(
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=slack_api.url, slack_db=tmp_path / "s"
    )
    bolt, _ = create_bolt_app(settings, engine_provider=lambda: engine)
    caplog.set_level(logging.INFO, logger="cbcf.slack")
    monkeypatch.setattr(engine.embedder, "embed_question", lambda text, focus=(): 1 / 0)
    ts = "1700000009.000100"
    body = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": "EvSocket",
        "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> never asked", "ts": ts, "channel": "C1"},
        "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
    }
    assert bolt.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
    assert current_id() is None  # bound for the event only
    text = slack_api.wait_for("chat.postMessage")[0]["blocks"][0]["text"]["text"]
    ref = text.split("ref `")[1].split("`")[0]
    assert re.fullmatch(r"[0-9a-f]{32}", ref)
    deadline, logged = time.monotonic() + 5, []
    while not logged and time.monotonic() < deadline:
        logged = [r for r in caplog.records if getattr(r, "event", None) == "slack_answer_failed"]
        time.sleep(0.05)
    assert logged and logged[0].correlation_id == ref
    assert bolt.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200  # delivered again
    duplicate = [r for r in caplog.records if r.getMessage() == "skipping duplicate delivery of EvSocket"]
    assert duplicate and duplicate[0].correlation_id not in (None, ref)  # Bolt's middleware lines have one too
