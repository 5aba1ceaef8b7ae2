"""The store of answers and votes every surface shares (bot/feedback.py)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from bot.feedback import ANSWERS_KEPT_DAYS, PRUNE_EVERY, FeedbackSettings, FeedbackStore

REPLY = {"question": "q?", "answer": "A. [1]", "abstained": False, "citations": [{"n": 1, "quote": "A."}]}


def test_votes_copy_the_answer_and_come_back_in_order(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    first, second = store.save_answer("q?", REPLY, "web"), store.save_answer("q?", REPLY, "C1")
    assert store.add_feedback(second, "down", "U1", "C1") and store.add_feedback(first, "up", None, "web")
    assert not store.add_feedback("0" * 32, "up", None, "web")
    with pytest.raises(ValueError):
        store.add_feedback(first, "maybe", None, "web")
    rows = store.feedback()
    assert [(r["answer_id"], r["vote"], r["user"]) for r in rows] == [(second, "down", "U1"), (first, "up", None)]
    assert rows[0]["citations"] == REPLY["citations"] and rows[0]["created"] <= time.time()


def test_old_answers_are_dropped_but_votes_stay(tmp_path):
    path = tmp_path / "f.sqlite3"
    store = FeedbackStore(path)
    old = store.save_answer("q?", REPLY, "web")
    store.add_feedback(old, "up", None, "web")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE answers SET created = ? WHERE id = ?", (time.time() - (ANSWERS_KEPT_DAYS + 1) * 86400, old))
    for _ in range(PRUNE_EVERY):
        store.save_answer("q?", REPLY, "web")
    assert store.get_answer(old) is None and store.feedback()[0]["answer_id"] == old


def test_the_file_is_the_slack_one(tmp_path):
    assert FeedbackSettings(data_dir=tmp_path).db_path == tmp_path / "slack.sqlite3"
    assert FeedbackSettings(data_dir=tmp_path, slack_db=tmp_path / "x.db").db_path == tmp_path / "x.db"
