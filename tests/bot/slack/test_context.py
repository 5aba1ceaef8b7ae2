"""What the listeners share: follow-ups read by the core's rules, answers kept in the shared feedback store."""

from __future__ import annotations

import json

from bot.feedback import FeedbackStore
from bot.slack.context import BotContext, thread_turn
from bot.slack.store import SlackStore

GHOST = "what was agreed on ghost guns?"


def test_a_thread_keeps_the_question_that_stood_on_its_own():
    assert thread_turn(None, GHOST) == (GHOST, GHOST)
    asked, kept = thread_turn(GHOST, "and in 2022?")
    assert (asked, kept) == (f"{GHOST} and in 2022?", GHOST)
    assert thread_turn(kept, "and in 2023?") == (f"{GHOST} and in 2023?", GHOST)
    assert thread_turn(kept, "what about ransomware?") == ("what about ransomware?", "what about ransomware?")


def test_answers_are_kept_for_votes_and_sources_link_to_the_statement_page(engine, tmp_path):
    db = tmp_path / "slack.sqlite3"
    bot = BotContext(lambda: engine, SlackStore(db), FeedbackStore(db), public_base_url="https://cbcf.example.org")
    reply, blocks, _ = bot.ask(GHOST, "C1")
    cited = reply["citations"][0]
    link = f"https://cbcf.example.org/statements/{cited['doc_id']}#u-{cited['unit_id']}"
    assert f"<{link}|_Joint Statement" in json.dumps(blocks, ensure_ascii=False)
    answer_id = blocks[-1]["elements"][0]["value"]
    assert bot.feedback.add_feedback(answer_id, "up", "U1", "C1")
    assert FeedbackStore(db).feedback()[0]["question"] == GHOST
