"""Property-based fuzzing of every operation in the OpenAPI schema, valid and invalid inputs: never a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from bot.api import create_app
from bot.api.settings import HTTPSettings

EXAMPLES_PER_OPERATION = 30


def test_no_generated_input_causes_a_server_error(engine):
    app = create_app(HTTPSettings(rate_limit_per_minute=0), engine=engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "POST /v1/ask",
        "POST /v1/ask/stream",
        "GET /v1/search",
        "GET /v1/documents",
        "POST /v1/documents",
        "DELETE /v1/documents/{doc_id}",
        "POST /v1/feedback",
        "GET /v1/coverage",
        "GET /v1/config",
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
    }
    seen: dict[str, set[int]] = {}
    for operation, mode in [(op, mode) for op in operations for mode in schemathesis.GenerationMode]:

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def fuzz(case):
            response = case.call()
            seen.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text)

        try:
            fuzz()
        except Unsatisfiable:  # nothing invalid can be generated for an operation without inputs
            assert mode is schemathesis.GenerationMode.NEGATIVE
    assert any(code == 422 for codes in seen.values() for code in codes)  # bad input was really generated
