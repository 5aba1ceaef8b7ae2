"""SQLite storage for the Slack bot: posted answers, feedback, answered threads, seen event ids."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, reply TEXT NOT NULL, channel TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, vote TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL, citations TEXT NOT NULL, user TEXT, channel TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS threads (
    channel TEXT NOT NULL, thread_ts TEXT NOT NULL, question TEXT NOT NULL, updated REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts));
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, created REAL NOT NULL);
"""


class SlackStore:
    """Thread-safe access to the bot's SQLite file."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def first_time(self, event_id: str) -> bool:
        """Record an event id; False when it was seen before (a retry or duplicate delivery)."""
        with self._lock:
            cur = self._db.execute("INSERT OR IGNORE INTO events VALUES (?, ?)", (event_id, time.time()))
            self._db.execute("DELETE FROM events WHERE created < ?", (time.time() - 86400,))
            return cur.rowcount == 1

    def save_answer(self, question: str, reply: dict, channel: str | None) -> str:
        """Keep a posted answer so buttons can refer to it by id."""
        answer_id = uuid.uuid4().hex
        with self._lock:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?)",
                (answer_id, question, json.dumps(reply), channel, time.time()),
            )
        return answer_id

    def get_answer(self, answer_id: str) -> dict | None:
        """A posted answer by id."""
        with self._lock:
            row = self._db.execute("SELECT reply FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def add_feedback(self, answer_id: str, vote: str, user: str | None, channel: str | None) -> bool:
        """Store a vote on a posted answer; False when the answer is unknown."""
        reply = self.get_answer(answer_id)
        if reply is None:
            return False
        with self._lock:
            self._db.execute(
                "INSERT INTO feedback (answer_id, vote, question, answer, citations, user, channel, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    vote,
                    reply["question"],
                    reply["answer"],
                    json.dumps(reply["citations"]),
                    user,
                    channel,
                    time.time(),
                ),
            )
        return True

    def feedback(self) -> list[dict]:
        """Every stored vote, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT answer_id, vote, question, answer, citations, user, channel, created FROM feedback ORDER BY id"
            ).fetchall()
        keys = ("answer_id", "vote", "question", "answer", "citations", "user", "channel", "created")
        out = [dict(zip(keys, row)) for row in rows]
        for item in out:
            item["citations"] = json.loads(item["citations"])
        return out

    def remember_thread(self, channel: str, thread_ts: str, question: str) -> None:
        """Note that the bot answered a question in a thread."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO threads VALUES (?, ?, ?, ?)", (channel, thread_ts, question, time.time())
            )

    def thread_question(self, channel: str, thread_ts: str) -> str | None:
        """The last question the bot answered in a thread, if it answered there."""
        with self._lock:
            row = self._db.execute(
                "SELECT question FROM threads WHERE channel = ? AND thread_ts = ?", (channel, thread_ts)
            ).fetchone()
        return row[0] if row else None
