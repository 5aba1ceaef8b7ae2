"""Real parts for fault tests: the service under uvicorn on loopback, a Slack Web API that never answers."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import uvicorn

from tests.bot.api.test_chroma_server import free_port


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
