"""Follow-ups over the API: earlier turns in `history`, read with the same rules as Slack threads."""

from __future__ import annotations

import json

import pytest

from tests.bot.api.test_ask import events_of

GHOST = "what was agreed on firearms smuggling?"


def years_cited(data: dict) -> set[str]:
    return {c["date"][:4] for c in data["citations"]}


def test_a_follow_up_asks_the_earlier_question_again_for_its_year(client):
    data = client.post("/v1/ask", json={"question": "and in 2022?", "history": [{"question": GHOST}]}).json()
    assert data["question"] == f"{GHOST} and in 2022?"
    assert not data["abstained"] and years_cited(data) == {"2022"}
    assert any("firearm" in c["quote"].lower() for c in data["citations"])


def test_a_turn_with_its_own_topic_stands_alone(client):
    data = client.post("/v1/ask", json={"question": "what about ransomware?", "history": [{"question": GHOST}]}).json()
    assert data["question"] == "what about ransomware?" and "ransomware" in json.dumps(data["citations"]).lower()


def test_an_answer_id_stands_for_the_question_its_turn_was_about(client):
    first = client.post("/v1/ask", json={"question": GHOST}).json()
    second = client.post(
        "/v1/ask", json={"question": "and in 2022?", "history": [{"question": GHOST, "answer_id": first["answer_id"]}]}
    ).json()
    # only the last turn is sent: its answer_id says it was about firearms smuggling, so 2023 is asked of ghost guns
    only_last = [{"question": "and in 2022?", "answer_id": second["answer_id"]}]
    third = client.post("/v1/ask", json={"question": "and in 2023?", "history": only_last}).json()
    assert third["question"] == f"{GHOST} and in 2023?" and years_cited(third) == {"2023"}


def test_the_stream_reads_follow_ups_too(client):
    body = {"question": "and in 2022?", "history": [{"question": GHOST}]}
    done = events_of(client.post("/v1/ask/stream", json=body).text)[-1][1]
    assert done["question"] == f"{GHOST} and in 2022?" and years_cited(done) == {"2022"} and done["answer_id"]


@pytest.mark.parametrize(
    "history, where",
    [
        ([{"question": GHOST}] * 11, "history"),
        ([{"question": ""}], "question"),
        ([{"question": "x" * 1001}], "question"),
        ([{"question": GHOST, "answer_id": "not-an-id"}], "answer_id"),
        ([{"question": GHOST, "extra": 1}], "extra"),
        ([GHOST], "history"),
        ("ghost guns", "history"),
    ],
)
def test_bad_history_is_a_422_that_names_the_field(client, history, where):
    res = client.post("/v1/ask", json={"question": "and in 2022?", "history": history})
    assert res.status_code == 422 and where in json.dumps(res.json()["detail"])


def test_history_is_documented_in_openapi(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    history = schema["AskRequest"]["properties"]["history"]
    assert history["maxItems"] == 10 and "follow-up" in history["description"]
    assert set(schema["Turn"]["properties"]) == {"question", "answer_id"}
