"""Build a document's metadata from its sidecar file, falling back to what the text says."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.models import DocumentMeta

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


class MetadataError(Exception):
    """A sidecar metadata file is malformed."""


def sidecar_path(path: Path) -> Path:
    """Where the optional metadata sidecar of a statement file lives."""
    return path.with_name(path.stem + ".meta.json")


def slugify(text: str) -> str:
    """A lowercase, dash-separated identifier made from text."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "document"


def _read_sidecar(path: Path) -> dict:
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MetadataError(f"{side.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise MetadataError(f"{side.name}: expected a JSON object")
    return data


def _infer_year(*texts: str | None) -> int | None:
    for text in texts:
        if text and (match := _YEAR.search(text)):
            return int(match.group(1))
    return None


def build_meta(
    path: Path,
    title: str | None,
    text: str,
    place_hint: str | None,
    given: dict | None = None,
    date_hint: str | None = None,
) -> DocumentMeta:
    """Merge the fields given, the sidecar's and those inferred from the file name and text (a dateline's date
    and city: date_hint, place_hint), in that order."""
    given = {key: value for key, value in (given or {}).items() if value is not None}
    side = {**_read_sidecar(path), **given}
    year_given = side.get("year")
    hint_fits = date_hint and (year_given is None or str(date_hint).startswith(str(year_given)))
    date = side.get("date") or (date_hint if hint_fits else None)
    if "year" in given and "date" not in given and not str(date or "").startswith(str(given["year"])):
        date = None  # a year given outright wins over the sidecar's date
    year = side.get("year") or _infer_year(date, path.stem, title, text)
    if year is None:
        raise MetadataError("no year found: add a .meta.json sidecar with a 'year'")
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise MetadataError(f"year {year!r} is not a number") from exc
    date = str(date or year)
    if not date.startswith(str(year)):
        raise MetadataError(f"date {date!r} does not start with the year {year}")
    return DocumentMeta(
        doc_id=slugify(str(side.get("doc_id") or path.stem)),
        title=str(side.get("title") or title or path.stem),
        date=date,
        year=year,
        place=side.get("place") or place_hint,
        publisher=side.get("publisher"),
        url=side.get("url"),
    )
