"""A real browser (Debian's Chromium driven by Playwright) against the real service on loopback."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from bot.api import create_app
from bot.api.settings import HTTPSettings
from tests.bot.faults import LiveService

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


@pytest.fixture(scope="module")
def base_url(engine):
    with LiveService(create_app(HTTPSettings(rate_limit_per_minute=0), engine=engine)) as service:
        yield service.url


@pytest.fixture(scope="module")
def page(base_url, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(base_url=base_url)
        blocked = []
        context.route(
            lambda url: not url.startswith(base_url), lambda route: (blocked.append(route.request.url), route.abort())
        )
        pg = context.new_page()
        pg.blocked = blocked
        yield pg
        browser.close()


def test_keyboard_only_question_answer_and_citation(page, tmp_path):
    page.goto("/")
    page.keyboard.press("Tab")  # the question box is the first control
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type("what was agreed on ghost guns?")
    page.keyboard.press("Enter")
    marker = page.locator("#answer .cite").first
    marker.wait_for(timeout=20_000)
    assert "privately manufactured firearms" in page.inner_text("#answer")
    source = page.locator("#source-1")
    assert source.is_hidden()
    marker.focus()
    page.keyboard.press("Enter")
    source.wait_for(state="visible")
    text = source.inner_text()
    for expected in (
        "ghost guns",
        "2023",
        "Ottawa",
        "Reducing Firearms Trafficking and Violence",
        "Joint Statement from 2023",
    ):
        assert expected in text
    assert marker.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "source-1"
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    assert page.blocked == []  # nothing was fetched from outside the service


def test_example_question_that_is_not_covered_is_shown_plainly(page):
    page.goto("/")
    page.get_by_role("button", name="What tariffs did the US put on Canadian steel?").click()
    expect(page.locator("#status")).to_contain_text("Not covered")  # the page's CSP forbids eval'd predicates
    assert "don't cover this" in page.inner_text("#answer")
    assert page.locator("#answer .cite").count() == 0 and page.locator("#sources li").count() == 0


def test_bad_input_shows_the_reason(page):
    page.goto("/")
    page.fill("#question", "ask\u0007me")
    page.press("#question", "Enter")
    expect(page.locator("#status")).to_have_text(re.compile(r"^Error"))
    assert "control characters" in page.inner_text("#status")
