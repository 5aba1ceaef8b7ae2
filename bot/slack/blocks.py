"""Pure Block Kit builders for answers; all user-supplied and quoted text is escaped."""

from __future__ import annotations

from bot.links import citation_link

SECTION_LIMIT = 3000
BLOCK_LIMIT = 50
NOT_COVERED_NOTE = "The CBCF joint statements don't cover this, so there are no sources to show."
FOOTER = "Answers quote the CBCF joint statements word for word."


def escape(text: str) -> str:
    """Neutralise Slack markup so text can never ping <!channel>, <!here> or <@user>."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int = SECTION_LIMIT) -> str:
    """Shorten text to a limit, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text)}}


def source_line(citation: dict, base_url: str = "") -> str:
    """ "*[1]* _Title_ · 2023 · Ottawa · Section" for one citation; with the service's public base URL, the title
    links to the quote on the statement page."""
    title = f"_{escape(citation['title'])}_"
    link = citation_link(citation, base_url) if base_url else None
    if link:
        title = f"<{escape(link)}|{title.replace('|', '¦')}>"
    parts = [title, escape(citation["date"][:4])]
    parts += [escape(citation[k]) for k in ("place", "section") if citation.get(k)]
    return f"*[{citation['n']}]* " + " · ".join(parts)


def source_block(citation: dict, base_url: str = "") -> dict:
    """A section with the citation's line and its quote, within Slack's section limit."""
    head = source_line(citation, base_url)
    room = SECTION_LIMIT - len(head) - 3
    return _section(f"{head}\n> {clip(escape(citation['quote']), room)}")


def _buttons(answer_id: str | None, share: bool) -> list[dict]:
    if not answer_id:
        return []
    elements = [
        {
            "type": "button",
            "action_id": "feedback_up",
            "value": answer_id,
            "text": {"type": "plain_text", "text": "👍 Helpful", "emoji": True},
        },
        {
            "type": "button",
            "action_id": "feedback_down",
            "value": answer_id,
            "text": {"type": "plain_text", "text": "👎 Not helpful", "emoji": True},
        },
    ]
    if share:
        elements.insert(
            0,
            {
                "type": "button",
                "action_id": "share_answer",
                "value": answer_id,
                "style": "primary",
                "text": {"type": "plain_text", "text": "Share in channel"},
            },
        )
    return [{"type": "actions", "block_id": "answer_actions", "elements": elements}]


def answer_blocks(
    reply: dict,
    *,
    answer_id: str | None = None,
    share: bool = False,
    shared_by: str | None = None,
    base_url: str = "",
) -> list[dict]:
    """The answer message: text with [n] markers, a Sources section (linked to the statement page when the
    service's public base URL is given), feedback (and share) buttons."""
    blocks: list[dict] = []
    if shared_by:
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"Shared by <@{escape(shared_by)}> · asked: {clip(escape(reply['question']), 2000)}",
                    }
                ],
            }
        )
    blocks.append(_section(escape(reply["answer"])))
    if reply["abstained"] or not reply["citations"]:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": NOT_COVERED_NOTE}]})
    else:
        tail = 3 + (1 if shared_by else 0) + 1  # header, divider, footer and actions
        room = BLOCK_LIMIT - len(blocks) - tail
        blocks.append({"type": "divider"})
        blocks.append(_section("*Sources*"))
        blocks += [source_block(c, base_url) for c in reply["citations"][:room]]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": FOOTER}]})
    blocks += _buttons(answer_id, share)
    return blocks[:BLOCK_LIMIT]


def fallback_text(reply: dict) -> str:
    """Plain notification text for the message."""
    return clip(escape(reply["answer"]), 3000)


def apology_blocks(reference: str) -> list[dict]:
    """What the user sees when the engine fails."""
    return [_section(f"Sorry, something went wrong while searching the statements. (ref `{escape(reference)}`)")]


def usage_blocks() -> list[dict]:
    """Help for an empty slash command."""
    return [_section("Ask me about the CBCF joint statements, e.g. `/cbcf what was agreed on ghost guns?`")]
