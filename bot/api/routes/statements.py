"""GET /statements/{doc_id}: a statement read whole, sections as headings, every sentence an anchor to link to.

The page is built on the server from the index; every piece of statement text is HTML-escaped (statements are
untrusted text). The cited sentence (the URL's #u-<unit_id>) is highlighted and scrolled to by statement.js.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from bot.api.deps import EngineDep, VisitorDep
from bot.links import anchor
from index.core import statement

router = APIRouter(include_in_schema=False)

HEAD = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} — CBCF statements</title>
  <link rel="stylesheet" href="/static/app.css">
  <link rel="icon" href="/favicon.ico" type="image/svg+xml">
</head>
<body class="statement-page">
  <header>
    <p class="back"><a href="/">← Ask the statements</a></p>
"""
TAIL = """  <footer><p>The statement as indexed: every sentence the bot can quote, in order.</p></footer>
  <script src="/static/statement.js"></script>
</body>
</html>
"""


def _sentences(units) -> str:
    """A paragraph's units: one span each, the parts of a long sentence sharing its data-sentence number; a
    sentence quoted with the one before it says so (data-with-previous), so both are highlighted."""
    return " ".join(
        f'<span class="u" id="{escape(anchor(u.unit_id))}" data-sentence="{u.sentence_no}"'
        f"{' data-with-previous' if u.with_previous else ''}>{escape(u.text)}</span>"
        for u in units
    )


def render(found) -> str:
    """The statement page's HTML."""
    meta = found.meta
    title = escape(str(meta.get("title") or found.doc_id))
    facts = [str(meta.get("date") or meta.get("year") or ""), str(meta.get("place") or "")]
    parts = [HEAD.format(title=title), f"    <h1>{title}</h1>\n"]
    parts.append(f'    <p class="meta">{escape(" · ".join(f for f in facts if f))}</p>\n')
    url = str(meta.get("url") or "")
    if url.startswith(("https://", "http://")):
        parts.append(f'    <p class="meta"><a href="{escape(url)}" rel="noopener noreferrer">Published here</a></p>\n')
    parts.append('    <p id="cited-note" class="status" hidden>The highlighted sentence is the one quoted.</p>\n')
    parts.append("  </header>\n  <main>\n    <article>\n")
    for section, in_section in groupby(found.units, key=lambda u: u.section):
        if section:
            parts.append(f"      <h2>{escape(section)}</h2>\n")
        for _, paragraph in groupby(in_section, key=lambda u: u.paragraph):
            parts.append(f"      <p>{_sentences(paragraph)}</p>\n")
    parts.append("    </article>\n  </main>\n")
    parts.append(TAIL)
    return "".join(parts)


def not_found(doc_id: str) -> str:
    """The page for a doc_id no indexed statement has."""
    reason = f"No indexed statement has the id “{escape(doc_id)}”."
    body = (
        "    <h1>No such statement</h1>\n  </header>\n"
        f'  <main><p class="status">{reason} <a href="/">See the statements that are indexed</a>.</p></main>\n'
    )
    return HEAD.format(title="Not found") + body + TAIL


@router.get("/statements/{doc_id}", response_class=HTMLResponse)
async def statement_page(doc_id: str, _: VisitorDep, engine: EngineDep) -> HTMLResponse:
    """A statement read whole (404 with the reason when no statement has this id)."""
    found = await run_in_threadpool(statement, engine, doc_id)  # read once per index generation
    if found is None:
        return HTMLResponse(not_found(doc_id), status_code=404)
    return HTMLResponse(render(found))
