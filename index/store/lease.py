"""One writer at a time, across threads, processes and replicas sharing a Chroma server.

The lease is a record in the registry collection. Chroma keeps the first record added under an id and
ignores later adds of it, so adding the record is a test-and-set: the writer that reads its own name back
holds the lease. The record carries an expiry, so a writer killed mid-write can't hold it for ever.
"""

from __future__ import annotations

import time
import uuid

LEASE_ID = "write-lease"


class WriteConflict(RuntimeError):
    """Another writer held the index for longer than this one would wait: nothing was changed."""


class WriteLease:
    """Context manager: hold the index's write lease for the duration of a write."""

    def __init__(self, registry, ttl_s: float = 900.0, wait_s: float = 60.0, poll_s: float = 0.2, clock=time.time):
        self.registry, self.ttl_s, self.wait_s, self.poll_s, self.clock = registry, ttl_s, wait_s, poll_s, clock
        self.owner = uuid.uuid4().hex

    def __enter__(self) -> WriteLease:
        deadline = time.monotonic() + self.wait_s
        while True:
            now = self.clock()
            self.registry.add(
                ids=[LEASE_ID], embeddings=[[1.0]], metadatas=[{"owner": self.owner, "expires": now + self.ttl_s}]
            )
            got = self.registry.get(ids=[LEASE_ID], include=["metadatas"])
            holder = got["metadatas"][0] if got["ids"] else None
            if holder is not None and holder["owner"] == self.owner:
                return self
            if holder is not None and holder["expires"] < now:  # its writer died: take the lease over
                self.registry.delete(ids=[LEASE_ID], where={"owner": holder["owner"]})
                continue
            if time.monotonic() >= deadline:
                raise WriteConflict(
                    f"another write has held the index for over {self.wait_s:.0f} s; nothing was changed, try again"
                )
            time.sleep(self.poll_s)

    def __exit__(self, *exc) -> None:
        self.registry.delete(ids=[LEASE_ID], where={"owner": self.owner})
