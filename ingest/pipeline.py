"""Find statement files and read them into documents and units, reporting bad files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders import LoadError, is_supported
from ingest.metadata import MetadataError
from ingest.models import Document, Unit
from ingest.units import read_document


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    units_embedded: int = 0
    texts_embedded: int = 0
    units_total: int = 0

    @property
    def changed(self) -> bool:
        """Whether the served index changed."""
        return bool(self.added or self.updated or self.removed)


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into supported statement files; report paths that cannot be read."""
    files, skipped = [], []
    for path in paths:
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and is_supported(p)]
            files.extend(found)
        elif path.is_file():
            if is_supported(path):
                files.append(path)
            else:
                skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
        else:
            skipped.append((str(path), "no such file or folder"))
    return files, skipped


def load_all(
    files: list[Path], report: IngestReport, given: dict | None = None
) -> dict[str, tuple[Document, list[Unit]]]:
    """Read every file, skipping (and reporting) the ones that cannot be used; given: metadata for them all."""
    loaded: dict[str, tuple[Document, list[Unit]]] = {}
    for path in files:
        try:
            doc, units = read_document(path, given)
        except (LoadError, MetadataError, OSError) as exc:
            report.skipped.append((str(path), str(exc)))
            continue
        if not units:
            report.skipped.append((str(path), "no sentences found after cleaning"))
            continue
        if doc.meta.doc_id in loaded:
            first = loaded[doc.meta.doc_id][0].path
            report.skipped.append((str(path), f"duplicate doc_id {doc.meta.doc_id} (also {first})"))
            continue
        loaded[doc.meta.doc_id] = (doc, units)
    return loaded
