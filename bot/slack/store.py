"""SQLite storage of what only the Slack bot needs: answered threads and seen event ids (answers and votes are
in bot.feedback, shared with the web page, in the same file)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bot.feedback import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS threads (
    channel TEXT NOT NULL, thread_ts TEXT NOT NULL, question TEXT NOT NULL, updated REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts));
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, created REAL NOT NULL);
"""


class SlackStore:
    """Thread-safe access to the bot's tables in its SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path)
        self._db.executescript(SCHEMA)

    def first_time(self, event_id: str) -> bool:
        """Record an event id; False when it was seen before (a retry or duplicate delivery)."""
        with self._lock:
            cur = self._db.execute("INSERT OR IGNORE INTO events VALUES (?, ?)", (event_id, time.time()))
            self._db.execute("DELETE FROM events WHERE created < ?", (time.time() - 86400,))
            return cur.rowcount == 1

    def remember_thread(self, channel: str, thread_ts: str, question: str) -> None:
        """Note the question a follow-up in this thread would extend."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO threads VALUES (?, ?, ?, ?)", (channel, thread_ts, question, time.time())
            )

    def thread_question(self, channel: str, thread_ts: str) -> str | None:
        """The question a follow-up in a thread extends, if the bot answered there."""
        with self._lock:
            row = self._db.execute(
                "SELECT question FROM threads WHERE channel = ? AND thread_ts = ?", (channel, thread_ts)
            ).fetchone()
        return row[0] if row else None
