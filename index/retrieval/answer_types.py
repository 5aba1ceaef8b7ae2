"""Whether a sentence holds the kind of answer a question asks for: an amount, a count, a date, a place,
a person, or an overview of what a statement covers."""

from __future__ import annotations

import re
from functools import lru_cache

from index.question import counting, intent
from index.question.framing import FRAMING_WORDS
from index.question.lexicon import Lexicon
from index.question.plan import QueryPlan
from index.retrieval.offices import asked_country, asked_office, names_a_person
from index.retrieval.snapshot import Snapshot
from index.text.words import MONTHS, STOP_WORDS, WEEKDAYS, stems_of, tokens

_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million)\b",
    re.I,
)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(million|billion|dollars?)\b|\bC?US?\$", re.I)
_PENALTY = re.compile(r"\b(penalt\w*|punish\w*|fines?|fined|imprison\w*|prison|jail|sentenc(e|es|ed|ing))\b", re.I)
_DAY = r"\b(january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday)\b"
_DATE = re.compile(_DAY + r"|\b(19|20)\d\d\b", re.I)
# Asking for a day, not a year ("the exact date", "what day"), and a text that names one ("June 12", "today").
_DAY_ASKED = re.compile(r"\b(exact|precise|specific)\w* (date|day)\b|\b(what|which) (date|day)\b", re.I)
_DAY_SAID = re.compile(_DAY, re.I)
_SPAN = (  # "72 hours", "two decades", "a few days", "days"
    r"((\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|few|several)[\s-]+)?"
    r"(business[\s-]+|calendar[\s-]+)?(minute|hour|day|week|month|year|decade)s?\b"
)
# A span of time ("within 72 hours", "a 30-day window", "every two weeks") or a pace ("in real time", "daily").
_SPAN_SAID = re.compile(
    r"\b(within|in|under|over|for|every|after|up to|at least|no more than|less than|no later than)"
    r" (the first |more than |over |nearly |almost |about |some |at least )?"
    rf"{_SPAN}"
    rf"|\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-](minute|hour|day|week|month|year)s?\b"
    rf"|\b(real[\s-]time|immediately|hourly|daily|weekly"
    r"|monthly|quarterly|annually|same[\s-]day|overnight)\b",
    re.I,
)
# Two or three capitalised words, initials allowed between them ("Merrick B. Garland").
_NAME = re.compile(r"\b([A-Z][a-z’'-]+)(?:\s+[A-Z]\.)*\s+([A-Z][a-z’'-]+)\b")
# A list of three or more items: what a statement says it covers ("Focused on A, B, C, and D").
_LIST = re.compile(r"([^,;:]+,){2,}[^,;:]*\band\b|:\s*$")
LEAD_SENTENCES = 3


def _strip_years(text: str) -> str:
    """The text without years, and without the two parties of a bilateral statement ("our two countries")."""
    text = re.sub(r"\b(two|both) (countries|nations|governments|sides|partners)\b", "", text, flags=re.I)
    return re.sub(r"\b(19|20)\d\d\b", "", text)


@lru_cache(maxsize=100_000)
def has_person(text: str, dictionary: frozenset[str]) -> bool:
    """Whether the text names a person: capitalised words, at least one of them no English word."""
    return any(
        match.group(1).lower() not in dictionary or match.group(2).lower() not in dictionary
        for match in _NAME.finditer(text)
        if match.start() > 0 or len(text) > 80
    )


@lru_cache(maxsize=100_000)
def has_place(text: str, place: str) -> bool:
    """Whether the text names the place its statement comes from."""
    name = place.split(",")[0].strip()
    return bool(name) and re.search(rf"\b{re.escape(name)}\b", text) is not None


@lru_cache(maxsize=100_000)
def is_overview(text: str, headings: tuple[frozenset[str], ...], sentence_no: int) -> bool:
    """Whether a sentence sums up its statement: it names most of the statement's section headings, or, in a
    statement without headings, it is one of the opening sentences or a list."""
    if len(headings) >= 2:
        stems = stems_of(text)
        return sum(bool(h & stems) for h in headings) >= max(2, len(headings) / 2)
    return sentence_no < LEAD_SENTENCES or bool(_LIST.search(text))


def is_list(text: str) -> bool:
    """Whether a sentence is a list of three or more items, or introduces one."""
    return bool(_LIST.search(text))


def fits(kind: str | None, text: str) -> bool:
    """Whether the sentence can answer at all: an amount, a penalty, a count or a date asked for (the plan's
    answer_type, given as kind) must be in it."""
    return holds(kind, text) if kind in REQUIRED else True


