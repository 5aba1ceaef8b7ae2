"""Bulk work yields the cores to questions: in a process that answers questions while it takes uploads, the
threads that embed and write an upload run at a lower scheduling priority than the ones that answer.

On Linux, setpriority() on a thread id changes that thread only, and onnxruntime with one intra-op thread
computes on the calling thread, so renicing the bulk threads renices exactly the upload's work. A thread's nice
value can't be lowered back without privileges, so only threads that never do anything else are reniced: the
embedding pool's threads and an upload's writer thread. Elsewhere (a CLI ingest, other systems) nothing changes.
"""

from __future__ import annotations

import os
import threading

BULK_NICE = 10  # CFS weight 110 against 1024 at nice 0: a busy question thread gets about 90% of a shared core
_nice = 0  # what bulk threads are set to in this process (0: left as they are)


def yield_bulk_work(nice: int = BULK_NICE) -> None:
    """From now on, bulk threads this process starts run at this nice value (a service calls it at start-up)."""
    global _nice
    _nice = nice


def bulk_thread() -> None:
    """Thread initializer of bulk work: lower the calling thread's priority if this process asked for it."""
    if _nice <= 0 or not hasattr(os, "setpriority"):
        return
    me = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, me, max(_nice, os.getpriority(os.PRIO_PROCESS, me)))
    except OSError:  # not allowed here: the thread keeps its priority
        pass
