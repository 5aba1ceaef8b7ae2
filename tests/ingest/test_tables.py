"""A table of figures is read a row to a line that says what each figure is; a layout table is left alone."""

from __future__ import annotations

from ingest.loaders import load_text
from ingest.tables import markdown_tables_written_out, row_line
from ingest.units import read_document

PAGE = """<html><head><title>CBCF 2030</title></head><body><article>
<h1>Joint Statement from the 2030 Cross-Border Crime Forum</h1>
<p>Ministers met in Chicago to review cooperation on fraud and firearms and agreed to publish their results
every year, so that the public can follow what the two countries achieve together against cross-border crime.</p>
<p>Officials reported the following results for the year.</p>
<table><caption>Enforcement results, fiscal year 2030</caption>
<thead><tr><th>Category</th><th>Canada</th><th>United States</th></tr></thead>
<tbody><tr><td>3D-printed guns seized</td><td>287</td><td>1,104</td></tr>
<tr><td>Scam couriers arrested</td><td>58</td><td>96</td></tr></tbody></table>
<p>Ministers will meet again in Vancouver in 2031 to review what the new task force has done since Chicago.</p>
</article></body></html>"""


def test_each_row_of_a_table_of_figures_is_a_line_naming_its_columns(tmp_path):
    path = tmp_path / "2030-cbcf-chicago.html"
    path.write_text(PAGE, encoding="utf-8")
    text = load_text(path)
    assert "3D-printed guns seized — Canada: 287; United States: 1,104" in text
    assert "Enforcement results, fiscal year 2030" in text
    _, units = read_document(path)
    rows = [u.sentence for u in units if "couriers" in u.sentence]
    assert rows == ["Scam couriers arrested — Canada: 58; United States: 96"]
    assert any("meet again in Vancouver" in u.sentence for u in units)  # the text after the table is kept


def test_a_markdown_pipe_table_is_written_out_the_same_way():
    table = "Results:\n\n| Category | Canada | U.S. |\n|---|---:|---:|\n| Guns seized | 287 | 1,104 |\n\nAfter."
    assert markdown_tables_written_out(table) == "Results:\n\nGuns seized — Canada: 287; U.S.: 1,104\n\n\nAfter."


def test_a_row_without_a_matching_header_keeps_its_figures_in_order():
    assert row_line([], ["Guns seized", "287", "1,104"]) == "Guns seized — 287; 1,104"
    assert row_line(["Item", "Count"], ["Guns seized", "287"]) == "Guns seized — Count: 287"


def test_a_layout_table_of_long_text_is_not_read_as_figures(tmp_path):
    long_cell = "Ministers agreed to expand joint patrols on the lakes and rivers. " * 4
    page = PAGE.replace("<td>287</td>", f"<td>{long_cell}</td>")
    path = tmp_path / "2030-cbcf-layout.html"
    path.write_text(page, encoding="utf-8")
    assert "— Canada:" not in load_text(path)
