"""Golden tests for the pure Block Kit builders."""

import json
from pathlib import Path

import pytest

from bot.slack.blocks import BLOCK_LIMIT, SECTION_LIMIT, answer_blocks, escape

GOLDEN = Path(__file__).parent / "golden"


def citation(n, quote, **over):
    return {
        "n": n,
        "doc_id": "2023-cbcf-joint-statement-ottawa",
        "title": "Joint Statement from 2023 US-Canada Cross Border Crime Forum (CBCF)",
        "date": "2023",
        "place": "Ottawa",
        "section": "Reducing Firearms Trafficking and Violence",
        "quote": quote,
        "score": 0.74,
        "url": None,
        **over,
    }


CASES = {
    "ghost_guns": (
        {
            "question": "what was agreed on ghost guns?",
            "abstained": False,
            "mode": "extractive",
            "latency_ms": 1.0,
            "answer": "Ministers also decided to advance collaborative work related to stemming the proliferation of "
            "privately manufactured firearms (“ghost guns”) and strengthen cooperation with state, provincial, "
            "Indigenous and tribal partners. [1]",
            "citations": [
                citation(
                    1,
                    "Ministers also decided to advance collaborative work related to stemming the "
                    "proliferation of privately manufactured firearms (“ghost guns”) and strengthen "
                    "cooperation with state, provincial, Indigenous and tribal partners.",
                )
            ],
        },
        {"answer_id": "a1"},
    ),
    "abstention": (
        {
            "question": "Who won the Stanley Cup?",
            "abstained": True,
            "mode": "extractive",
            "latency_ms": 1.0,
            "answer": "The CBCF statements don't cover this.",
            "citations": [],
        },
        {"answer_id": "a2", "share": True},
    ),
    "hostile": (
        {
            "question": "<!channel> <@U123> & <https://evil.example|click>",
            "abstained": False,
            "mode": "extractive",
            "latency_ms": 1.0,
            "answer": "Quote with <!here> and <@U999> & more [1]",
            "citations": [citation(1, "<!everyone> *bold* <#C1> & done", title="<@U1> title", section="<!here>")],
        },
        {"answer_id": "a3", "shared_by": "U5"},
    ),
    "linked": (
        {
            "question": "what was agreed on ghost guns?",
            "abstained": False,
            "mode": "extractive",
            "latency_ms": 1.0,
            "answer": "Ministers also decided to advance collaborative work. [1]",
            "citations": [
                citation(
                    1,
                    "Ministers also decided to advance collaborative work.",
                    unit_id="2023-cbcf-joint-statement-ottawa:00014",
                )
            ],
        },
        {"answer_id": "a5", "base_url": "https://cbcf.example.org/"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_blocks_match_golden_files(name):
    reply, kwargs = CASES[name]
    blocks = answer_blocks(reply, **kwargs)
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert blocks == expected


def test_hostile_text_can_never_ping_or_link():
    reply, kwargs = CASES["hostile"]
    text = json.dumps(answer_blocks(reply, **kwargs))
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@U999>", "<#C1>", "<https://"):
        assert raw not in text
    assert escape("<!here> & <@U1>") == "&lt;!here&gt; &amp; &lt;@U1&gt;"


def test_sources_link_to_the_statement_page_only_with_a_public_base_url():
    reply, _ = CASES["linked"]
    link = (
        "https://cbcf.example.org/statements/2023-cbcf-joint-statement-ottawa#u-2023-cbcf-joint-statement-ottawa:00014"
    )
    assert f"<{link}|_Joint Statement" in json.dumps(answer_blocks(reply, base_url="https://cbcf.example.org"))
    assert "<https://" not in json.dumps(answer_blocks(reply))  # no public URL: nothing to link to


def test_hostile_ids_and_titles_cannot_break_out_of_a_link():
    hostile = citation(1, "q", doc_id="x>|<!here>", unit_id="x>|<!here>:1", title="a|b> <!channel>")
    reply = {**CASES["linked"][0], "citations": [hostile]}
    line = answer_blocks(reply, base_url="https://h.example")[3]["text"]["text"]
    assert line.startswith("*[1]* <https://h.example/statements/x%3E%7C%3C%21here%3E#u-x%3E%7C%3C%21here%3E:1|")
    assert line.count("<") == 1 and line.count("|") == 1 and "<!" not in line


def test_long_quotes_and_many_citations_stay_within_slack_limits():
    long_quote = "word " * 2000
    reply = {
        "question": "q",
        "abstained": False,
        "mode": "extractive",
        "latency_ms": 1.0,
        "answer": "x " * 2500,
        "citations": [citation(i, long_quote) for i in range(1, 80)],
    }
    blocks = answer_blocks(reply, answer_id="a4", share=True)
    assert len(blocks) <= BLOCK_LIMIT
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_LIMIT
    assert blocks[-1]["type"] == "actions"
    assert blocks[0]["text"]["text"].endswith("…") and blocks[3]["text"]["text"].endswith("…")
    assert blocks[3]["text"]["text"].startswith("*[1]* _Joint Statement")
