"""Answers given on every surface (the web page, the API, Slack) and the 👍/👎 on them, in one SQLite file.

The HTTP API and the Slack bot never import each other; both use this store, and bot/server.py hands them the
same one. `cbcf feedback` exports the votes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

VOTES = ("up", "down")
ANSWERS_KEPT_DAYS = 30  # answers nobody voted on are dropped after this (votes keep their own copy)
PRUNE_EVERY = 500  # answers saved between two prunes
SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, reply TEXT NOT NULL, channel TEXT, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS answers_created ON answers (created);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, vote TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL, citations TEXT NOT NULL, user TEXT, channel TEXT, created REAL NOT NULL);
"""
FIELDS = ("answer_id", "vote", "question", "answer", "citations", "user", "channel", "created")


class FeedbackSettings(BaseSettings):
    """Where answers and votes are kept: CBCF_SLACK_DB, else slack.sqlite3 in the data dir (its name from when
    only Slack collected feedback)."""

    model_config = SettingsConfigDict(env_prefix="CBCF_", extra="ignore")

    data_dir: Path = Field(Path(".cbcf"), description="The engine's data dir (CBCF_DATA_DIR).")
    slack_db: Path | None = Field(None, description="SQLite file for answers and feedback (and Slack's threads).")

    @property
    def db_path(self) -> Path:
        """The SQLite file."""
        return self.slack_db or self.data_dir / "slack.sqlite3"


def connect(path: Path) -> sqlite3.Connection:
    """An autocommitting SQLite connection in WAL mode, shared across threads (callers hold their own lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    return db


class FeedbackStore:
    """Thread-safe access to the answers and votes in one SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path)
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last answers
        self._db.executescript(SCHEMA)
        self._saved = 0

    def save_answer(self, question: str, reply: dict, channel: str | None) -> str:
        """Keep an answer that was given, so a vote or a button can refer to it by the id returned."""
        answer_id = uuid.uuid4().hex
        now = time.time()
        with self._lock:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?)", (answer_id, question, json.dumps(reply), channel, now)
            )
            self._saved += 1
            if self._saved % PRUNE_EVERY == 0:
                self._db.execute("DELETE FROM answers WHERE created < ?", (now - ANSWERS_KEPT_DAYS * 86400,))
        return answer_id

    def get_answer(self, answer_id: str) -> dict | None:
        """A given answer by id."""
        with self._lock:
            row = self._db.execute("SELECT reply FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def add_feedback(self, answer_id: str, vote: str, user: str | None, channel: str | None) -> bool:
        """Store a vote ("up" or "down") on a given answer, with a copy of it; False when the answer is unknown."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}")
        reply = self.get_answer(answer_id)
        if reply is None:
            return False
        row = (answer_id, vote, reply["question"], reply["answer"], json.dumps(reply["citations"]), user, channel)
        with self._lock:
            self._db.execute(
                f"INSERT INTO feedback ({', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, time.time())
            )
        return True

    def feedback(self) -> list[dict]:
        """Every stored vote, oldest first."""
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id").fetchall()
        out = [dict(zip(FIELDS, row)) for row in rows]
        for item in out:
            item["citations"] = json.loads(item["citations"])
        return out
