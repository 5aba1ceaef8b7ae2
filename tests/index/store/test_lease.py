"""Writers take turns through the store's lease: concurrent writes all land, a dead writer's lease expires."""

from __future__ import annotations

import threading
import time

import pytest

from index.core import answer, ingest_paths
from index.store.chroma import Store
from index.store.lease import LEASE_ID, WriteConflict, WriteLease


def _statement(folder, year: int, topic: str):
    path = folder / f"cbcf-{year}-joint-statement.txt"
    path.write_text(f"CBCF {year} Joint Statement\n\nMinisters agreed to study {topic} along the border in {year}.")
    return path


def test_concurrent_writers_each_land_their_document(empty_engine, tmp_path):
    """Writers with stores of their own (as replicas have), started together, several times over."""
    settings, embedder = empty_engine.settings, empty_engine.embedder
    ingest_paths([_statement(tmp_path, 2030, "drones")], empty_engine.store, embedder)
    years = list(range(2031, 2037))
    errors: list[BaseException] = []

    def write(year: int) -> None:
        try:
            ingest_paths([_statement(tmp_path, year, f"topic number {year}")], Store(settings), embedder)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(year,)) for year in years]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    empty_engine.refresh(force=True)
    indexed = {d["year"] for d in empty_engine.documents()}
    assert indexed == {2030, *years}  # every acknowledged write is there
    assert not answer("What did the 2033 statement say about topic number 2033?", engine=empty_engine).abstained


def test_a_dead_writers_lease_expires_and_a_held_one_is_a_conflict(empty_engine):
    registry = empty_engine.store._registry
    clock = {"now": 1000.0}
    dead = WriteLease(registry, ttl_s=60, clock=lambda: clock["now"])
    dead.__enter__()  # a writer killed while holding it: never released
    with pytest.raises(WriteConflict, match="nothing was changed"):
        WriteLease(registry, wait_s=0.3, clock=lambda: clock["now"]).__enter__()
    clock["now"] += 61
    started = time.monotonic()
    with WriteLease(registry, wait_s=5, clock=lambda: clock["now"]) as taker:
        held = registry.get(ids=[LEASE_ID], include=["metadatas"])["metadatas"][0]
        assert held["owner"] == taker.owner and time.monotonic() - started < 2
    assert registry.get(ids=[LEASE_ID])["ids"] == []  # released
