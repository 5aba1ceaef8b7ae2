"""Tables of figures in a statement, written out a row to a line that says what each figure is.

A row reads "its label — column: figure; column: figure" ("3D-printed guns seized — Canada: 287; United States:
1,104"), every word of it from the table's own cells and header, so that a row quoted alone can be understood.
A caption becomes a line before its rows. A table used for page layout (long text in its cells, or tables in
tables) is left as it is.
"""

from __future__ import annotations

import re

MAX_CELL_CHARS = 200  # a data table's cells are labels and figures; longer text is a layout table's content
_MD_ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$")
_MD_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def row_line(header: list[str], cells: list[str]) -> str:
    """One row as a line: its first cell, then each other cell after its column's header (if there is one)."""
    label, figures = cells[0], cells[1:]
    if len(header) == len(cells):
        said = [f"{name}: {value}" if name else value for name, value in zip(header[1:], figures)]
    else:
        said = figures
    return f"{label} — {'; '.join(said)}" if said else label


def _text(element) -> str:
    return " ".join(element.text_content().split())


def html_tables_written_out(html: str) -> str:
    """The page with each table of figures replaced by a paragraph for its caption and one for each row."""
    if "<table" not in html.lower():
        return html
    import lxml.html

    root = lxml.html.document_fromstring(html)
    changed = False
    for table in root.iter("table"):
        if table.find(".//table") is not None or table.getparent() is None:
            continue
        rows = [[_text(c) for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")]
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or any(len(c) > MAX_CELL_CHARS for r in rows for c in r):
            continue
        first = table.find(".//tr")
        has_header = first is not None and all(c.tag == "th" for c in first if c.tag in ("td", "th"))
        header, body = (rows[0], rows[1:]) if has_header else ([], rows)
        caption = table.find("caption")
        titled = _text(caption) if caption is not None else ""
        lines = ([titled] if titled else []) + [row_line(header, r) for r in body]
        replacement = lxml.html.fromstring("<div>" + "".join("<p></p>" for _ in lines) + "</div>")
        for paragraph, line in zip(replacement, lines):
            paragraph.text = line
        replacement.tail = table.tail
        table.getparent().replace(table, replacement)
        changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else html


def markdown_tables_written_out(text: str) -> str:
    """Markdown text with each pipe table's rows written out a line each, a blank line apart."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if _MD_ROW.match(lines[i]) and i + 1 < len(lines) and _MD_RULE.match(lines[i + 1]):
            header = _cells(lines[i])
            i += 2
            while i < len(lines) and _MD_ROW.match(lines[i]):
                out += [row_line(header, _cells(lines[i])), ""]
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _cells(line: str) -> list[str]:
    return [" ".join(c.split()) for c in _MD_ROW.match(line).group(1).split("|")]
