"""Remove web-page chrome (logins, footers, labels, bylines) from captured text."""

from __future__ import annotations

import calendar
import re

# Each pattern matches a whole line that is site furniture, never statement content.
_CHROME_LINE_PATTERNS = [
    r"log ?in( with your credentials| to your account)?\.?",
    r"sign (in|up|out)( now)?\.?",
    r"log ?out",
    r"forgot (your )?(details|password|username)\??",
    r"create (an |your )?account\.?",
    r"register( now)?\.?",
    r"remember me",
    r"(press|news|media) release",
    r"skip to (main )?content",
    r"(share|print|email|tweet)( this( page| article)?)?:?",
    r"(read|show) (more|less)",
    r"subscribe( now| to our newsletter)?\.?",
    r"back to top",
    r"(related|recent) (posts|articles|news)",
    r"[A-Z](\.[A-Z])*\.?\s*(Report|Staff|Desk|Wire)",  # bylines such as "F.P. Report"
    r"by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}",  # "By Jane Doe"
    r"page \d+( of \d+)?",  # a printed page's footer
    r"from: [A-Z][\w .,'&()-]{1,80}",  # a government page's byline: "From: Public Safety Canada"
    r"for immediate release",  # a news release's furniture
    # a U.S. release's tags after its text: "Topic(s): Drug Trafficking", "Press Release Number: 27-512"
    r"(topic|component)\(s\):.*",
    r"press release (number|no\.?):?\s*[\w-]+",
    r"office of (public|media) affairs",
    r"(statement|backgrounder|media advisory|readout|news)",  # a government page's label for its kind of page
    r"report a problem( or mistake)?( on this page)?\.?",  # a government page's feedback link
    # a page's date stamp: "Date modified: 2024-11-15", "Last updated November 15, 2024"
    r"(date modified|last (updated|modified)|updated|published|posted)(:| on)?\s*"
    r"(\d{4}-\d{2}-\d{2}|[a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [a-z]+ \d{4})",
    r"was this page helpful\??( yes no)?",
]
# Footer marks that prose never carries: a line holding one is chrome (if it is not a long paragraph).
_FOOTER_MARKS = [
    r"copyright\s*(©|\(c\)|\d{4})",
    r"©\s*\d{4}",
    r"all rights reserved",
    r"tax[ -]?id\b",
    r"\bduns number\b",
    r"\bein:\s*\d",
]
# Link labels that a sentence may also mention ("enforce their terms of service"): chrome only on a line
# that does not read as a sentence (a menu of links, a label).
_LINK_LABELS = [r"privacy policy", r"terms of (use|service)", r"cookie (policy|settings|preferences)", r"site ?map"]
_LINE_RE = re.compile(r"^(?:" + "|".join(_CHROME_LINE_PATTERNS) + r")$", re.IGNORECASE)
# Matched against the lowercased line: about twice as fast as re.IGNORECASE over every line of a corpus.
_FOOTER_RE = re.compile("|".join(_FOOTER_MARKS))
_LABEL_RE = re.compile("|".join(_LINK_LABELS))
_SENTENCE_RE = re.compile(r"^[\"“‘(]?[A-Z0-9].*\b[a-z]{2,}\b.*[.!?][\"”’)]?$")
_DATELINE_RE = re.compile(r"^(?P<place>[A-Z][A-Z.,' -]{2,40}?)\s*(?:\([^)]{1,40}\))?\s*[:—–-]\s+(?=\S)")


def is_chrome(line: str) -> bool:
    """Whether a line is site chrome rather than statement text."""
    stripped = line.strip()
    if not stripped:
        return False
    if _LINE_RE.match(stripped):
        return True
    if len(stripped) >= 400:
        return False
    lowered = stripped.lower()
    if _FOOTER_RE.search(lowered):
        return True
    return bool(_LABEL_RE.search(lowered)) and not _reads_as_sentence(stripped)


def _reads_as_sentence(line: str) -> bool:
    """A capitalised run of at least six words ending in a full stop, with no link separators."""
    return bool(_SENTENCE_RE.match(line)) and len(line.split()) >= 6 and not re.search(r"\s[|·•]\s", line)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split a leading news dateline ("WASHINGTON: ...") from a paragraph."""
    match = _DATELINE_RE.match(paragraph)
    if not match:
        return None, paragraph
    place = match.group("place").strip().rstrip(",")
    if not any(ch.isalpha() for ch in place) or len(place.split()) > 4:
        return None, paragraph
    return place.title(), paragraph[match.end() :]


_BULLET = re.compile(r"^[-•*–▪◦]\s+")
_RELEASE_LABEL = re.compile(r"^for immediate release\s*[|:–—-]\s*(?=\S)", re.IGNORECASE)


# The mark a news release ends with ("###", "-30-"): what follows is the page's tags and furniture. A heading
# of a release's end matter ("Contacts", "Associated links", a government page's "Page details") ends it too:
# names, titles and phone numbers for the press, not what the statement says.
_END_MARK = re.compile(
    r"^\\?(#\s*){3}$|^-\s*30\s*-$|^(#{1,6}\s*)?(?:(?:media |press )?contacts?|for (?:more|further) information"
    r"|associated links|related links|search for related information by keyword|page details|stay connected)\s*:?$",
    re.IGNORECASE,
)


def clean_lines(text: str) -> list[str]:
    """Return the text's lines with chrome lines removed and whitespace normalised, up to a release's end mark."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = []
    for line in text.split("\n"):
        line = _BULLET.sub("", re.sub(r"[ \t]+", " ", line).strip())  # a list item's marker is not its text
        line = _RELEASE_LABEL.sub("", line)  # "FOR IMMEDIATE RELEASE | Thursday, May 20, 2027": the date stays
        if _END_MARK.match(line):
            break
        if is_chrome(line):
            continue
        lines.append(line)
    return lines


_MONTHS = tuple(calendar.month_name[1:])  # "January" … "December"
# A line that is only a dateline: "Regina, Saskatchewan — May 6, 2031", "Ottawa, Ontario - March 31, 2023",
# "May 6, 2031", "Friday, April 17, 2026", "November 14, 2024 — Québec City, Quebec".
_PLACE = r"[A-Z][\w.'’ -]{1,40}?(?:, [A-Z][\w.'’ -]{1,40}?)?"
_DATED_LINE = re.compile(
    rf"^(?:(?P<place>{_PLACE})\s*[—–-]\s*)?(?:(?:{'|'.join(calendar.day_name)}),? )?"
    rf"(?P<month>{'|'.join(_MONTHS)}) (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)"
    rf"(?:\s*[—–-]\s*(?P<after>{_PLACE}))?$"
)


def dated_line(line: str) -> tuple[str | None, str] | None:
    """A line that is only a dateline: the city it names (if any) and its date as YYYY-MM-DD; None otherwise."""
    match = _DATED_LINE.match(line.strip())
    if match is None:
        return None
    month = _MONTHS.index(match.group("month")) + 1
    place = match.group("place") or match.group("after")
    city = place.split(",")[0].strip() if place else None
    return city, f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"
