"""GET /statements/{doc_id}: the statement read whole, each sentence an anchor the citations link to."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.bot.api.conftest import client_for

OTTAWA = "2023-cbcf-joint-statement-ottawa"


class Page(HTMLParser):
    """Headings, unit anchors and every text node of a page."""

    def __init__(self):
        super().__init__()
        self.headings, self.units, self.scripts, self._tag = [], {}, [], None
        self._unit = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._tag = tag
        if tag == "span" and (attrs.get("id") or "").startswith("u-"):
            self._unit = attrs["id"]
            self.units[self._unit] = ""
        if tag == "script":
            self.scripts.append(attrs.get("src"))

    def handle_endtag(self, tag):
        if tag == "span":
            self._unit = None

    def handle_data(self, data):
        if self._tag == "h2":
            self.headings.append(data)
        if self._unit:
            self.units[self._unit] += data


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_the_cited_sentence_is_an_anchor_on_its_statement_page(client):
    cited = client.post("/v1/ask", json={"question": "what was agreed on ghost guns?"}).json()["citations"][0]
    assert cited["link"] == f"/statements/{OTTAWA}#u-{cited['unit_id']}"
    res = client.get(cited["link"].split("#")[0])
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    page = parsed(res.text)
    assert page.units[f"u-{cited['unit_id']}"] == cited["quote"]
    assert "Reducing Firearms Trafficking and Violence" in page.headings
    assert page.scripts == ["/static/statement.js"]
    units = client.get("/v1/documents").json()["documents"]
    assert len(page.units) == next(d["units"] for d in units if d["doc_id"] == OTTAWA)


def test_links_are_absolute_under_a_public_base_url(engine):
    with client_for(engine, public_base_url="https://cbcf.example.org/") as c:
        cited = c.post("/v1/ask", json={"question": "what was agreed on ghost guns?"}).json()["citations"][0]
    assert cited["link"] == f"https://cbcf.example.org/statements/{OTTAWA}#u-{cited['unit_id']}"


def test_an_unknown_statement_is_a_404_that_says_why(client):
    res = client.get("/statements/no-such-statement")
    assert res.status_code == 404 and "No indexed statement has the id “no-such-statement”" in res.text


def test_statement_text_is_escaped(own_engine, tmp_path):
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "# A <script>alert(1)</script> statement\n\nOTTAWA: Ministers met in 2024 and agreed <img src=x "
        'onerror=alert(1)> to cooperate on "quotes" & ampersands across the border.\n',
        encoding="utf-8",
    )
    from index.core import ingest_paths

    ingest_paths([hostile], own_engine.store, own_engine.embedder)
    own_engine.refresh(force=True)
    with client_for(own_engine) as c:
        doc = next(d for d in c.get("/v1/documents").json()["documents"] if d["doc_id"] == "hostile")
        html = c.get(f"/statements/{doc['doc_id']}").text
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp; ampersands" in html
    assert "<h1>A &lt;script&gt;alert(1)&lt;/script&gt; statement</h1>" in html
    assert parsed(html).scripts == ["/static/statement.js"]


@pytest.mark.parametrize("setting", ["cbcf.example.org", "ftp://x"])
def test_a_public_base_url_must_be_http(setting):
    from pydantic import ValidationError

    from bot.api.settings import HTTPSettings

    with pytest.raises(ValidationError, match=re.escape("http:// or https://")):
        HTTPSettings(public_base_url=setting)
