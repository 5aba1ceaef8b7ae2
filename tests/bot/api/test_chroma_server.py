"""Integration: a real `chroma run` server on loopback, two API apps sharing it as stateless workers."""

from __future__ import annotations

import pytest

from bot.api import create_app
from bot.api.settings import HTTPSettings
from index.core import open_engine
from index.settings import EngineSettings
from tests.bot.faults import free_port, start_chroma


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = start_chroma(path, port)
    settings = EngineSettings(data_dir=path / "api", chroma_host="127.0.0.1", chroma_port=port)
    yield settings
    proc.terminate()
    proc.wait(timeout=20)


def test_two_api_processes_share_one_chroma_server(chroma_server, embedder):
    from fastapi.testclient import TestClient

    from index.core import Engine

    first = create_app(HTTPSettings(rate_limit_per_minute=0), engine=Engine(chroma_server, embedder=embedder))
    with TestClient(first) as a:  # first start on an empty server ingests the bundled statements
        assert a.get("/readyz").json() == {"status": "ready", "documents": 2, "detail": None}
        reply = a.post("/v1/ask", json={"question": "what was agreed on ghost guns?"}).json()
        assert reply["citations"][0]["doc_id"] == "2023-cbcf-joint-statement-ottawa"

    second = create_app(HTTPSettings(), engine=Engine(chroma_server, embedder=embedder))
    with TestClient(second) as b:  # a second worker finds the shared index: nothing is re-ingested
        assert b.get("/readyz").json()["documents"] == 2
        docs = b.get("/v1/documents").json()["documents"]
        assert [d["doc_id"] for d in docs] == [
            "2022-cbcf-joint-statement-washington",
            "2023-cbcf-joint-statement-ottawa",
        ]
        assert not b.post("/v1/ask", json={"question": "Angel Watch"}).json()["abstained"]
    assert not (chroma_server.data_dir / "chroma").exists()  # nothing written locally in server mode


def test_readiness_fails_when_chroma_goes_away(embedder, tmp_path):
    from fastapi.testclient import TestClient

    settings = EngineSettings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=free_port())
    with TestClient(create_app(HTTPSettings(), engine_factory=lambda: open_engine(settings, embedder=embedder))) as c:
        assert c.get("/healthz").status_code == 200
        res = c.get("/readyz")
        assert res.status_code == 503 and res.json()["status"] == "unavailable"
        assert c.post("/v1/ask", json={"question": "guns"}).status_code == 503


def test_two_replicas_uploading_at_once_both_land(chroma_server, embedder, tmp_path):
    """The race that used to lose one of two acknowledged uploads, on a real Chroma server, three rounds."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from index.core import Engine

    admin = {"Authorization": "Bearer adm"}
    http = HTTPSettings(rate_limit_per_minute=0, admin_token="adm")
    replicas = [create_app(http, engine=Engine(chroma_server, embedder=embedder)) for _ in range(2)]
    with TestClient(replicas[0]) as a, TestClient(replicas[1]) as b:

        def upload(client, year: int):
            body = f"CBCF {year} Joint Statement\n\nMinisters agreed to study topic {year} at the border in {year}."
            return client.post("/v1/documents", files={"file": (f"cbcf-{year}.txt", body.encode())}, headers=admin)

        for round_ in range(3):
            years = (2040 + 2 * round_, 2041 + 2 * round_)
            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(upload, (a, b), years))
            assert [r.status_code for r in results] == [201, 201], [r.text for r in results]
            for replica, client in zip(replicas, (a, b)):
                replica.state.cbcf.engine.refresh(force=True)  # as each replica does by itself within 2 s
                listed = {d["year"] for d in client.get("/v1/documents").json()["documents"]}
                assert set(years) <= listed
        final = {d["year"] for d in b.get("/v1/documents").json()["documents"]}
    assert set(range(2040, 2046)) <= final


def test_a_replaced_and_a_deleted_upload_leave_only_the_served_units_on_the_server(chroma_server, embedder):
    """The versioned writes through the HTTP client: superseded and deleted units are gone from the server."""
    from fastapi.testclient import TestClient

    from index.core import Engine

    admin = {"Authorization": "Bearer adm"}
    engine = Engine(chroma_server, embedder=embedder)
    app = create_app(HTTPSettings(rate_limit_per_minute=0, admin_token="adm"), engine=engine)

    def stored() -> set[str]:
        return set(engine.store.collection(engine.store.active().collection).get(include=[])["ids"])

    with TestClient(app) as client:
        before = stored()
        for body in ("Ministers agreed to study ferries. They met.", "Ministers agreed to study barges instead."):
            text = f"CBCF 2050 Joint Statement\n\n{body}"
            reply = client.post("/v1/documents", files={"file": ("cbcf-2050.txt", text.encode())}, headers=admin)
            assert reply.status_code == 201, reply.text
        added = stored() - before
        assert len(added) == 1 and before <= stored()  # the first version's two units are gone, the rest untouched
        assert "barges" in client.post("/v1/ask", json={"question": "barges"}).json()["answer"]
        assert client.delete("/v1/documents/cbcf-2050", headers=admin).status_code == 204
        assert stored() == before
        assert engine.store.pending() is None and engine.store.unit_collections() == [engine.store.active().collection]
