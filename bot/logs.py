"""Structured logs: one JSON object per line (python-json-logger), with the correlation id of the work at hand.

The id lives in a context variable: the HTTP middleware sets it for each request (from X-Request-ID or a new
one), the Slack app for each event it handles; worker threads get it through a copy of the context. Every
record logged meanwhile, by any logger (the engine's, the LLM fallback's, Bolt's), carries it.
"""

from __future__ import annotations

import contextvars
import logging
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

correlation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("correlation_id", default=None)
FIELDS = ("levelname", "name", "message")
RENAMED = {"levelname": "level", "name": "logger", "exc_info": "exception"}


def new_id() -> str:
    """A fresh correlation id."""
    return uuid.uuid4().hex


def current_id() -> str | None:
    """The correlation id of the request or event being handled, if any."""
    return correlation_id.get()


@contextmanager
def bound(cid: str) -> Iterator[str]:
    """Set the correlation id for the block (and whatever it starts with a copy of the context)."""
    token = correlation_id.set(cid)
    try:
        yield cid
    finally:
        correlation_id.reset(token)


def install() -> None:
    """Stamp every log record, from any logger and for any handler, with the current correlation id."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "stamps_correlation_id", False):
        return

    def make_record(*args, **kwargs) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        record.correlation_id = correlation_id.get()
        return record

    make_record.stamps_correlation_id = True
    logging.setLogRecordFactory(make_record)


def json_formatter() -> JsonFormatter:
    """Time, level, logger, message, correlation id and the record's extra fields; a traceback as "exception"."""
    return JsonFormatter(
        FIELDS,
        style="{",
        rename_fields=RENAMED,
        timestamp="time",
        json_ensure_ascii=False,
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],  # uvicorn's copy of the message with terminal colours
    )


def configure(level: int = logging.INFO, stream=None) -> logging.Handler:
    """Send every logger's records to one JSON-lines handler on stderr (replacing any set before)."""
    install()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "cbcf_json", False)]:
        root.removeHandler(old)
    handler.cbcf_json = True
    root.addHandler(handler)
    root.setLevel(level)
    return handler


class ContextExecutor(ThreadPoolExecutor):
    """A thread pool whose tasks run in a copy of the submitter's context (so the correlation id follows)."""

    def submit(self, fn: Callable, /, *args, **kwargs):
        """Run fn in the caller's context on a pool thread."""
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)
