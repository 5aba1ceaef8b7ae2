"""Dependencies as Annotated aliases: the app state, the engine, and the two kinds of access."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from bot.api.settings import HTTPSettings
from bot.api.state import AppState
from index.core import Engine


async def get_state(request: Request) -> AppState:
    """The per-process state built by create_app."""
    return request.app.state.cbcf


async def get_engine(state: Annotated[AppState, Depends(get_state)]) -> Engine:
    """The loaded engine, or 503 while it cannot be built."""
    engine = await state.engine_for_request()
    if engine is None:
        raise HTTPException(503, f"index not ready: {state.startup_error or 'starting'}", {"Retry-After": "5"})
    return engine


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _matches(token: str, allowed) -> bool:
    return any(hmac.compare_digest(token.encode(), key.encode()) for key in allowed)


def _limit(state: AppState, client: str) -> None:
    wait = state.limiter.check(client)
    if wait:
        raise HTTPException(429, "rate limit exceeded", {"Retry-After": state.limiter.retry_after(wait)})


def _address(request: Request) -> str:
    """The client's address (uvicorn puts the forwarded one here only for the proxies it is told to trust)."""
    return request.client.host if request.client else "unknown"


def _refuse(state: AppState, request: Request, status: int, detail: str) -> HTTPException:
    """A 401/403 that also counts against the address's failed attempts; past the limit, a 429 instead."""
    address = f"ip:{_address(request)}"
    if state.auth_failures.check(address):
        return HTTPException(429, "too many failed authentications", {"Retry-After": "60"})
    return HTTPException(status, detail, {"WWW-Authenticate": "Bearer"} if status == 401 else None)


def _throttled(state: AppState, request: Request) -> None:
    """429 at once for an address that has used up its failed authentications."""
    if state.auth_failures.exceeded(f"ip:{_address(request)}"):
        raise HTTPException(429, "too many failed authentications", {"Retry-After": "60"})


async def require_reader(request: Request, state: Annotated[AppState, Depends(get_state)]) -> str:
    """Allow a request when no API keys are set or it carries one (or the admin token); rate-limit it.

    With keys, the limit is per key; without, per client address: a made-up bearer token never gets a bucket.
    """
    settings = state.settings
    if not settings.api_key_set:
        client = f"ip:{_address(request)}"
    else:
        _throttled(state, request)
        token = _bearer(request)
        keys = settings.api_key_set | ({settings.admin_token} if settings.admin_token else set())
        if token is None:
            raise _refuse(state, request, 401, "missing bearer token")
        if not _matches(token, keys):
            raise _refuse(state, request, 403, "invalid API key")
        client = f"key:{token}"
    _limit(state, client)
    return client


async def limit_visitor(request: Request, state: Annotated[AppState, Depends(get_state)]) -> str:
    """Rate-limit an open page by client address (statement pages are open: browsers and Slack links carry no key)."""
    client = f"ip:{_address(request)}"
    _limit(state, client)
    return client


async def require_admin(request: Request, state: Annotated[AppState, Depends(get_state)]) -> str:
    """Allow only requests carrying the admin token; wrong guesses are throttled per client address."""
    settings = state.settings
    _throttled(state, request)
    token = _bearer(request)
    if token is None:
        raise _refuse(state, request, 401, "missing admin bearer token")
    if not settings.admin_token or not _matches(token, [settings.admin_token]):
        raise _refuse(state, request, 403, "admin token required")
    _limit(state, "admin")
    return "admin"


StateDep = Annotated[AppState, Depends(get_state)]


async def get_settings(state: Annotated[AppState, Depends(get_state)]) -> HTTPSettings:
    """The HTTP settings the app was created with."""
    return state.settings


SettingsDep = Annotated[HTTPSettings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
ReaderDep = Annotated[str, Depends(require_reader)]
AdminDep = Annotated[str, Depends(require_admin)]
VisitorDep = Annotated[str, Depends(limit_visitor)]
