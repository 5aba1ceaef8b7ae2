"""Percentiles and summaries of timing samples."""

from __future__ import annotations

import math


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation between closest ranks (NaN for no samples)."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * pct / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def summary(samples: list[float]) -> dict:
    """Count, p50 and p95 of millisecond samples."""
    return {"n": len(samples), "p50_ms": round(percentile(samples, 50), 3), "p95_ms": round(percentile(samples, 95), 3)}
