"""What an operator and a browser meet first: the start-up line, the icon."""

from __future__ import annotations

import logging

from tests.bot.api.conftest import client_for


def test_the_service_says_what_it_loaded_and_where_to_open_it(engine, caplog):
    with caplog.at_level(logging.INFO, logger="cbcf.api"), client_for(engine, host="127.0.0.1", port=8123):
        pass
    units = sum(d["units"] for d in engine.documents())
    assert f"2 statements, {units} sentences indexed" in caplog.text and "open http://127.0.0.1:8123/" in caplog.text


def test_the_page_has_an_icon(engine):
    with client_for(engine) as c:
        icon = c.get("/favicon.ico")
        page = c.get("/").text
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.content.startswith(b"<svg") and 'rel="icon"' in page
