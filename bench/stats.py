"""Summaries of timing samples (the percentile itself is eval.metrics.percentile, shared with the eval)."""

from __future__ import annotations

from eval.metrics import percentile


def summary(samples: list[float]) -> dict:
    """Count, p50 and p95 of millisecond samples."""
    return {"n": len(samples), "p50_ms": round(percentile(samples, 50), 3), "p95_ms": round(percentile(samples, 95), 3)}
