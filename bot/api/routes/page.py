"""The web page and the API docs, both served from installed packages (no CDN: they work offline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
SWAGGER_DIR = Path(str(swagger_ui_path))
router = APIRouter(include_in_schema=False)


@router.get("/")
async def index_page() -> FileResponse:
    """The question page."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/favicon.ico")
async def favicon() -> FileResponse:
    """The site icon (an SVG; browsers ask for /favicon.ico whatever the page links)."""
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")


@router.get("/docs")
async def api_docs() -> HTMLResponse:
    """Swagger UI for /openapi.json, with its script and styles served locally."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="CBCF statements Q&A — API",
        swagger_js_url="/docs-static/swagger-ui-bundle.js",
        swagger_css_url="/docs-static/swagger-ui.css",
        swagger_favicon_url="/docs-static/favicon-32x32.png",
    )
