"""A small OpenAI-compatible chat server on loopback that replays scripted completions (chat and streaming)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedLLM:
    """Each request takes the next scripted step: {"text": ...}, {"status": 500}, {"delay": s, "text": ...}."""

    def __init__(self):
        self.steps: list[dict] = []
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def script(self, *steps: dict) -> None:
        with self.lock:
            self.steps = list(steps)
            self.requests.clear()

    def close(self) -> None:
        self.server.shutdown()

    def _next(self, request: dict) -> dict:
        with self.lock:
            self.requests.append(request)
            return self.steps.pop(0) if self.steps else {"text": ""}

    def _handler(self):
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 (http.server API)
                request = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                step = scripted._next(request)
                time.sleep(step.get("delay", 0))
                if "status" in step:
                    return self._send(
                        step["status"], {"error": {"message": "scripted failure", "type": "server_error"}}
                    )
                if request.get("stream"):
                    return self._stream(step["text"], request.get("model", "scripted"))
                return self._send(
                    200,
                    {
                        "id": "cmpl-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": request.get("model"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": step["text"]},
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (the timeout test): nothing left to answer

            def _stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
                for i, piece in enumerate(pieces + [None]):
                    delta = {"content": piece} if piece is not None else {}
                    if i == 0:
                        delta["role"] = "assistant"
                    chunk = {
                        "id": "cmpl-1",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [
                            {"index": 0, "delta": delta, "finish_reason": None if piece is not None else "stop"}
                        ],
                    }
                    self._chunk(f"data: {json.dumps(chunk)}\n\n")
                self._chunk("data: [DONE]\n\n")
                self._chunk("")

            def _chunk(self, text: str) -> None:
                data = text.encode()
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def log_message(self, *args):
                pass

        return Handler
