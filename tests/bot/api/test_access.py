import pytest

from tests.bot.api.conftest import client_for
from tests.conftest import make_engine

GHOST = {"question": "what was agreed on ghost guns?"}


def test_api_keys_guard_reads_but_not_health(engine):
    with client_for(engine, api_keys="k1, k2", admin_token="adm") as c:
        assert c.post("/v1/ask", json=GHOST).status_code == 401
        assert c.post("/v1/ask", json=GHOST, headers={"Authorization": "Bearer nope"}).status_code == 403
        assert c.post("/v1/ask", json=GHOST, headers={"Authorization": "Bearer k2"}).status_code == 200
        assert c.get("/v1/search?q=guns", headers={"Authorization": "Bearer adm"}).status_code == 200
        assert c.get("/v1/documents").status_code == 401
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200


def test_rate_limit_answers_429_with_retry_after(engine):
    with client_for(engine, rate_limit_per_minute=2) as c:
        codes = [c.get("/v1/search?q=guns").status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        res = c.get("/v1/search?q=guns")
        assert res.status_code == 429 and int(res.headers["retry-after"]) >= 1
        assert c.get("/healthz").status_code == 200  # health checks are never limited


def test_health_and_readiness(engine):
    with client_for(engine) as c:
        assert c.get("/healthz").json() == {"status": "ok", "documents": None, "detail": None}
        assert c.get("/readyz").json()["documents"] == 2


def test_not_ready_without_an_index(tmp_path, embedder):
    empty = make_engine(tmp_path / "empty", embedder)
    with client_for(empty, auto_ingest=False) as c:
        assert c.get("/healthz").status_code == 200
        res = c.get("/readyz")
        assert res.status_code == 503 and res.json()["status"] == "unavailable"
        res = c.post("/v1/ask", json=GHOST)
        assert res.status_code == 503 and "no statements are indexed" in res.json()["detail"]


def test_first_start_ingests_the_bundled_statements(tmp_path, embedder):
    empty = make_engine(tmp_path / "fresh", embedder)
    with client_for(empty) as c:
        assert c.get("/readyz").json()["documents"] == 2
        assert not c.post("/v1/ask", json=GHOST).json()["abstained"]


def test_metrics_count_requests_abstentions_and_modes(engine):
    with client_for(engine) as c:
        c.post("/v1/ask", json=GHOST)
        c.post("/v1/ask", json={"question": "Who won the Stanley Cup?"})
        c.post("/v1/ask", json={"question": ""})
        c.post("/v1/ask", content=b"x" * 70_000, headers={"content-type": "application/json"})
        text = c.get("/metrics").text
    assert 'cbcf_http_requests_total{handler="/v1/ask",method="POST",status="200"} 2.0' in text
    assert 'cbcf_http_requests_total{handler="/v1/ask",method="POST",status="422"} 1.0' in text
    assert 'cbcf_http_requests_total{handler="/v1/ask",method="POST",status="413"} 1.0' in text  # refused outside
    assert 'cbcf_answers_total{mode="extractive"} 2.0' in text
    assert "cbcf_abstentions_total 1.0" in text
    assert 'cbcf_http_request_duration_seconds_bucket{handler="/v1/ask",le="0.005",method="POST"}' in text
    assert 'cbcf_http_response_size_bytes_sum{handler="/v1/ask"}' in text


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/app.css", "/docs"])
def test_page_and_docs_are_served_without_external_resources(client, path):
    res = client.get(path)
    assert res.status_code == 200
    assert "http://" not in res.text and "https://" not in res.text


def test_openapi_documents_every_model(client):
    spec = client.get("/openapi.json").json()
    models = {"AskRequest", "Turn", "AskResponse", "Citation", "SearchResponse", "DocumentList", "ErrorResponse"}
    assert models | {"FeedbackRequest", "Coverage", "PageConfig"} <= set(spec["components"]["schemas"])
    assert "text/event-stream" in spec["paths"]["/v1/ask/stream"]["post"]["responses"]["200"]["content"]
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
