"""The Slack app manifest asks for exactly what the listeners use."""

import json
from pathlib import Path

import bot.slack

MANIFEST = json.loads((Path(bot.slack.__file__).parent / "manifest.json").read_text())


def test_manifest_scopes_and_events_match_the_listeners():
    assert sorted(MANIFEST["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read",  # app_mention
        "assistant:write",  # assistant threads: status and suggested prompts
        "channels:history",  # follow-ups in public-channel threads
        "chat:write",  # answers, ephemeral answers, shares, feedback acknowledgements
        "commands",  # /cbcf
        "groups:history",  # follow-ups in private-channel threads
        "im:history",  # direct messages
    ]
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_mention", "assistant_thread_started", "message.channels", "message.groups", "message.im"]
    urls = {
        MANIFEST["settings"]["event_subscriptions"]["request_url"],
        MANIFEST["settings"]["interactivity"]["request_url"],
        MANIFEST["features"]["slash_commands"][0]["url"],
    }
    assert urls == {"https://YOUR-HOST/slack/events"}
    assert MANIFEST["features"]["slash_commands"][0]["command"] == "/cbcf"