def answers_what_is_asked(
    plan: QueryPlan, kind: str | None, text: str, stems: frozenset[str], lexicon: Lexicon, dictionary: frozenset[str]
) -> bool:
    """A count must count what is asked about ("how many deaths"), an amount asked about as spending ("how much
    was put into…") must be spent, a person asked for by role ("who is the director of…") must be named, and a
    date must be more than the year the question gives."""
    if plan.superlative and not intent.RANKS.search(text):
        return False
    if kind == "name":
        described = stems_of(" ".join(plan.topical)) if intent.NAME_OF.search(plan.text) else frozenset()
        return gives_name(text, _asked_words(plan), described)
    if kind in ("count", "money") and _reversed(plan.text, text):
        return False
    if kind == "person" and plan.asks_role:
        # who hosts a meeting to come: a statement names the host country before it happens, not a person
        hosts_next = "next" in plan.topical and says_next(text)
        return hosts_next or names_a_person(text, dictionary, asked_office(plan.text), asked_country(plan.text))
    if kind == "place" and (intent.PLACE_KIND.search(plan.text) or intent.LOCATED.search(plan.text)):
        return names_another_place(text, _asked_words(plan))
    if kind == "date" and _DAY_ASKED.search(plan.text) and not _DAY_SAID.search(text):
        return False  # "what's the exact date of the Winnipeg meeting": "in 2027" gives only its year
    if kind in ("date", "deadline") and plan.numbers and not holds("span", text):
        # "what date in 2026 is the Denver meeting": the year the question gives is not the date it asks for
        return any(m.group() not in plan.numbers for m in _DATE.finditer(text))
    if kind == "count" and plan.counted:
        done = bool(counting.DONE_COUNT.search(plan.text))
        return counts(text, frozenset(lexicon.expand(plan.counted)), done)
    if kind == "money" and plan.spending:  # what a crime cost its victims ("cost seniors $1.1 billion") is no spending
        return intent.spends(text)
    return True


# A name: two or more capitalised words in a row ("Statement of Partnership", "Roadmap for a Renewed…"), or a title
# in quotation marks.
_NAMED = re.compile(r"[A-Z][\w’'-]+(?:\s+(?:(?:of|for|the|and|a|on|to)\s+)*[A-Z][\w’'.-]+)+|“[^”]{3,}”")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")  # an agency or a programme by its initials ("RCMP", "IBETs")
ACRONYM_REACH = 80  # characters before initials where the words they stand for are looked for ("… Network (SDEWN)")


# Which way something went between the two countries: "did Canada send … to the US" (from Canada, to the US).
_CA = r"(canada|canadians?)"
_US = r"(the )?(u\.?s\.?a?|united states|america|americans?)"
_FROM_TO = re.compile(
    rf"\b(did|does|do|has|have|will|is|are|was|were) (?P<source>{_CA}|{_US})\b.*\bto (?P<target>{_CA}|{_US})\b", re.I
)
_TO = re.compile(rf"\bto (?P<target>{_CA}|{_US})\b", re.I)


def _country(name: str) -> str:
    return "ca" if name.lower().startswith("canad") else "us"


def _reversed(question: str, text: str) -> bool:
    """Whether a sentence counts what went the other way ("149 notifications to Canada" for "how many did Canada
    send to the US"): everything it sends goes to the country the question has sending."""
    asked = _FROM_TO.search(question)
    if asked is None or _country(asked["source"]) == _country(asked["target"]):
        return False
    targets = {_country(m["target"]) for m in _TO.finditer(text)}
    return targets == {_country(asked["source"])}


