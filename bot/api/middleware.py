"""Request middleware: correlation ids (bound for everything the request logs), body-size limit, security
headers and one structured log line per request."""

from __future__ import annotations

import json
import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.security import security_headers
from bot.api.state import AppState
from bot.logs import bound, new_id

log = logging.getLogger("cbcf.access")
log_error = logging.getLogger("cbcf.api")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
UPLOAD_PATH = "/v1/documents"


class RequestMiddleware:
    """Pure ASGI middleware, so streaming responses pass straight through."""

    def __init__(self, app: ASGIApp, state: AppState):
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        cid = given if _SAFE_ID.match(given) else new_id()
        scope.setdefault("state", {})["correlation_id"] = cid
        with bound(cid):
            await self._handle(scope, receive, send, headers, cid)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, headers: dict, cid: str) -> None:
        started = time.perf_counter()
        status = {"code": 500}
        settings = self.state.settings
        limit = settings.max_upload_bytes if scope["path"] == UPLOAD_PATH else settings.max_body_bytes

        head = scope["method"] == "HEAD"
        if head:  # HEAD is GET without the body, on every GET route
            scope = dict(scope, method="GET")
        extra = [(b"x-request-id", cid.encode()), *security_headers(scope["path"])]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                status["started"] = True
                message["headers"] = list(message.get("headers", [])) + extra
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self._dispatch(scope, receive, send_wrapper, headers, cid, limit)
        except Exception:
            log_error.exception("unhandled error", extra={"event": "error", "path": scope["path"]})
            if status.get("started"):
                raise
            await _json(send_wrapper, 500, {"detail": "internal error", "correlation_id": cid})
        self._record(scope, status["code"], started)

    async def _dispatch(self, scope, receive, send_wrapper, headers, cid, limit) -> None:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await _too_large(send_wrapper, cid, limit)
        elif length.isdigit() or scope["method"] in ("GET", "HEAD", "DELETE", "OPTIONS"):
            await self.app(scope, receive, send_wrapper)
        else:
            # No declared length (chunked): read the body up to the limit before the app sees it.
            body = await _read_body(receive, limit)
            if body is None:
                await _too_large(send_wrapper, cid, limit)
            else:
                await self.app(scope, _replay(body, receive), send_wrapper)

    def _record(self, scope: Scope, code: int, started: float) -> None:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        fields = {"method": scope["method"], "path": scope["path"], "route": route, "status": code}
        fields["ms"] = round((time.perf_counter() - started) * 1000, 2)
        log.info("request", extra={"event": "request", **fields})


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = {"done": False}

    async def replay() -> Message:
        if not sent["done"]:
            sent["done"] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(send: Send, cid: str, limit: int) -> None:
    await _json(send, 413, {"detail": f"request body over {limit} bytes", "correlation_id": cid})


async def _json(send: Send, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
