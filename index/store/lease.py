"""One writer at a time, across threads, processes and replicas sharing a Chroma server.

The lease is a record in the registry collection. Chroma keeps the first record added under an id and
ignores later adds of it, so adding the record is a test-and-set: the writer that reads its own name back
holds the lease. The record carries an expiry, so a writer killed mid-write can't hold it for ever, and
the holder's machine and process id: a writer on the same machine takes over at once from a dead process.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from pathlib import Path

LEASE_ID = "write-lease"
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def this_machine() -> str:
    """The host name and boot id: two processes with the same value share a process table (pids mean the same)."""
    boot = BOOT_ID.read_text().strip() if BOOT_ID.exists() else ""
    return f"{socket.gethostname()}/{boot}"


def process_gone(pid: int) -> bool:
    """Whether no process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        return False
    return False


class WriteConflict(RuntimeError):
    """Another writer held the index for longer than this one would wait: nothing was changed."""


class WriteLease:
    """Context manager: hold the index's write lease for the duration of a write."""

    def __init__(self, registry, ttl_s: float = 900.0, wait_s: float = 60.0, poll_s: float = 0.2, clock=time.time):
        self.registry, self.ttl_s, self.wait_s, self.poll_s, self.clock = registry, ttl_s, wait_s, poll_s, clock
        self.owner = uuid.uuid4().hex
        self.machine, self.pid = this_machine(), os.getpid()

    def __enter__(self) -> WriteLease:
        deadline = time.monotonic() + self.wait_s
        while True:
            now = self.clock()
            mine = {"owner": self.owner, "expires": now + self.ttl_s, "machine": self.machine, "pid": self.pid}
            self.registry.add(ids=[LEASE_ID], embeddings=[[1.0]], metadatas=[mine])
            got = self.registry.get(ids=[LEASE_ID], include=["metadatas"])
            holder = got["metadatas"][0] if got["ids"] else None
            if holder is not None and holder["owner"] == self.owner:
                return self
            if holder is not None and self._dead(holder, now):  # its writer died: take the lease over
                self.registry.delete(ids=[LEASE_ID], where={"owner": holder["owner"]})
                continue
            if time.monotonic() >= deadline:
                raise WriteConflict(
                    f"another write has held the index for over {self.wait_s:.0f} s; nothing was changed, try again"
                )
            time.sleep(self.poll_s)

    def _dead(self, holder: dict, now: float) -> bool:
        """Whether the lease's holder is known to be gone: its lease expired, or its process has exited."""
        if holder["expires"] < now:
            return True
        return holder.get("machine") == self.machine and process_gone(int(holder.get("pid", -1)))

    def __exit__(self, *exc) -> None:
        self.registry.delete(ids=[LEASE_ID], where={"owner": self.owner})
