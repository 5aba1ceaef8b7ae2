"""In a real browser at phone size (390 px): the answer comes into view, tap targets are at least 44 px,
the examples fold away, and the API key field appears only where keys are required."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.api import create_app
from bot.api.settings import HTTPSettings
from tests.bot.api.browser import ANSWER_WAIT_MS, in_viewport, open_page, screenshot
from tests.bot.faults import LiveService

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
TAP = 44
CONTROLS = "button, summary, a, input, select"


@pytest.fixture
def phone(browser, base_url):
    with open_page(browser, base_url, **PHONE) as pg:
        yield pg


def small_targets(page) -> list[str]:
    """Visible controls less than 44 px tall or wide."""
    small = []
    for control in page.locator(CONTROLS).all():
        box = control.bounding_box() if control.is_visible() else None
        if box and (box["height"] < TAP or box["width"] < TAP):
            small.append(f"{control.evaluate('e => e.outerHTML.slice(0, 80)')} {box['width']:.0f}x{box['height']:.0f}")
    return small


def test_after_asking_on_a_phone_the_answer_is_in_view_and_the_examples_are_folded(phone):
    phone.goto("/")
    assert phone.locator("#examples-box").get_attribute("open") is not None
    assert small_targets(phone) == []
    phone.get_by_role("button", name="How did the firearms commitments change between 2022 and 2023?").tap()
    turn = phone.locator("#turn-1")
    turn.locator(".feedback").wait_for(timeout=ANSWER_WAIT_MS)
    expect(phone.locator("#examples-box")).not_to_have_attribute("open", "")
    assert in_viewport(phone, turn.locator(".answer"))
    screenshot(phone, "phone-answer", full_page=False)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390  # nothing wider than the screen
    assert small_targets(phone) == []  # [n] markers, cards' links, votes, summaries, the statements' links
    turn.locator(".cite").last.tap()
    assert in_viewport(phone, turn.locator(".source.highlight"))


def test_a_statement_page_on_a_phone_has_large_enough_targets(phone):
    phone.goto("/")
    phone.locator("#statements-list a").first.tap()
    phone.wait_for_url("**/statements/**")
    phone.wait_for_load_state("load")  # its stylesheet applied: an unstyled link is small under a busy CPU
    phone.locator("article h2").first.wait_for()
    assert small_targets(phone) == []
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_the_key_field_shows_only_where_keys_are_required(browser, engine, phone):
    phone.goto("/")
    phone.locator("#statements-list a").first.wait_for()
    phone.locator("#options summary").tap()
    assert phone.locator("#api-key").is_hidden()
    keyed = LiveService(create_app(HTTPSettings(rate_limit_per_minute=0, api_keys="k1"), engine=engine))
    with keyed, open_page(browser, keyed.url, **PHONE) as page:
        page.goto("/")
        expect(page.locator("#coverage-status")).to_contain_text("needs an API key")
        page.locator("#options summary").tap()
        expect(page.locator("#api-key")).to_be_visible()
        page.fill("#api-key", "k1")
        page.dispatch_event("#api-key", "change")
        expect(page.locator("#statements-list .statement")).to_have_count(2)


def test_the_favicon_is_linked_and_served(phone):
    phone.goto("/")
    href = phone.locator("link[rel=icon]").get_attribute("href")
    response = phone.request.get(href)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
