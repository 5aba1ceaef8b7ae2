"""Plain-text rendering of answers and ingest reports for the terminal."""

from __future__ import annotations

import textwrap

from index.models import Answer
from ingest.pipeline import IngestReport


def render_answer(reply: Answer) -> str:
    """The answer, then a numbered list of its sources with their quotes."""
    lines = [reply.answer]
    if reply.citations:
        lines += ["", "Sources:"]
        for c in reply.citations:
            where = ", ".join(x for x in (c.date, c.place) if x)
            section = f" — {c.section}" if c.section else ""
            lines.append(f"[{c.n}] {c.title} ({where}){section}  score {c.score:.2f}")
            quote = textwrap.fill(f"“{c.quote}”", width=96, initial_indent="    ", subsequent_indent="    ")
            lines.append(quote)
    return "\n".join(lines)


def render_report(report: IngestReport) -> str:
    """A short summary of what an ingest run changed."""
    parts = [
        f"added {len(report.added)}",
        f"updated {len(report.updated)}",
        f"unchanged {len(report.unchanged)}",
        f"removed {len(report.removed)}",
        f"skipped {len(report.skipped)}",
    ]
    summary = "ingest: " + ", ".join(parts)
    return f"{summary}; embedded {report.units_embedded} units, {report.units_total} units indexed"
