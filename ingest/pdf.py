"""Rebuild a PDF's paragraphs from where its text sits: blocks by spacing and type style, wrapped lines re-joined."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

_SOFT_HYPHEN = "\u00ad"
_BREAK_HYPHENS = ("\u2010", _SOFT_HYPHEN)  # drawn only where a word was broken at the end of a line
_CLOSED_DASHES = ("\u2014", "\u2013", "/")  # "cooperation—including": a line may break right after these
_TERMINAL = (".", "!", "?", ":", ";", "”", '"', ")")
_GAP_FACTOR = 1.35  # a line this much further below the one before than usual starts a new block
_ROOM_SHARE = 0.9  # widths are estimated: a next word must fit in this share of the room left to count


@dataclass
class _Line:
    page: int
    x: float
    y: float
    size: float
    bold: bool
    text: str = ""

    @property
    def style(self) -> tuple[float, bool]:
        return round(self.size, 1), self.bold

    @property
    def right(self) -> float:
        """Where the line ends, estimated from its characters (compared only between lines of one style)."""
        return self.x + text_width(self.text) * self.size


# Rough advance widths, in ems, of a proportional Latin font (Helvetica's metrics, rounded): the text layer gives
# where a line starts, not where it ends.
_NARROW, _WIDE = set("ijlI.,:;'’!|()[]ft "), set("mwMW")


def text_width(text: str) -> float:
    """The estimated width of text in ems."""
    return sum(
        0.28 if ch in _NARROW else 0.85 if ch in _WIDE else 0.33 if ch in "r-" else 0.68 if ch.isupper() else 0.55
        for ch in text
    )


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)


def pdf_text(reader) -> str:
    """The text of a pypdf reader's pages: one paragraph or heading per line, blank lines between blocks."""
    for page in reader.pages:
        _drop_soft_hyphen_glyphs(page)
    lines: list[_Line] = []
    for number, page in enumerate(reader.pages):
        lines.extend(_page_lines(number, page))
    lines = _without_page_furniture([line for line in lines if line.text.strip()])
    blocks = _blocks(lines)
    # Chromium (Skia) draws the hyphen it inserts at a break as U+2010, so a "-" at a line end in its PDFs is the
    # text's own. Other producers may draw theirs as "-": there the document's own spelling decides.
    producer = str((reader.metadata or {}).get("/Producer", ""))
    vocabulary = set() if "skia" in producer.lower() else _vocabulary(lines)
    return "\n\n".join("\n".join(_join_block(block, vocabulary)) for block in blocks)


# Chromium draws a soft hyphen as a space glyph inside a span whose /ActualText is U+00AD; pypdf reads the glyph
# (a space) and not the ActualText, so "organi&shy;zation" would come out as "organi zation".
_SOFT_HYPHEN_SPAN = re.compile(rb"/Span\s*<<\s*/ActualText\s*<FEFF00AD>\s*>>\s*BDC.*?EMC", re.DOTALL | re.IGNORECASE)


def _drop_soft_hyphen_glyphs(page) -> None:
    """Remove the glyphs drawn for soft hyphens, which are not part of the text."""
    from pypdf.generic import DecodedStreamObject, NameObject

    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    if b"/ActualText" not in data:
        return
    cleaned = _SOFT_HYPHEN_SPAN.sub(b"", data)
    if cleaned != data:
        stream = DecodedStreamObject()
        stream.set_data(cleaned)
        page[NameObject("/Contents")] = stream


def _page_lines(number: int, page) -> list[_Line]:
    lines: list[_Line] = []

    def visit(text, cm, tm, font, size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2]))
        height = (size or 0) * (scale or 1)
        base = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        bold = bool(re.search(r"bold|black|heavy", base, re.IGNORECASE))
        for piece in text.split("\n"):
            if not piece.strip():
                continue
            last = lines[-1] if lines else None
            if last is None or abs(last.y - y) > max(height, last.size, 1) * 0.5:
                lines.append(_Line(number, x, y, height, bold, piece))
                continue
            last.text += piece
            last.x, last.size, last.bold = min(last.x, x), max(last.size, height), last.bold and bold

    page.extract_text(visitor_text=visit)
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    return lines


