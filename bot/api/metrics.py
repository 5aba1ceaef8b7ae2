"""Prometheus metrics of one app instance, on a registry of its own."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from index.models import Answer


class Metrics:
    """Request counts and latency by route, abstentions and answers by mode."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "cbcf_http_requests",
            "HTTP requests by route, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "cbcf_http_request_seconds",
            "HTTP request latency by route",
            ["route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
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

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one finished request."""
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)

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
