"""With a generative model, a Slack answer is posted at once and updated as each sentence passes verification:
real signed events into the Bolt app, a scripted model server and a recording Slack Web API on loopback."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from bot.api.settings import HTTPSettings
from bot.server import build_app
from bot.slack.context import WORKING
from bot.slack.settings import SlackSettings
from index.core import EngineSettings, LLMSettings, open_engine
from tests.bot.slack.conftest import SECRET, SlackDriver
from tests.bot.slack.test_events import mention
from tests.llm_server import ScriptedLLM

TWO_SENTENCES = (
    "Ministers decided to advance collaborative work on stemming the proliferation of privately manufactured "
    "firearms. [1] They also decided to strengthen cooperation with state, provincial, Indigenous and tribal "
    "partners. [1] The ministers banned all firearms sales by 2031. [1]"
)


@pytest.fixture
def streaming_slack(engine, embedder, slack_api, tmp_path):
    server = ScriptedLLM()
    llm = LLMSettings(llm="openai", llm_base_url=server.base_url, llm_model="scripted", llm_timeout_s=5.0)
    generative = open_engine(EngineSettings(data_dir=engine.settings.data_dir), llm, embedder=embedder)
    settings = SlackSettings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=slack_api.url,
        slack_db=tmp_path / "slack.sqlite3",
    )
    app = build_app(HTTPSettings(rate_limit_per_minute=0), settings, engine=generative)
    with TestClient(app) as client:
        yield SlackDriver(client, slack_api, settings), server
    server.close()


def test_the_message_grows_sentence_by_sentence_and_ends_as_the_verified_answer(streaming_slack):
    slack, model = streaming_slack
    model.script({"text": TWO_SENTENCES})
    assert slack.event(mention()).status_code == 200
    posted = slack.api.wait_for("chat.postMessage")[0]
    assert posted["text"] == WORKING and posted["thread_ts"] == "1700000001.000100"
    updates = slack.api.wait_for("chat.update", count=3)
    partial = [u["text"].removesuffix(" …") for u in updates if not u.get("blocks")]
    assert len(partial) == 2 and partial[0] in partial[1]  # one update per verified sentence, each longer
    assert "privately manufactured firearms" in partial[0] and "tribal partners" in partial[1]
    final = updates[-1]
    blocks = json.dumps(final["blocks"], ensure_ascii=False)
    assert "tribal partners" in blocks and "*Sources*" in blocks
    # The unsupported third sentence never reached Slack, not even for a moment.
    # Only what a reader sees is checked: the recorded ts is time-based and may hold any digits.
    shown = [u["text"] + json.dumps(u.get("blocks") or [], ensure_ascii=False) for u in updates]
    assert not any("2031" in content for content in shown)
