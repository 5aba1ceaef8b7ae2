"""Writes: one statement added to each index size, and a service's answers, memory and disk while statements are
uploaded and deleted through its API."""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from pathlib import Path

import httpx

from bench.measure import folder_mb
from bench.service import Service, rss_mb
from bench.stats import summary
from index.core import Engine, ingest_paths, remove_documents

ADMIN = "bench-admin"


def statement(folder: Path, n: int, sentences: int = 8) -> Path:
    """A small statement of its own (year 2031 + n % 60), distinct from every other."""
    folder.mkdir(parents=True, exist_ok=True)
    year = 2031 + n % 60
    body = " ".join(f"Ministers agreed on measure {k} of upload {n} at the border in {year}." for k in range(sentences))
    path = folder / f"cbcf-{year}-upload-{n:04d}.txt"
    path.write_text(f"CBCF {year} Upload {n}\n\n{body}", encoding="utf-8")
    return path


def add_one(engine: Engine, folder: Path, repeats: int = 3) -> dict:
    """Median seconds to add one statement to the engine's index (the write), for the engine to follow it
    (reading the new units and rebuilding its searches), and to remove it again (which leaves the index as
    it was for the measurements after this one)."""
    write, follow, remove = [], [], []
    for n in range(repeats):
        path = statement(folder, n)
        started = time.perf_counter()
        report = ingest_paths([path], engine.store, engine.embedder)
        write.append(time.perf_counter() - started)
        started = time.perf_counter()
        engine.refresh(force=True)
        follow.append(time.perf_counter() - started)
        started = time.perf_counter()
        remove_documents(set(report.added), engine.store, engine.embedder)
        remove.append(time.perf_counter() - started)
        engine.refresh(force=True)
    medians = {"write_s": write, "follow_s": follow, "remove_s": remove}
    return {name: round(statistics.median(samples), 3) for name, samples in medians.items()}


def service_writes(data_dir: Path, work: Path, questions: list[str], uploads: int, deletes: int, big: int) -> dict:
    """Through a `cbcf serve` over a copy of an index: /v1/ask latency idle and while a statement of `big`
    sentences is uploaded; then RSS and data-dir size after `uploads` small uploads and `deletes` deletes."""
    copy = work / "writes-data"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data_dir, copy)
    service = Service(copy, admin_token=ADMIN)
    admin = {"Authorization": f"Bearer {ADMIN}"}
    try:
        with httpx.Client(base_url=service.url, timeout=600) as client:
            result = {"idle": _asks(client, questions, "idle")}
            result["during_upload"] = _asks_during_upload(client, questions, _big_statement(work, big), admin)
            start = {"rss_mb": rss_mb(service.proc.pid), "data_mb": folder_mb(copy)}
            added = []
            for n in range(uploads):
                path = statement(work / "uploads", n)
                reply = client.post("/v1/documents", files={"file": (path.name, path.read_bytes())}, headers=admin)
                reply.raise_for_status()
                added += reply.json()["added"]
            uploaded = {"rss_mb": rss_mb(service.proc.pid), "data_mb": folder_mb(copy)}
            for doc_id in added[:deletes]:
                client.delete(f"/v1/documents/{doc_id}", headers=admin).raise_for_status()
            client.get("/readyz").raise_for_status()
            deleted = {"rss_mb": rss_mb(service.proc.pid), "data_mb": folder_mb(copy)}
    finally:
        service.stop()
    steps = {"start": start, f"after_{uploads}_uploads": uploaded, f"after_{deletes}_deletes": deleted}
    result["churn"] = {name: {k: round(v, 1) for k, v in step.items()} for name, step in steps.items()}
    result["churn"]["uploads"], result["churn"]["deletes"] = uploads, deletes
    return result


def _big_statement(work: Path, sentences: int) -> Path:
    path = work / "big" / "cbcf-2030-large-upload.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"Officials logged crossing record {k} with reference code {k * 7919 % 100003}." for k in range(sentences)]
    path.write_text("CBCF 2030 Large Upload\n\n" + "\n\n".join(lines), encoding="utf-8")
    return path


def _asks(client: httpx.Client, questions: list[str], tag: str, until: threading.Event | None = None) -> dict:
    """p50/p95 of /v1/ask over fresh questions: each question once, or in a loop until `until` is set."""
    samples, n = [], 0
    while (until is None and n < len(questions)) or (until is not None and not until.is_set()):
        started = time.perf_counter()
        client.post("/v1/ask", json={"question": f"{questions[n % len(questions)]} ({tag} {n})"}).raise_for_status()
        samples.append((time.perf_counter() - started) * 1000)
        n += 1
    return summary(samples)


def _asks_during_upload(client: httpx.Client, questions: list[str], path: Path, admin: dict) -> dict:
    """/v1/ask latency while the statement at path is uploaded (from another thread), and the upload's time."""
    done, outcome = threading.Event(), {}

    def upload() -> None:
        started = time.perf_counter()
        with httpx.Client(base_url=str(client.base_url), timeout=900) as own:
            reply = own.post("/v1/documents", files={"file": (path.name, path.read_bytes())}, headers=admin)
        outcome.update(status=reply.status_code, seconds=time.perf_counter() - started, body=reply.json())
        done.set()

    worker = threading.Thread(target=upload)
    worker.start()
    asks = _asks(client, questions, "upload", until=done)
    worker.join()
    if outcome["status"] != 201:
        raise RuntimeError(f"the large upload answered {outcome['status']}: {outcome['body']}")
    doc_id = outcome["body"]["added"][0]
    client.delete(f"/v1/documents/{doc_id}", headers={**admin}).raise_for_status()
    return asks | {"upload_s": round(outcome["seconds"], 1), "units": outcome["body"]["units_embedded"]}
