"""PDFs printed from HTML by Chromium ingest into the same units as the same statement in Markdown."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from index.settings import BUNDLED_CORPUS
from ingest.pdf import join_wrapped
from ingest.units import read_document
from tests.ingest.statements import CHROMIUM, DETROIT, FLAGS, VANCOUVER, html_of, print_pdf

# Page widths at which Chromium's line breaks fall on the cases that went wrong (checked below, not assumed).
PRINTS = [(DETROIT, "4in"), (DETROIT, "4.5in"), (DETROIT, "7in"), (VANCOUVER, "4.5in"), (VANCOUVER, "6in")]


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page()
        browser.close()


@pytest.fixture(scope="module")
def printed(browser_page, tmp_path_factory):
    """Each statement printed at each width (pages 6 inches high, so paragraphs run across pages)."""
    folder = tmp_path_factory.mktemp("pdf")
    return {
        (statement.name, width): print_pdf(browser_page, statement, folder / width / f"{statement.name}.pdf", width)
        for statement, width in PRINTS
    }


def markdown_units(statement, tmp_path):
    path = tmp_path / f"{statement.name}.md"
    path.write_text(statement.markdown(), encoding="utf-8")
    return read_document(path)


def raw_lines(path):
    """The lines as pypdf alone reads them: what the old loader joined."""
    return [line.strip() for page in PdfReader(path).pages for line in page.extract_text().split("\n")]


def test_the_prints_hold_the_cases_that_went_wrong(printed):
    ends = {line.rsplit(None, 1)[-1] for path in printed.values() for line in raw_lines(path) if line}
    assert {"AI-", "British", "\u2010"} <= ends  # a compound, a dateline and a soft hyphen broken at a line end
    detroit = printed[(DETROIT.name, "4in")]
    last_lines = [page.extract_text().rstrip().rsplit("\n", 1)[-1] for page in PdfReader(detroit).pages[:-1]]
    assert any(not line.endswith(".") for line in last_lines)  # a paragraph runs on to the next page


@pytest.mark.parametrize("statement, width", PRINTS, ids=[f"{s.name}-{w}" for s, w in PRINTS])
def test_pdf_units_equal_the_markdown_units(printed, tmp_path, statement, width):
    md_doc, md_units = markdown_units(statement, tmp_path)
    doc, units = read_document(printed[(statement.name, width)])
    assert (doc.meta.title, doc.meta.place, doc.meta.year) == (md_doc.meta.title, md_doc.meta.place, 2026)
    assert [(u.sentence, u.section) for u in units] == [(u.sentence, u.section) for u in md_units]


@pytest.mark.parametrize("statement, width", [(DETROIT, "7in"), (VANCOUVER, "6in")], ids=["two-pages", "one-page"])
def test_a_browsers_headers_and_footers_are_left_out(browser_page, tmp_path, statement, width):
    path = print_pdf(browser_page, statement, tmp_path / f"{statement.name}.pdf", width, furniture=True)
    assert any(line.endswith("/1") or line.endswith("/2") for line in raw_lines(path))  # "1/2" is printed
    md_doc, md_units = markdown_units(statement, tmp_path)
    doc, units = read_document(path)
    assert doc.meta.title == md_doc.meta.title
    assert [(u.sentence, u.section) for u in units] == [(u.sentence, u.section) for u in md_units]


@pytest.mark.parametrize("name", [p.stem for p in sorted(BUNDLED_CORPUS.glob("*.txt"))])
def test_the_bundled_statements_printed_to_pdf_give_the_same_units(browser_page, tmp_path, name):
    source = BUNDLED_CORPUS / f"{name}.txt"
    _, expected = read_document(source)
    for width, furniture in (("5in", False), ("6.5in", False), ("8.5in", True)):
        path = print_pdf(browser_page, html_of(source), tmp_path / width / f"{name}.pdf", width, "11in", furniture)
        shutil.copy(source.with_name(f"{name}.meta.json"), path.with_name(f"{name}.meta.json"))
        _, units = read_document(path)
        assert [(u.sentence, u.section) for u in units] == [(u.sentence, u.section) for u in expected], width


def test_long_title_dateline_and_compounds_come_through_whole(printed):
    doc, units = read_document(printed[(DETROIT.name, "7in")])
    assert doc.meta.title == DETROIT.title and doc.meta.place == "Detroit"
    assert units[0].sentence.startswith("Ministers from the United States and Canada met in Detroit")
    assert units[0].section is None
    text = " ".join(u.sentence for u in units)
    for compound in ("AI-generated", "U.S.-Canada", "law-enforcement", "3D-printed", "state-of-the-art"):
        assert compound in text
    assert "organizations" in text and "investigations" in text  # soft hyphens leave no trace
    assert [u.section for u in units][-1] == "Fraud and AI-generated Deception"


def test_short_title_is_kept_apart_from_the_dateline(printed):
    doc, units = read_document(printed[(VANCOUVER.name, "6in")])
    assert doc.meta.title == "2026 CBCF Joint Statement" and doc.meta.place == "Vancouver"
    assert units[0].sentence.startswith("Ministers from the United States and Canada met in Vancouver, British Colum")
    assert {u.section for u in units} == {None, "Human Smuggling"}


@pytest.mark.parametrize(
    "head, tail, vocabulary, joined",
    [
        ("growth of AI-", "generated voice", set(), "growth of AI-generated voice"),
        ("the U.S.-", "Canada group", {"canada"}, "the U.S.-Canada group"),
        ("police organi\u2010", "zations of", set(), "police organizations of"),
        ("police organi\u00ad", "zations of", set(), "police organizations of"),
        ("police organi-", "zations of", {"organizations"}, "police organizations of"),
        ("a cross-", "border task", {"crossborder", "cross-border"}, "a cross-border task"),
        ("cooperation\u2014", "including", set(), "cooperation\u2014including"),
        ("the forum \u2014", "and", set(), "the forum \u2014 and"),
        ("Fentanyl/", "Opioids", set(), "Fentanyl/Opioids"),
        ("met in", "Detroit", set(), "met in Detroit"),
    ],
)
def test_wrapped_lines_rejoin_as_the_text_was_written(head, tail, vocabulary, joined):
    assert join_wrapped(head, tail, vocabulary) == joined


def test_a_pdf_without_a_sidecar_takes_its_date_and_city_from_its_dateline(browser_page, tmp_path):
    page = (
        "<h1>Joint Statement - 2031 Cross-Border Crime Forum</h1><p>Regina, Saskatchewan — May 6, 2031</p>"
        "<p>Ministers met in Regina to discuss grain fraud, the forged inspection certificates that cost exporters "
        "millions of dollars every year, and the brokers who sell them across the border.</p><h2>Grain Fraud</h2>"
        "<p>Before the next Forum, Ministers committed to:</p><ul><li>map the brokers;</li>"
        "<li>train port inspectors.</li></ul>"
    )
    doc, units = read_document(print_pdf(browser_page, page, tmp_path / "regina-statement.pdf", "7in"))
    assert (doc.meta.date, doc.meta.place) == ("2031-05-06", "Regina")
    sentences = [u.sentence for u in units]
    assert sentences[0] == "Regina, Saskatchewan — May 6, 2031"
    assert not any(s.startswith(("-", "•")) or " • " in s for s in sentences)
