"""The indexed statements: list them, upload one (admin), delete one (admin)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from bot.api.deps import AdminDep, EngineDep, ReaderDep, StateDep
from bot.api.routes.ask import ERRORS
from bot.api.schemas import DocumentInfo, DocumentList, IngestResult
from index.core import IngestFailed, StoreUnavailable, WriteConflict, ingest_paths, remove_documents
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.metadata import sidecar_path

router = APIRouter(prefix="/v1/documents", tags=["documents"])
ADMIN_ERRORS = {**ERRORS, 404: ERRORS[401], 415: ERRORS[401]}


@router.get("", response_model=DocumentList, responses=ERRORS, summary="List the indexed statements")
async def list_documents(_: ReaderDep, engine: EngineDep) -> DocumentList:
    """Every indexed statement with its metadata and unit count."""
    docs = sorted(engine.documents(), key=lambda d: (d["year"], d["doc_id"]))
    return DocumentList(documents=[DocumentInfo(**d) for d in docs])


def _safe_name(filename: str) -> str:
    name = Path(filename or "").name
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "upload"
    return stem[:100] + Path(name).suffix.lower()


@router.post(
    "", status_code=201, response_model=IngestResult, responses=ADMIN_ERRORS, summary="Upload and index a statement"
)
async def upload_document(
    _: AdminDep,
    engine: EngineDep,
    state: StateDep,
    file: Annotated[UploadFile, File(description="A .txt, .md, .html, .pdf or .docx statement.")],
    title: Annotated[str | None, Form(max_length=300)] = None,
    year: Annotated[int | None, Form(ge=1900, le=2100)] = None,
    place: Annotated[str | None, Form(max_length=200)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> IngestResult:
    """Save the file under the data folder and ingest it; a file that fails to parse changes nothing."""
    name = _safe_name(file.filename or "")
    if Path(name).suffix not in SUPPORTED_SUFFIXES:
        raise HTTPException(415, f"unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}")
    content = await file.read()
    folder = engine.settings.data_dir / "uploads"
    return await run_in_threadpool(
        _save_and_ingest,
        engine,
        state,
        folder,
        name,
        content,
        {"title": title, "year": year, "place": place, "url": url},
    )


def _save_and_ingest(engine, state, folder: Path, name: str, content: bytes, meta: dict) -> IngestResult:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    sidecar = sidecar_path(path)
    given = {k: v for k, v in meta.items() if v is not None}
    backup = path.read_bytes() if path.exists() else None
    failure = ""
    with state.write_lock:
        path.write_bytes(content)
        if given:
            sidecar.write_text(json.dumps(given), encoding="utf-8")
        status = 422
        try:
            report = ingest_paths([path], engine.store, engine.embedder, max_units=state.settings.max_upload_units)
        except (IngestFailed, StoreUnavailable, WriteConflict) as exc:
            report, failure = None, str(exc)
            status = {StoreUnavailable: 503, WriteConflict: 409}.get(type(exc), 422)
        if report is None or report.skipped:
            reason = failure if report is None else report.skipped[0][1]
            if backup is None:
                path.unlink(missing_ok=True)
                sidecar.unlink(missing_ok=True)
            else:
                path.write_bytes(backup)
            headers = {"Retry-After": "10"} if status in (409, 503) else None
            raise HTTPException(status, f"could not ingest {name}: {reason}", headers)
    engine.refresh(force=True)
    return IngestResult(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        units_embedded=report.units_embedded,
        units_total=report.units_total,
    )


@router.delete("/{doc_id}", status_code=204, responses=ADMIN_ERRORS, summary="Remove a statement from the index")
async def delete_document(doc_id: str, _: AdminDep, engine: EngineDep, state: StateDep) -> Response:
    """Drop a statement (and its uploaded file, if it was uploaded)."""
    known = {d["doc_id"]: d for d in engine.documents()}
    if doc_id not in known:
        raise HTTPException(404, f"no document {doc_id!r}")

    def work() -> None:
        with state.write_lock:
            remove_documents({doc_id}, engine.store, engine.embedder)
            uploads = (engine.settings.data_dir / "uploads").resolve()
            path = Path(known[doc_id].get("path") or "")
            if path.is_file() and uploads in path.resolve().parents:
                path.unlink(missing_ok=True)
                sidecar_path(path).unlink(missing_ok=True)
        engine.refresh(force=True)

    await run_in_threadpool(work)
    return Response(status_code=204)
