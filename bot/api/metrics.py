"""Prometheus metrics of one app instance, on a registry of its own: HTTP metrics from
prometheus-fastapi-instrumentator, and the answers' own counters."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_fastapi_instrumentator import Instrumentator

from index.models import Answer

# Answers take milliseconds: the instrumentator's default buckets (0.1, 0.5, 1 s) would put them all in one.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class Metrics:
    """HTTP requests (count, latency, sizes) by route, method and status; answers by mode,
    abstentions, LLM fallbacks and removed sentences."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.answers = Counter("cbcf_answers", "Answers given, by mode", ["mode"], registry=self.registry)
        self.abstentions = Counter("cbcf_abstentions", "Answers that abstained", registry=self.registry)
        self.llm_fallbacks = Counter(
            "cbcf_llm_fallbacks",
            "Generative answers replaced by the extractive one, by reason",
            ["reason"],
            registry=self.registry,
        )
        self.llm_removed = Counter(
            "cbcf_llm_removed_sentences", "Generated sentences removed by verification", registry=self.registry
        )

    def instrument(self, app) -> None:
        """Add the instrumentator's middleware (outermost, so it sees what the other middleware answers)."""
        Instrumentator(
            should_group_status_codes=False,  # 422 and 429 are not 4xx to whoever reads them
            # No in-progress gauge: the instrumentator registers it in the global registry whatever registry it
            # is given, so a second app in one process (tests, the bench) would fail on a duplicate metric.
            registry=self.registry,
        ).instrument(app, metric_namespace="cbcf", latency_lowr_buckets=LATENCY_BUCKETS)

    def observe_answer(self, reply: Answer) -> None:
        """Count one answer by mode, and abstentions."""
        self.answers.labels(reply.mode).inc()
        if reply.abstained:
            self.abstentions.inc()
        if reply.verification is not None:
            self.llm_removed.inc(reply.verification.removed)
            if reply.verification.fallback:
                self.llm_fallbacks.labels(reply.verification.fallback.split(":")[0]).inc()

    def render(self) -> bytes:
        """The exposition text."""
        return generate_latest(self.registry)
