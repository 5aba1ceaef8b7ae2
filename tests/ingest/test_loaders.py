import pytest

from ingest.loaders import LoadError, load_text
from ingest.units import read_document
from tests.pdf_maker import write_pdf

HTML = """<html><head><title>CBCF 2030</title></head><body>
<nav><a href="/">Home</a> <a href="/login">Log in</a> <a href="/about">About us</a></nav>
<article><h1>Joint Statement from the 2030 Cross-Border Crime Forum</h1>
<p>Ministers met in Halifax to review cooperation on firearms trafficking and agreed to share tracing data
within thirty days of a seizure, so that investigations on both sides of the border can move quickly.</p>
<h2>Drone Smuggling</h2>
<p>Ministers asked officials to study the use of drones to carry contraband across the border and to report
back with options for detection, interdiction and prosecution before the next meeting of the forum.</p>
</article>
<footer>Copyright © 2030 Example Org. All Rights Reserved. Privacy Policy</footer></body></html>"""


def test_html_main_content_is_extracted_without_navigation_or_footer(tmp_path):
    path = tmp_path / "cbcf-2030.html"
    path.write_text(HTML, encoding="utf-8")
    text = load_text(path)
    assert "share tracing data" in text and "use of drones" in text
    assert "About us" not in text and "All Rights Reserved" not in text
    doc, units = read_document(path)
    assert doc.meta.year == 2030
    assert any(u.section == "Drone Smuggling" and "drones" in u.sentence for u in units)


def test_pdf_text_is_extracted(tmp_path):
    path = write_pdf(
        tmp_path / "statement-2031.pdf",
        ["Forum Statement", "", "Cyber Threats", "Ministers agreed to share", "ransomware indicators."],
    )
    doc, units = read_document(path)
    assert doc.meta.year == 2031
    assert [u.sentence for u in units] == ["Ministers agreed to share ransomware indicators."]
    assert units[0].section == "Cyber Threats"


def test_markdown_syntax_is_removed(tmp_path):
    path = tmp_path / "notes-2029.md"
    path.write_text(
        "# Forum 2029\n\n## Border Tech\n\nMinisters **welcomed** new [sensors](http://x).\n", encoding="utf-8"
    )
    doc, units = read_document(path)
    assert doc.meta.title == "Forum 2029"
    assert units[0].sentence == "Ministers welcomed new sensors." and units[0].section == "Border Tech"


def test_a_markdown_comment_is_not_text_and_a_blockquote_loses_its_marks(tmp_path):
    path = tmp_path / "notes-2031.md"
    path.write_text(
        "<!-- draft for review -->\n# Forum 2031\n\nMinisters met.\n\n> “We act,” said the Minister.\n",
        encoding="utf-8",
    )
    doc, units = read_document(path)
    assert doc.meta.title == "Forum 2031"  # the comment before it does not hide the title
    assert [u.sentence for u in units] == ["Ministers met.", "“We act,” said the Minister."]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken-2030.pdf", b"%PDF-1.4 this is not really a pdf", "PdfReadError|EmptyFileError|no text|Error"),
        ("binary-2030.txt", b"\x00\x01\x02\x03", "binary"),
        ("latin1-2030.txt", "Ministers d\u00e9cid\u00e9.".encode("latin-1"), "not UTF-8"),
        ("empty-2030.txt", b"   \n", "no text"),
        ("notes-2030.odt", b"PK\x03\x04", "unsupported"),
    ],
)
def test_unreadable_files_raise_load_error_with_a_reason(tmp_path, name, content, reason):
    import re

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_text(path)
    assert re.search(reason, str(err.value))


def test_a_markdown_list_after_a_paragraph_stays_a_block_of_its_own(tmp_path):
    path = tmp_path / "notes-2029.md"
    path.write_text("# Forum 2029\n\nOfficials will:\n\n- share data;\n- report in 2030.\n", encoding="utf-8")
    assert [u.sentence for u in read_document(path)[1]] == ["Officials will:", "share data; report in 2030."]


def test_an_html_page_keeps_its_dateline_and_list_as_blocks_and_a_byline_is_no_heading(tmp_path):
    path = tmp_path / "cbcf-2031.html"
    page = (
        "<html><body><main><h1>Joint Statement from the 2031 Forum</h1><p>From: Public Safety Canada</p>"
        "<p>Regina, Saskatchewan — May 6, 2031</p><p>Ministers met in Regina to discuss grain fraud and the "
        "forged inspection certificates that cost exporters millions every year.</p><h2>Grain Fraud</h2>"
        "<p>Before the next Forum, Ministers committed to:</p><ul><li>map the brokers;</li>"
        "<li>train port inspectors to spot altered seals.</li></ul></main></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    units = read_document(path)[1]
    sentences = [u.sentence for u in units]
    assert "Regina, Saskatchewan — May 6, 2031" in sentences
    assert "map the brokers; train port inspectors to spot altered seals." in sentences
    assert all(u.section in (None, "Grain Fraud") for u in units)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "statement-2031.html",
            "<html><body><main><h1>Joint Statement from the 2031 Forum</h1><p>From: Public Safety Canada</p>"
            "<p>Ministers met in Regina to discuss grain fraud and the certificates forged to hide it.</p>"
            "<h2>Next steps for grain exports</h2><p>Officials will map the brokers who sell forged papers.</p>"
            "</main></body></html>",
        ),
        (
            "statement-2031.md",
            "# Joint Statement from the 2031 Forum\n\nMinisters met in Regina to discuss grain fraud and the "
            "certificates forged to hide it.\n\n## Next steps for grain exports\n\n"
            "Officials will map the brokers who sell forged papers.\n",
        ),
    ],
)
def test_headings_a_page_marks_are_its_sections_whatever_their_case(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc, units = read_document(path)
    assert doc.meta.title == "Joint Statement from the 2031 Forum"
    assert [(u.section, u.sentence) for u in units] == [
        (None, "Ministers met in Regina to discuss grain fraud and the certificates forged to hide it."),
        ("Next steps for grain exports", "Officials will map the brokers who sell forged papers."),
    ]
