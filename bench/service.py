"""Run `cbcf serve` as a child process on loopback and measure it: start-up, latency, load, memory."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bench.stats import summary


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of a process right now, in MB."""
    return _status_mb(pid, "VmRSS")


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Service:
    """A `cbcf serve` child process over a given data folder."""

    def __init__(self, data_dir: Path, admin_token: str = ""):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "CBCF_DATA_DIR": str(data_dir),
            "CBCF_RATE_LIMIT_PER_MINUTE": "0",
            "HF_HUB_OFFLINE": "1",
            "CBCF_LLM": "none",
            "CBCF_ADMIN_TOKEN": admin_token,
        }
        env.pop("CBCF_CHROMA_HOST", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--port", str(self.port), "--log-level", "warning"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ready_s = self._wait_ready()

    def _wait_ready(self, timeout: float = 300) -> float:
        with httpx.Client(timeout=2) as client:
            while time.perf_counter() - self.started < timeout:
                if self.proc.poll() is not None:
                    raise RuntimeError("cbcf serve exited during start-up")
                try:
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return time.perf_counter() - self.started
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
        raise RuntimeError("cbcf serve was not ready in time")

    def stop(self) -> float:
        """Stop the process; return its peak RSS in MB."""
        peak = peak_rss_mb(self.proc.pid)
        self.proc.terminate()
        self.proc.wait(timeout=30)
        return peak


def sequential(url: str, questions: list[str]) -> dict:
    """p50/p95 of POST /v1/ask, one request at a time over one keep-alive connection, and of the answer
    time the service reports for each.

    The client is the standard library's http.client, which adds the least of its own; `with_httpx` is
    the same measurement through httpx, which costs more on the client side.
    """
    parsed = urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    samples, inside = [], []
    try:
        for q in questions:
            body = json.dumps({"question": q})
            started = time.perf_counter()
            connection.request("POST", "/v1/ask", body=body, headers={"Content-Type": "application/json"})
            res = connection.getresponse()
            data = res.read()
            samples.append((time.perf_counter() - started) * 1000)
            if res.status != 200:
                raise RuntimeError(f"POST /v1/ask answered {res.status}: {data[:200]!r}")
            inside.append(json.loads(data)["latency_ms"])
    finally:
        connection.close()
    return summary(samples) | {"answer_in_service": summary(inside)}


def sequential_httpx(url: str, questions: list[str]) -> dict:
    """p50/p95 of POST /v1/ask, one request at a time, with httpx as the client."""
    samples = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for q in questions:
            started = time.perf_counter()
            res = client.post("/v1/ask", json={"question": q})
            samples.append((time.perf_counter() - started) * 1000)
            res.raise_for_status()
    return summary(samples)


def concurrent(url: str, questions: list[str], clients: int, seconds: float, fresh: bool = True) -> dict:
    """Requests per second and errors with several clients asking in a loop for a fixed time.

    With fresh=True every request is a question the service has not seen (no answer cache hits).
    """
    counts, errors, lock = [0], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            i = offset
            while time.perf_counter() < deadline:
                try:
                    question = questions[i % len(questions)] + (f" (load {i})" if fresh else "")
                    ok = client.post("/v1/ask", json={"question": question}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    counts[0] += 1
                    errors[0] += 0 if ok else 1
                i += clients

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": counts[0],
        "errors": errors[0],
        "rps": round(counts[0] / elapsed, 2),
    }
