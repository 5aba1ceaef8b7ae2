"""Real parts for fault tests: the service under uvicorn on loopback, a Slack Web API that never answers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from index.settings import EngineSettings
from index.store.chroma import make_client


class LiveService:
    """An ASGI app served by uvicorn in a thread on 127.0.0.1, for concurrent real HTTP clients."""

    def __init__(self, app):
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveService:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "service did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def timed(self, method: str, path: str, **kw) -> tuple[httpx.Response, float]:
        """A request from a fresh client, and the seconds it took."""
        started = time.monotonic()
        response = httpx.request(method, self.url + path, timeout=60, **kw)
        return response, time.monotonic() - started


class SilentServer:
    """Accepts TCP connections and never answers (a Slack Web API that hangs); closes them all on exit."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/api/"
        self.held: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.held.append(conn)
            except OSError:
                continue

    def __enter__(self) -> SilentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.running = False
        self.thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


CHROMA = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """A real `chroma run` server on 127.0.0.1:port over path, once it answers (the test fails after 60 s)."""
    proc = subprocess.Popen(
        [CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    settings = EngineSettings(data_dir=path / "api", chroma_host="127.0.0.1", chroma_port=port)
    deadline = time.monotonic() + 60
    while True:
        try:
            make_client(settings).heartbeat()
            return proc
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("chroma server did not start")
            time.sleep(0.3)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