def gives_name(text: str, asked: frozenset[str], described: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence gives a name the question asks for: one with a word the question doesn't use, and not
    only a country, a month or a word that frames every statement ("United States", "Canada’s Minister").
    described: the stems of the words describing the thing whose name is asked for; when given, the name must
    say one of them ("the Trilateral Fentanyl Commission"), or be initials that follow words saying one."""
    for match in _ACRONYM.finditer(text):
        word = match.group().lower()
        before = stems_of(text[max(0, match.start() - ACRONYM_REACH) : match.start()])
        if word not in asked and word not in FRAMING_WORDS and (not described or before & described):
            return True  # "the RCMP will…"
    for match in _NAMED.finditer(text):
        words = [w for w in tokens(match.group()) if w not in STOP_WORDS]
        if described and not stems_of(match.group()) & described:
            continue  # "Health Canada" is not the name of the database asked about
        if any(w not in asked and w not in _NOT_PLACES and w not in _COUNTRY_WORDS for w in words):
            return True
    return False


def _asked_words(plan: QueryPlan) -> frozenset[str]:
    """The question's keywords and the statements' words for them."""
    return frozenset(set(plan.keywords).union(*plan.expansions.values()))


COUNT_REACH = 6  # words between a number and the thing it counts ("4,527 sex-offender travel notifications")
# A number followed by one of these counts time, not the thing asked about ("within 72 hours").
_MEASURES = frozenset(
    ("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years")
)
# Words before a number that make it a plan, a cap or a target rather than what has happened ("up to 60").
_PLANNED = frozenset(
    ("will", "would", "up", "aim", "aims", "target", "targets", "plan", "plans", "planned", "expected", "goal")
    + ("allow", "allows")
)
PLAN_REACH = 4  # words before a number where a plan or cap is looked for


_DAY_OF_MONTH = re.compile(_DAY + r"\s+\d{1,2}\b", re.IGNORECASE)  # "April 26": the day of a date counts nothing
_LABELLED = re.compile(r"^[^:\d]{3,150}:\s*\d[\d,.]*\s*$")  # what is counted, a colon, the number
# A table's row as ingest writes it: what is counted, a dash, then each column's figure ("… — Canada: 287; …").
_ROW = re.compile(r"^(?P<label>[^:—]{3,150}?)\s+—\s+[^:;]{1,60}:\s*\d")


@lru_cache(maxsize=100_000)
def counts(text: str, counted: frozenset[str], done: bool = False) -> bool:
    """Whether a number in the sentence counts the thing asked about (stems): it is a few words before or after
    the number ("212 alerts", "reports … rose by 40 per cent"), not anywhere ("a team … within 24 hours"), and
    it does not count hours or days. done: the count asked is of what has happened, so a planned number or a
    cap ("will allow up to 60 officers") does not answer it."""
    if _LABELLED.match(text):  # a line of figures ("Handguns seized from boats on border waters: 164")
        return bool(stems_of(text.rsplit(":", 1)[0]) & counted)
    if row := _ROW.match(text):  # a row of a table of figures
        return bool(stems_of(row["label"]) & counted)
    words = tokens(_strip_years(_DAY_OF_MONTH.sub(r"\1", text)))
    numbers = [
        i
        for i, w in enumerate(words)
        if _NUMBER.fullmatch(w)
        and not (i + 1 < len(words) and words[i + 1] in _MEASURES)
        and not (done and _PLANNED.intersection(words[max(0, i - PLAN_REACH) : i]))
    ]
    said = [i for i, w in enumerate(words) if stems_of(w) & counted]
    return any(abs(i - j) <= COUNT_REACH for i in numbers for j in said)


_CAPITALISED = re.compile(r"(?<=\s)[A-Z][^\W\d_]{2,}")  # inside a sentence, not its first word
QUOTATION = re.compile(r"[“”\"]")  # a quotation mark, straight or curly
_NEXT = re.compile(r"\b(next|again|upcoming|will (host|hold|meet|convene|be held))\b", re.IGNORECASE)


def says_next(text: str) -> bool:
    """Whether a sentence tells of a meeting to come ("will meet again", "will host the seventh meeting")."""
    return _NEXT.search(text) is not None


_COUNTRY_WORDS = frozenset(("canada", "united", "states", "america"))
_NOT_PLACES = FRAMING_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)  # capitalised, but never a place asked for


@lru_cache(maxsize=100_000)
def names_another_place(text: str, asked: frozenset[str], countries: bool = False) -> bool:
    """Whether a sentence names something (a place, asked for by kind) that the question doesn't: a capitalised
    word inside it that is not the question's own, nor one of the words that frame every statement (the
    forum's two countries count when a country may answer: "the next Forum will be held in Canada")."""
    excluded = _NOT_PLACES - _COUNTRY_WORDS if countries else _NOT_PLACES
    for match in _CAPITALISED.finditer(text):
        word = tokens(match.group())
        if word and not match.group().isupper() and word[0] not in asked and word[0] not in excluded:
            return True
    return False


# answer types a sentence must hold to be quoted at all
REQUIRED = ("money", "penalty", "count", "span", "deadline", "date")


@lru_cache(maxsize=100_000)
def holds(kind: str, text: str) -> bool:
    """Whether a text holds an amount of money, a penalty, a count, a span of time or a date."""
    if kind == "money":
        return bool(_MONEY.search(text))
    if kind == "penalty":
        return bool(_PENALTY.search(text))
    if kind == "count":
        return bool(_NUMBER.search(_strip_years(text)))
    if kind == "span":
        return bool(_SPAN_SAID.search(text))
    if kind == "deadline":  # a span of time, or the date it ends ("how soon": "to begin in January 2030")
        return bool(_SPAN_SAID.search(text) or _DATE.search(text))
    return bool(_DATE.search(text))


def type_fit(
    plan: QueryPlan, kind: str | None, text: str, meta: dict, dictionary: frozenset[str], snapshot: Snapshot
) -> bool:
    """Whether the sentence holds the kind of answer asked for (plan.answer_type, given as kind): a place,
    person or overview counts as evidence; an amount, penalty, count or date is required, see fits()."""
    if kind is None:
        return False
    if kind in REQUIRED:
        return holds(kind, text)
    if kind == "place":  # the meeting's own place, or, asked where something is ("where is X based"), any other
        if intent.LOCATED.search(plan.text):
            return names_another_place(text, _asked_words(plan))
        if "next" in plan.topical:  # where the next meeting will be ("will meet again in …"), not where this one was
            said = _NEXT.search(text)
            if not said:
                return False
            # after it, or before it when it says who will host: "The United States will host the next Forum"
            host = text[: said.start()] if said.group().lower().startswith("will") else ""
            return any(
                names_another_place(part, _asked_words(plan), countries=True) for part in (text[said.start() :], host)
            )
        return has_place(text, str(meta.get("place") or ""))
    if kind == "person":
        return has_person(text, dictionary)
    if kind == "quote":  # someone's own words, in quotation marks
        return QUOTATION.search(text) is not None
    if kind == "overview":
        number = int(meta.get("sentence_no", meta.get("position", 0)))
        return is_overview(text, snapshot.headings.get(meta["doc_id"], ()), number)
    return False
