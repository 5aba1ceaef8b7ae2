"""Links to the statement page (GET /statements/{doc_id}), shared by the HTTP API and the Slack bot."""

from __future__ import annotations

from urllib.parse import quote

STATEMENT_PATH = "/statements/"
ANCHOR_PREFIX = "u-"


def check_base_url(value: str) -> str:
    """A configured public base URL without its trailing slash; empty stays empty, anything but http(s) is refused."""
    value = value.strip().rstrip("/")
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value


def anchor(unit_id: str) -> str:
    """The id of a unit's element on its statement page."""
    return ANCHOR_PREFIX + unit_id


def statement_link(doc_id: str, unit_id: str | None = None, base_url: str = "") -> str:
    """The statement page of doc_id, at a unit when given; absolute under base_url when one is given."""
    link = STATEMENT_PATH + quote(doc_id, safe="")
    if unit_id:
        link += "#" + quote(anchor(unit_id), safe=":")
    return base_url.rstrip("/") + link


def citation_link(citation: dict, base_url: str = "") -> str | None:
    """Where to read a cited quote in context (None for a citation without its unit)."""
    if not citation.get("doc_id") or not citation.get("unit_id"):
        return None
    return statement_link(citation["doc_id"], citation["unit_id"], base_url)