def _without_page_furniture(lines: list[_Line]) -> list[_Line]:
    """Drop running headers and footers: a page's top or bottom line that stands apart from the text and is set
    smaller than it, or says the same (numbers aside) on several pages; also bare page numbers.

    A browser prints the date and the page's title above the text, its address and "1/2" below it.
    """
    body = Counter()
    for line in lines:
        body[round(line.size, 1)] += len(line.text)
    body_size = body.most_common(1)[0][0] if body else 0
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    edges = []  # (line, its distance to the nearest other line on the page)
    for on_page in pages.values():
        ordered = sorted(on_page, key=lambda line: -line.y)
        for i in (0, len(ordered) - 1) if len(ordered) > 1 else ():
            neighbour = ordered[1] if i == 0 else ordered[-2]
            edges.append((ordered[i], abs(ordered[i].y - neighbour.y)))
    repeated = Counter(re.sub(r"\d+", "#", line.text) for line, _ in edges)
    furniture = set()
    for line, gap in edges:
        short = len(line.text.split()) <= 12
        apart = gap > line.size * 2.5
        smaller = line.size < body_size * 0.9
        again = len(pages) > 1 and repeated[re.sub(r"\d+", "#", line.text)] > 1
        if short and apart and (smaller or again):
            furniture.add(id(line))
    return [line for line in lines if id(line) not in furniture and not line.text.strip().isdigit()]


def _usual_spacing(lines: list[_Line]) -> dict[tuple[float, bool], float]:
    """The most common distance between consecutive lines of the same style, per style."""
    seen: dict[tuple[float, bool], Counter] = {}
    for prev, line in zip(lines, lines[1:]):
        if prev.page == line.page and prev.style == line.style and abs(prev.y - line.y) > 0:
            seen.setdefault(line.style, Counter())[round(abs(prev.y - line.y), 1)] += 1
    return {style: counts.most_common(1)[0][0] for style, counts in seen.items()}


def _blocks(lines: list[_Line]) -> list[_Block]:
    spacing = _usual_spacing(lines)
    blocks: list[_Block] = []
    for line in lines:
        prev = blocks[-1].lines[-1] if blocks else None
        if prev is None or prev.style != line.style:
            blocks.append(_Block([line]))
        elif prev.page != line.page:
            # A paragraph running on to the next page goes on; a finished one does not.
            if prev.text.endswith(_TERMINAL):
                blocks.append(_Block([line]))
            else:
                blocks[-1].lines.append(line)
        else:
            usual = min(spacing.get(line.style, line.size * 1.2), line.size * 1.6)
            if abs(prev.y - line.y) > usual * _GAP_FACTOR:
                blocks.append(_Block([line]))
            else:
                blocks[-1].lines.append(line)
    return blocks


def _vocabulary(lines: list[_Line]) -> set[str]:
    """Every word and hyphenated compound written whole on a line: the document's own spelling."""
    words: set[str] = set()
    for line in lines:
        for token in re.findall(r"[\w’'-]+", line.text)[:-1]:
            words.add(token.lower())
    return words


def _join_block(block: _Block, vocabulary: set[str]) -> list[str]:
    """The block's lines as pieces: wrapped lines joined, a line that ends short of the block's width kept apart."""
    left = min(line.x for line in block.lines)
    width = max(line.right for line in block.lines) - left
    pieces: list[str] = []
    for i, line in enumerate(block.lines):
        if i and not _ends_short(block.lines[i - 1], line, left, width):
            pieces[-1] = join_wrapped(pieces[-1], line.text, vocabulary)
        else:
            pieces.append(line.text)
    return pieces


def _ends_short(line: _Line, following: _Line, left: float, width: float) -> bool:
    """Whether a line ends before the block's edge although the next line's first word would have fitted."""
    if line.text.endswith(("-", *_BREAK_HYPHENS)):
        return False
    if following.text[0].islower() and not line.text.endswith(_TERMINAL):
        return False  # "… industry and" + "economies, we …": a sentence running on
    word = following.text.split(None, 1)[0]
    room = width - (line.right - left)
    return text_width(" " + word) * following.size < room * _ROOM_SHARE


def join_wrapped(head: str, tail: str, vocabulary: set[str] = frozenset()) -> str:
    """Re-join a line wrapped onto the next: a hyphen inserted at the break goes, one written in the text stays."""
    if not tail:
        return head
    if head.endswith(_BREAK_HYPHENS) and tail[0].isalpha():
        return head[:-1].rstrip() + tail
    if head.endswith("-") and len(head) > 1 and not head[-2].isspace() and tail[0].isalnum():
        before = re.sub(r"^\W+", "", head.rsplit(None, 1)[-1][:-1])
        after = re.sub(r"\W+$", "", tail.split(None, 1)[0])
        if before.isalpha() and before.islower() and after.isalpha():
            whole, compound = (before + after).lower(), f"{before}-{after}".lower()
            if whole in vocabulary and compound not in vocabulary:
                return head[:-1] + tail  # "organi-" + "zation" where the text writes "organization" elsewhere
        return head + tail  # "AI-" + "generated", "U.S.-" + "Canada": the text's own hyphen
    if head.endswith(_CLOSED_DASHES) and len(head) > 1 and not head[-2].isspace():
        return head + tail
    return head + " " + tail
