"""In a real browser: abstentions that point to what is covered, follow-ups, and feedback on an answer."""

from __future__ import annotations

from playwright.sync_api import expect

from bot.feedback import FeedbackStore
from tests.bot.api.browser import ask, screenshot

TARIFFS = "What tariffs did the US put on Canadian steel?"


def test_an_abstention_offers_the_statements_topics_and_questions_they_answer(page):
    page.goto("/")
    page.get_by_role("button", name=TARIFFS).click()
    expect(page.locator("#status")).to_contain_text("Not covered")
    turn = page.locator("#turn-1")
    assert "don't cover this" in turn.locator(".answer").inner_text() and turn.locator(".source").count() == 0
    help_box = turn.locator(".not-covered")
    expect(help_box).to_be_visible()
    topics = help_box.locator(".topics").inner_text()
    for heading in ("Fentanyl / Opioids", "Violent Extremism", "Human Smuggling"):
        assert heading in topics
    suggestions = help_box.locator(".suggestion")
    assert 2 <= suggestions.count() <= 3
    screenshot(page, "abstention-with-suggestions")
    suggestions.first.click()
    expect(page.locator("#turn-2 .feedback")).to_be_visible()
    assert page.locator("#turn-2 .answer.abstained").count() == 0 and page.locator("#turn-2 .source").count() >= 1


def test_follow_ups_are_read_with_the_earlier_question(page):
    page.goto("/")
    ask(page, "what was agreed on firearms smuggling?")
    ask(page, "and in 2022?")
    second = page.locator("#turn-2")
    assert "read as “what was agreed on firearms smuggling? and in 2022?”" in second.locator(".read-as").inner_text()
    metas = second.locator(".source .meta").all_inner_texts()
    assert metas and all(" · 2022 · " in m for m in metas)
    ask(page, "and in 2023?")
    third = page.locator("#turn-3")
    assert "firearms smuggling? and in 2023?" in third.locator(".read-as").inner_text()
    assert "firearms" in third.locator(".answer").inner_text().lower()
    ask(page, "what about ransomware?")
    assert page.locator("#turn-4 .read-as").is_hidden() and "ransomware" in page.locator("#turn-4").inner_text().lower()
    page.get_by_role("button", name="New conversation").click()
    assert page.locator(".turn").count() == 0
    ask(page, "and in 2022?")  # nothing before it now: read as it is
    assert page.locator("#turn-5 .read-as").is_hidden()


def test_a_vote_is_recorded_with_the_answer(page, engine):
    page.goto("/")
    ask(page, "What is the CBFTF?")
    turn = page.locator("#turn-1")
    turn.get_by_role("button", name="👎 Not helpful").click()
    expect(turn.locator(".thanks")).to_have_text("Thanks, your feedback was recorded.")
    assert turn.get_by_role("button", name="👍 Helpful").is_disabled()
    row = FeedbackStore(engine.settings.data_dir / "slack.sqlite3").feedback()[-1]
    assert (row["vote"], row["channel"], row["question"]) == ("down", "web", "What is the CBFTF?")
    assert row["citations"] and row["citations"][0]["quote"] in turn.locator(".source").first.inner_text()
