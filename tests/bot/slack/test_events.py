"""Signed requests through FastAPI into the real Bolt app; Web API calls recorded on loopback."""

import json
import time

from tests.bot.slack.conftest import BOT_USER

GHOST = f"<@{BOT_USER}> what was agreed on ghost guns?"


def mention(text=GHOST, ts="1700000001.000100", **extra):
    return {"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts, **extra}


def sources_text(blocks):
    return json.dumps(blocks, ensure_ascii=False)


def test_url_verification_returns_the_challenge(slack):
    res = slack.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}), "application/json")
    assert res.status_code == 200 and res.json() == {"challenge": "abc123"}


def test_bad_signature_and_stale_timestamp_are_rejected_before_any_work(slack):
    assert slack.event(mention(), secret_ok=False).status_code == 401
    assert slack.event(mention(), event_id="Ev2", timestamp=int(time.time()) - 6 * 60).status_code == 401
    time.sleep(0.5)
    assert slack.api.of("chat.postMessage") == [] and slack.api.of("auth.test") == []


def test_mention_is_answered_in_a_thread_with_sources(slack):
    res = slack.event(mention())
    assert res.status_code == 200
    post = slack.api.wait_for("chat.postMessage")[0]
    assert post["channel"] == "C1" and post["thread_ts"] == "1700000001.000100"
    assert post["_auth"] == "Bearer xoxb-test" and slack.api.of("auth.test")[0]["_auth"] == "Bearer xoxb-test"
    blob = sources_text(post["blocks"])
    assert "privately manufactured firearms" in blob and "*Sources*" in blob and "Ottawa" in blob
    assert "[1]" in post["blocks"][0]["text"]["text"]


def test_a_retried_event_is_answered_once(slack):
    slack.event(mention(), event_id="EvRetry")
    slack.api.wait_for("chat.postMessage")
    res = slack.event(
        mention(), event_id="EvRetry", headers={"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    )
    assert res.status_code == 200
    time.sleep(1.0)
    assert len(slack.api.of("chat.postMessage")) == 1


def test_direct_message_is_answered_in_the_dm(slack):
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D1",
        "user": "U1",
        "text": "What is the CBFTF?",
        "ts": "1700000002.000100",
    }
    slack.event(event, event_id="EvDm")
    post = slack.api.wait_for("chat.postMessage")[0]
    assert post["channel"] == "D1" and "thread_ts" not in post
    assert "Cross Border Firearms Task Force" in sources_text(post["blocks"])


def test_bot_messages_and_own_messages_are_ignored(slack):
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "bot_id": "B9",
            "text": "hello",
            "ts": "1700000003.000100",
        },
        event_id="EvBot",
    )
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": BOT_USER,
            "text": "What is the CBFTF?",
            "ts": "1700000003.000200",
        },
        event_id="EvSelf",
    )
    time.sleep(1.0)
    assert slack.api.of("chat.postMessage") == []


def test_follow_up_in_a_thread_without_a_mention_uses_the_earlier_question(slack):
    slack.event(mention("<@UBOT> What did the statements say about firearms?", ts="1700000004.000100"), event_id="EvQ")
    slack.api.wait_for("chat.postMessage")
    follow = {
        "type": "message",
        "channel_type": "channel",
        "channel": "C1",
        "user": "U1",
        "text": "and in 2022?",
        "ts": "1700000004.000300",
        "thread_ts": "1700000004.000100",
    }
    slack.event(follow, event_id="EvF")
    second = slack.api.wait_for("chat.postMessage", 2)[1]
    assert second["thread_ts"] == "1700000004.000100"
    blob = sources_text(second["blocks"])
    assert "firearms" in blob and "· 2022 ·" in blob and "· 2023 ·" not in blob
    # a second follow-up extends the question that stood on its own, not the first follow-up
    slack.event({**follow, "text": "and in 2023?", "ts": "1700000004.000400"}, event_id="EvF2")
    third = sources_text(slack.api.wait_for("chat.postMessage", 3)[2]["blocks"])
    assert "firearms" in third and "· 2023 ·" in third and "· 2022 ·" not in third
    # chatter in a thread the bot never answered is left alone
    slack.event({**follow, "thread_ts": "1699999999.000100", "ts": "1700000004.000500"}, event_id="EvOther")
    time.sleep(1.0)
    assert len(slack.api.of("chat.postMessage")) == 3


def test_slash_command_answers_ephemerally_and_share_posts_to_the_channel(slack):
    res = slack.command("what was agreed on ghost guns?")
    assert res.status_code == 200
    eph = slack.api.wait_for("response_url")[0]  # through the command's response URL: no channel membership needed
    assert eph["response_type"] == "ephemeral"
    actions = eph["blocks"][-1]["elements"]
    share = next(a for a in actions if a["action_id"] == "share_answer")
    slack.action("share_answer", share["value"], user="U1")
    post = slack.api.wait_for("response_url", 2)[1]
    assert post["response_type"] == "in_channel" and post["replace_original"] is False
    assert "Shared by <@U1>" in json.dumps(post["blocks"])
    assert "privately manufactured firearms" in json.dumps(post["blocks"])
    assert all(a["action_id"] != "share_answer" for a in post["blocks"][-1]["elements"])


def test_feedback_click_is_stored_and_acknowledged(slack):
    from bot.feedback import FeedbackStore

    slack.event(mention(), event_id="EvFb")
    post = slack.api.wait_for("chat.postMessage")[0]
    up = next(a for a in post["blocks"][-1]["elements"] if a["action_id"] == "feedback_up")
    assert slack.action("feedback_up", up["value"], user="U7").status_code == 200
    ack = slack.api.wait_for("chat.postEphemeral")[0]
    assert ack["user"] == "U7" and "feedback was recorded" in ack["text"]
    rows = FeedbackStore(slack.settings.db_path).feedback()
    assert len(rows) == 1
    row = rows[0]
    assert (row["vote"], row["user"], row["channel"]) == ("up", "U7", "C1")
    assert row["question"] == "what was agreed on ghost guns?" and "ghost guns" in row["answer"]
    assert row["citations"][0]["doc_id"] == "2023-cbcf-joint-statement-ottawa" and row["created"] > 0


def test_engine_failure_becomes_an_apology_and_a_logged_reference(slack, engine, monkeypatch, caplog):
    monkeypatch.setattr(engine.embedder, "embed_question", lambda text, focus=(): 1 / 0)
    slack.event(mention("<@UBOT> a question never asked before"), event_id="EvFail", headers={"X-Request-ID": "ev-7"})
    post = slack.api.wait_for("chat.postMessage")[0]
    text = post["blocks"][0]["text"]["text"]
    assert text.startswith("Sorry, something went wrong")
    ref = text.split("ref `")[1].split("`")[0]
    assert ref == "ev-7"  # the listener ran in Bolt's worker thread with the request's correlation id
    deadline = time.monotonic() + 5
    logged = []
    while not logged and time.monotonic() < deadline:
        logged = [r for r in caplog.records if getattr(r, "event", None) == "slack_answer_failed"]
        time.sleep(0.05)
    assert logged and logged[0].correlation_id == ref and logged[0].exc_info


def test_requests_are_acknowledged_before_the_answer_is_ready(slack, engine, monkeypatch):
    real = engine.embedder.embed_question

    def slow(text, focus=()):
        time.sleep(4)
        return real(text, focus)

    monkeypatch.setattr(engine.embedder, "embed_question", slow)
    started = time.monotonic()
    res = slack.command("a slow brand new question about firearms")
    assert res.status_code == 200 and time.monotonic() - started < 3
    slack.api.wait_for("response_url", timeout=30)
