"""Word statements made with python-docx ingest like the same statement in Markdown; styles name the headings."""

from __future__ import annotations

import docx
import pytest

from ingest.loaders import LoadError, load_text
from ingest.units import read_document
from tests.ingest.statements import DETROIT, write_docx


def units_of(path):
    doc, units = read_document(path)
    return doc, [(u.sentence, u.section) for u in units]


@pytest.mark.parametrize("styled", [True, False], ids=["heading-styles", "plain-paragraphs"])
def test_docx_units_equal_the_markdown_units(tmp_path, styled):
    markdown = tmp_path / f"{DETROIT.name}.md"
    markdown.write_text(DETROIT.markdown(), encoding="utf-8")
    md_doc, md_units = units_of(markdown)
    doc, units = units_of(write_docx(DETROIT, tmp_path / f"{DETROIT.name}.docx", styled=styled))
    assert (doc.meta.title, doc.meta.place, doc.meta.year) == (DETROIT.title, "Detroit", 2026)
    assert doc.meta.title == md_doc.meta.title
    assert units == md_units


def test_heading_styles_decide_the_sections_over_how_lines_look(tmp_path):
    document = docx.Document()
    document.add_heading("Statement of the 2026 Forum", level=0)
    document.add_paragraph("Ministers met in Windsor to review cooperation.")
    document.add_heading("next steps agreed by ministers at the end of their meeting in Windsor, Ontario:", level=2)
    document.add_paragraph("Border Technology")  # reads like a heading, but it is body text
    document.add_paragraph("Officials will pilot licence-plate readers at two crossings.")
    path = tmp_path / "windsor-2026.docx"
    document.save(str(path))
    doc, units = units_of(path)
    assert doc.meta.title == "Statement of the 2026 Forum"
    section = "next steps agreed by ministers at the end of their meeting in Windsor, Ontario:"
    assert units == [
        ("Ministers met in Windsor to review cooperation.", None),
        ("Border Technology", section),
        ("Officials will pilot licence-plate readers at two crossings.", section),
    ]


def test_soft_hyphens_and_line_breaks_inside_a_paragraph_leave_no_trace(tmp_path):
    document = docx.Document()
    document.add_heading("Forum 2026", level=0)
    paragraph = document.add_paragraph("National police organi\u00adzations will share")
    paragraph.add_run().add_break()
    paragraph.add_run("case files.")
    path = tmp_path / "forum-2026.docx"
    document.save(str(path))
    assert units_of(path)[1] == [("National police organizations will share case files.", None)]


def test_a_file_that_is_not_a_word_document_is_a_load_error(tmp_path):
    path = tmp_path / "notes-2030.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError):
        load_text(path)
