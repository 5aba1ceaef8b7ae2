"""GET /v1/coverage and /v1/config: what the page shows before anyone asks."""

from __future__ import annotations

from tests.bot.api.conftest import client_for


def test_coverage_lists_the_statements_newest_first_with_their_topics_and_answered_questions(client):
    res = client.get("/v1/coverage")
    assert res.status_code == 200
    data = res.json()
    docs = data["documents"]
    assert [d["year"] for d in docs] == [2023, 2022]
    ottawa = docs[0]
    assert ottawa["place"] == "Ottawa" and ottawa["link"] == "/statements/2023-cbcf-joint-statement-ottawa"
    assert "Reducing Firearms Trafficking and Violence" in ottawa["sections"]
    assert 2 <= len(data["suggestions"]) <= 3
    for question in data["suggestions"]:
        reply = client.post("/v1/ask", json={"question": question}).json()
        assert not reply["abstained"], question


def test_coverage_needs_a_key_when_keys_are_set_and_config_says_so(engine):
    with client_for(engine, api_keys="k1") as c:
        assert c.get("/v1/coverage").status_code == 401
        assert c.get("/v1/coverage", headers={"Authorization": "Bearer k1"}).status_code == 200
        assert c.get("/v1/config").json() == {"api_keys_required": True}
    with client_for(engine) as c:
        assert c.get("/v1/config").json() == {"api_keys_required": False}
