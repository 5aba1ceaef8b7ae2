"""Invented statements for format tests, each written out as Markdown, as HTML and (through Chromium) as PDF."""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-component-update"]
# Long words a content system might give soft hyphens (&shy;): where one breaks a line, Chromium draws a hyphen.
SOFT_HYPHENATED = {"organizations": "organi\u00adzations", "investigations": "investi\u00adgations"}


@dataclass(frozen=True)
class Statement:
    """A statement: its title, its opening (dateline) paragraph, and its sections of paragraphs (a tuple of
    items is a bulleted list)."""

    name: str
    title: str
    opening: str
    sections: tuple[tuple[str, tuple[str | tuple[str, ...], ...]], ...]

    def markdown(self) -> str:
        """The statement as Markdown: the known-good way in."""
        parts = [f"# {self.title}", self.opening]
        for heading, paragraphs in self.sections:
            parts.append(f"## {heading}")
            parts += ["\n".join(f"- {i}" for i in p) if isinstance(p, tuple) else p for p in paragraphs]
        return "\n\n".join(parts) + "\n"

    def html(self, soft_hyphens: bool = True) -> str:
        """The statement as a plain web page, with soft hyphens in a few long words."""

        def text(value: str) -> str:
            escaped = html.escape(value, quote=False)
            if soft_hyphens:
                for word, hyphenated in SOFT_HYPHENATED.items():
                    escaped = escaped.replace(word, hyphenated.replace("\u00ad", "&shy;"))
            return escaped

        body = [f"<h1>{text(self.title)}</h1>", f"<p>{text(self.opening)}</p>"]
        for heading, paragraphs in self.sections:
            body.append(f"<h2>{text(heading)}</h2>")
            for p in paragraphs:
                items = "".join(f"<li>{text(i)}</li>" for i in p) if isinstance(p, tuple) else ""
                body.append(f"<ul>{items}</ul>" if items else f"<p>{text(p)}</p>")
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Statement</title>'
            "<style>body{font-family:serif;margin:0}</style></head><body>" + "\n".join(body) + "</body></html>"
        )


DETROIT = Statement(
    name="2026-cbcf-joint-statement-detroit",
    title=(
        "Joint Statement from the 2026 United States–Canada Cross-Border Crime Forum on Firearms, "
        "Fentanyl, Human Smuggling and AI-generated Fraud"
    ),
    opening=(
        "DETROIT: Ministers from the United States and Canada met in Detroit, Michigan, on June 4, 2026, for the "
        "fourth meeting of the Cross-Border Crime Forum since it was reestablished. They reviewed the cross-border "
        "cooperation of their law-enforcement agencies and the work of the Integrated Border Enforcement Teams."
    ),
    sections=(
        (
            "Firearms Trafficking",
            (
                "Ministers welcomed the intelligence-led operations that seized 1,482 crime guns in 2025 and agreed "
                "to share tracing results in near-real-time through the U.S.-Canada firearms tracing working group.",
                "Both countries will expand follow-up investigations of privately-made firearms, including "
                "3D-printed frames, and will report on long-term trends to the forum's senior officials.",
            ),
        ),
        (
            "Fentanyl and Synthetic Drugs",
            (
                "Officials described state-of-the-art detection at ports of entry and the work of the national "
                "police organizations against precursor chemicals shipped through well-established supply chains.",
                "Ministers asked agencies to brief the next meeting on joint investigations of clandestine "
                "laboratories, on money-laundering networks that finance them, and on harm-reduction partnerships "
                "with provinces, states and Indigenous communities.",
            ),
        ),
        (
            "Fraud and AI-generated Deception",
            (
                "Ministers noted the growth of AI-generated voice and video in fraud schemes aimed at seniors, and "
                "agreed that the police organizations of both countries would exchange case information within "
                "fourteen days of a report, subject to domestic law and privacy safeguards.",
                "A cross-sector task force with banks, telecommunications carriers and consumer-protection "
                "regulators will publish plain-language guidance for families before the end of 2026.",
            ),
        ),
    ),
)

VANCOUVER = Statement(
    name="2026-cbcf-statement-vancouver",
    title="2026 CBCF Joint Statement",
    opening=(
        "VANCOUVER: Ministers from the United States and Canada met in Vancouver, British Columbia, on "
        "November 12, 2026, to review the commitments made in Detroit and the results of joint investigations "
        "since the spring."
    ),
    sections=(
        (
            "Human Smuggling",
            (
                "Ministers condemned the exploitation of migrants by smuggling networks that use ride-hailing "
                "accounts and encrypted messaging, and agreed on a common brief for front-line officers.",
                "Officials will:",
                (
                    "share the names of smuggling networks' recruiters with partner agencies within ten days;",
                    "train front-line officers together;",
                    "report to Ministers in 2027.",
                ),
            ),
        ),
    ),
)


def html_of(path: Path) -> str:
    """A plain web page of a text statement: its title, headings and paragraphs as this project reads them."""
    from ingest.loaders import load_text
    from ingest.sections import parse_structure

    structure = parse_structure(load_text(path))
    body, section = [f"<h1>{html.escape(structure.title)}</h1>"] if structure.title else [], None
    for paragraph in structure.paragraphs:
        if paragraph.section != section:
            section = paragraph.section
            body.append(f"<h2>{html.escape(section)}</h2>")
        body.append(f"<p>{html.escape(paragraph.text)}</p>")
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>' + "".join(body) + "</body></html>"


def print_pdf(page, statement: Statement | str, path: Path, width: str, height: str = "6in", furniture=False) -> Path:
    """Print the statement (or HTML) to PDF in Chromium; furniture: with a browser's header and footer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_content(statement if isinstance(statement, str) else statement.html())
    margin = {"top": "0.6in", "bottom": "0.6in"}
    page.pdf(path=str(path), width=width, height=height, margin=margin, display_header_footer=furniture)
    return path


def write_docx(statement: Statement, path: Path, styled: bool = True) -> Path:
    """The statement as a Word file made with python-docx: Title and Heading 1 styles, or all Normal text."""
    import docx

    document = docx.Document()
    if styled:
        document.add_heading(statement.title, level=0)
    else:
        document.add_paragraph(statement.title)
    document.add_paragraph(statement.opening)
    for heading, paragraphs in statement.sections:
        if styled:
            document.add_heading(heading, level=1)
        else:
            document.add_paragraph().add_run(heading).bold = True
        for paragraph in paragraphs:
            for item in paragraph if isinstance(paragraph, tuple) else (paragraph,):
                document.add_paragraph(item, style="List Bullet" if isinstance(paragraph, tuple) else None)
    document.save(str(path))
    return path
