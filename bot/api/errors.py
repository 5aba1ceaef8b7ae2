"""Turn expected failures into JSON reasons (4xx, 503); the middleware turns the rest into a 500."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.core import IndexNotReady, QuestionError, StoreUnavailable, WriteConflict


def correlation_id(request: Request) -> str:
    """The id given to this request by the middleware."""
    return getattr(request.state, "correlation_id", "")


def error(status: int, detail, request: Request, headers: dict | None = None) -> JSONResponse:
    """A JSON error body carrying the request's correlation id."""
    body = {"detail": detail, "correlation_id": correlation_id(request)}
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the exception handlers."""

    @app.exception_handler(QuestionError)
    async def question_error(request: Request, exc: QuestionError):
        return error(422, str(exc), request)

    @app.exception_handler(IndexNotReady)
    async def not_ready(request: Request, exc: IndexNotReady):
        return error(503, str(exc), request, {"Retry-After": "5"})

    @app.exception_handler(StoreUnavailable)
    async def store_down(request: Request, exc: StoreUnavailable):
        return error(503, str(exc), request, {"Retry-After": "10"})

    @app.exception_handler(WriteConflict)
    async def write_conflict(request: Request, exc: WriteConflict):
        return error(409, str(exc), request, {"Retry-After": "30"})

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError):
        details = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return error(422, details, request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, exc.detail, request, getattr(exc, "headers", None))
