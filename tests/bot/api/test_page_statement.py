"""In a real browser: the statements covered on the start page, and a statement read at the cited sentence."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.bot.api.browser import ask, in_viewport, screenshot

OTTAWA = "Joint Statement from 2023 US-Canada Cross Border Crime Forum (CBCF)"


def test_the_start_page_lists_the_statements_with_a_link_to_read_each(page):
    page.goto("/")
    items = page.locator("#statements-list .statement")
    expect(items).to_have_count(2)
    texts = [i.inner_text() for i in items.all()]
    assert "2023 · Ottawa" in texts[0] and OTTAWA in texts[0]
    assert "2022 · Washington, D.C." in texts[1] and "Reestablish the Cross-Border Crime Forum" in texts[1]
    assert [o.get_attribute("value") for o in page.locator("#year option").all()] == ["", "2022", "2023"]
    items.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(OTTAWA)
    assert page.url.endswith("/statements/2023-cbcf-joint-statement-ottawa")
    assert page.locator(".u.cited").count() == 0 and page.locator("#cited-note").is_hidden()


def test_read_in_context_opens_the_statement_at_the_cited_sentence(page):
    page.goto("/")
    ask(page, "How many travel notifications did the Angel Watch Center send?")
    card = page.locator("#turn-1-source-1")
    quote = card.locator("blockquote").inner_text().strip("“”")
    meta = card.locator(".meta").inner_text()
    card.get_by_role("link", name=re.compile("in its statement")).click()
    cited = page.locator(".u.cited")
    cited.first.wait_for()
    assert " ".join(c.inner_text() for c in cited.all()) == quote
    assert page.url.split("#")[1] == cited.first.get_attribute("id")
    assert in_viewport(page, cited.first) and page.locator("#cited-note").is_visible()
    headings = page.locator("article h2").all_inner_texts()
    assert "Sex Offender Travel" in headings and len(headings) >= 5
    section = cited.first.locator("xpath=preceding::h2[1]").inner_text()
    assert section in meta
    assert page.evaluate("getComputedStyle(document.querySelector('.u.cited')).backgroundColor") != "rgba(0, 0, 0, 0)"
    screenshot(page, "statement-page-with-highlight", full_page=False)  # what the reader sees on arrival
    # another sentence's anchor moves the highlight without a reload
    other = page.locator(".u").first.get_attribute("id")
    page.evaluate(f"location.hash = {other!r}")
    expect(page.locator(".u.cited").first).to_have_attribute("id", other)
    assert page.blocked == []


def test_a_quote_that_includes_the_sentence_before_is_highlighted_whole(page):
    page.goto("/")
    ask(page, "Which arrangements will help interdict firearms and drugs?")
    card = page.locator("#turn-1-source-1")
    quote = card.locator("blockquote").inner_text().strip("“”")
    card.get_by_role("link", name=re.compile("in its statement")).click()
    cited = page.locator(".u.cited")
    expect(cited).to_have_count(2)
    assert " ".join(cited.all_inner_texts()) == quote and cited.last.inner_text().startswith("These arrangements")


def test_an_unknown_statement_says_so(page):
    response = page.goto("/statements/no-such-statement")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("No indexed statement has the id “no-such-statement”")
