"""The page in a real browser: keyboard only, source cards numbered as cited, bad input."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.bot.api.browser import ANSWER_WAIT_MS, ask, in_viewport, screenshot

COMPARE = "How did the firearms commitments change between 2022 and 2023?"


def test_keyboard_only_question_answer_and_source_cards(page):
    page.goto("/")
    page.keyboard.press("Tab")  # the question box is the first control
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type("what was agreed on ghost guns?")
    page.keyboard.press("Enter")
    marker = page.locator("#turn-1 .answer .cite").first
    marker.wait_for(timeout=ANSWER_WAIT_MS)
    assert "privately manufactured firearms" in page.inner_text("#turn-1 .answer")
    card = page.locator("#turn-1-source-1")
    assert card.is_visible()  # every source is shown under the answer, without clicking
    text = card.inner_text()
    for expected in (
        "[1]",
        "ghost guns",
        "2023",
        "Ottawa",
        "Reducing Firearms Trafficking and Violence",
        "Joint Statement",
    ):
        assert expected in text
    link = card.get_by_role("link", name="Read source 1 in its statement")
    assert re.fullmatch(
        r"/statements/2023-cbcf-joint-statement-ottawa#u-2023-cbcf-joint-statement-ottawa:\d{5}",
        link.get_attribute("href"),
    )
    marker.focus()
    page.keyboard.press("Enter")
    expect(card).to_have_class(re.compile(r"\bhighlight\b"))
    assert page.evaluate("document.activeElement.id") == "turn-1-source-1"
    screenshot(page, "answer-with-cards")
    assert page.blocked == []  # nothing was fetched from outside the service


def test_cards_carry_the_numbers_of_the_answer_and_a_marker_leads_to_its_card(page):
    page.goto("/")
    ask(page, COMPARE)
    markers = page.locator("#turn-1 .answer .cite")
    numbers = [m.inner_text() for m in markers.all()]
    cards = page.locator("#turn-1 .source")
    assert len(numbers) >= 3 and [c.locator(".num").inner_text() for c in cards.all()] == numbers
    last = markers.nth(len(numbers) - 1)
    last.click()  # the last marker first, then the first: each card keeps its own number
    n = numbers[-1].strip("[]")
    target = page.locator(f"#turn-1-source-{n}")
    expect(target).to_have_class(re.compile(r"\bhighlight\b"))
    assert target.locator(".num").inner_text() == f"[{n}]" and in_viewport(page, target)
    markers.first.click()
    expect(page.locator("#turn-1-source-1")).to_have_class(re.compile(r"\bhighlight\b"))
    assert page.locator("#turn-1 .source.highlight").count() == 1
    assert all(c.is_visible() for c in cards.all())


def test_bad_input_shows_the_reason(page):
    page.goto("/")
    page.fill("#question", "ask\u0007me")
    page.press("#question", "Enter")
    expect(page.locator("#status")).to_have_text(re.compile(r"^Error"))
    assert "control characters" in page.inner_text("#status")
