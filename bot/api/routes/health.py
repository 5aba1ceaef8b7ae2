"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from bot.api.deps import StateDep
from bot.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
async def healthz() -> Health:
    """Always 200 while the process serves requests."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}}, summary="The index is loaded")
async def readyz(state: StateDep):
    """200 when the index is loaded and Chroma answers; 503 otherwise."""
    engine = await state.engine_for_request()
    if engine is None:
        return JSONResponse(Health(status="unavailable", detail=state.startup_error).model_dump(), 503)
    try:
        active = await run_in_threadpool(engine.store.active)
    except Exception as exc:  # Chroma unreachable: answers still come from the loaded index, writes are refused
        status = "degraded" if engine.ready else "unavailable"
        detail = f"chroma unreachable ({exc}); answering from the loaded index, writes refused"
        return JSONResponse(
            Health(status=status, detail=detail if engine.ready else f"chroma: {exc}").model_dump(), 503
        )
    if active is None or not engine.ready:
        return JSONResponse(Health(status="unavailable", detail="no statements indexed").model_dump(), 503)
    return Health(status="ready", documents=len(active.documents))


@router.get("/metrics", response_class=Response, summary="Prometheus metrics")
async def metrics(state: StateDep) -> Response:
    """Requests by route and status, latency histogram, abstentions, answers by mode."""
    return Response(state.metrics.render(), media_type=state.metrics.content_type)
