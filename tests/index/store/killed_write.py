"""A write in a process of its own that kill -9s itself at a named point: `python -m tests.index.store.killed_write
DATA_DIR POINT PATH...` (POINT "none" lets it finish). The kill tests start it and look at what it left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def run_write(data_dir, point: str, *paths) -> int:
    """The return code of a write in a process of its own, told to kill -9 itself at point ("none": don't)."""
    command = [sys.executable, "-m", "tests.index.store.killed_write", str(data_dir), point, *map(str, paths)]
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(command, cwd=root, env=env, timeout=300).returncode


def _die_after(owner, name: str, calls: int = 1) -> None:
    """Kill this process (SIGKILL: no clean-up of any kind) as the calls-th call of owner.name returns."""
    original = getattr(owner, name)
    seen = [0]

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        seen[0] += 1
        if seen[0] == calls:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapped)


def arm(point: str) -> None:
    """Set the kill at one point of the write."""
    from index.store import versions, writer
    from index.store.chroma import Store

    versions.EMBED_WINDOW, versions.WRITE_BATCH = 8, 4  # several windows and batches, even for one statement
    if point == "journal":  # the journal is written, no unit yet
        _die_after(Store, "begin")
    elif point == "adding":  # some of the new versions' units are stored
        _die_after(versions, "write_units", calls=2)
    elif point == "swapped":  # the new manifest is served, the superseded units are still stored
        _die_after(Store, "swap")
    elif point == "deleted":  # the superseded units are gone, the journal is not
        _die_after(writer, "delete_versions")
    elif point != "none":
        raise SystemExit(f"unknown point {point}")


def main(argv: list[str]) -> int:
    """Ingest the paths into the embedded index in DATA_DIR, dying at POINT."""
    from index.embedding.embedder import Embedder
    from index.settings import EngineSettings
    from index.store.chroma import Store
    from index.store.writer import ingest_paths

    data_dir, point, *paths = argv
    settings = EngineSettings(data_dir=Path(data_dir), chroma_host=None)
    store, embedder = Store(settings), Embedder.from_settings(settings)
    arm(point)
    ingest_paths([Path(p) for p in paths], store, embedder)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    raise SystemExit(main(sys.argv[1:]))
