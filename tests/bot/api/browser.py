"""A real browser (Debian's Chromium driven by Playwright) against the real service on loopback: shared helpers."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
ANSWER_WAIT_MS = 20_000


@contextmanager
def chromium():
    """A headless Chromium for the module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser, base_url: str, **context_options):
    """A page in a fresh context on the service; page.blocked lists anything it tried to fetch from elsewhere."""
    context = browser.new_context(base_url=base_url, **context_options)
    blocked: list[str] = []
    context.route(
        lambda url: not url.startswith(base_url), lambda route: (blocked.append(route.request.url), route.abort())
    )
    page = context.new_page()
    page.blocked = blocked
    try:
        yield page
    finally:
        context.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot (the whole page, or what the viewport shows) under test-output/screenshots (gitignored)
    and print where."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")
    return path


def ask(page, question: str) -> None:
    """Type a question into the page and wait for its answer (the newest turn's feedback or error)."""
    before = page.locator(".turn").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    page.locator(".turn").nth(before).locator(".feedback").wait_for(timeout=ANSWER_WAIT_MS)


def in_viewport(page, locator) -> bool:
    """Whether an element's box lies within the visible viewport."""
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], size["height"]) <= size["height"]
