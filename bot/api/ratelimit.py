"""Request limits per client, through the `limits` library: a sliding window, entries that expire.

Limits live in the process by default (memory://); point CBCF_RATE_LIMIT_STORAGE at a shared store
(redis://host:6379, memcached://…) and every replica counts against the same windows.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter


class RateLimiter:
    """Allows `per_minute` requests per client per minute; 0 disables limiting."""

    def __init__(self, per_minute: int, storage_uri: str = "memory://", namespace: str = "cbcf"):
        self.per_minute = per_minute
        self._item = RateLimitItemPerMinute(max(1, per_minute), namespace=namespace)
        self._limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage_uri))

    def check(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        if self.per_minute <= 0:
            return 0.0
        if self._limiter.hit(self._item, client):
            return 0.0
        reset = self._limiter.get_window_stats(self._item, client).reset_time
        return max(1.0, reset - time.time())

    def exceeded(self, client: str) -> bool:
        """Whether the client has used up its window, without counting a request."""
        return self.per_minute > 0 and not self._limiter.test(self._item, client)

    @staticmethod
    def retry_after(seconds: float) -> str:
        """A Retry-After header value (whole seconds, at least 1)."""
        return str(max(1, math.ceil(seconds)))
