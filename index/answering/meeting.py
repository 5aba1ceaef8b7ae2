"""Questions about a meeting itself (where and when it was, who came, which meeting it was, what it covered),
answered from the statements' own opening sentences and section headings rather than by topic search.

A joint statement says in its first sentences who met whom, where, and which meeting it was; a later
statement often recalls an earlier meeting ("Building on the success of the March 2022 CBCF in Washington").
"""

from __future__ import annotations

import itertools
import re

from llama_index.core.schema import TextNode

from index.question import intent
from index.question.plan import QueryPlan
from index.retrieval import answer_types, offices
from index.retrieval.evidence import Scored, continues_previous
from index.retrieval.hybrid import Candidate
from index.retrieval.snapshot import Snapshot
from index.text.words import MONTHS, STOP_WORDS, says_nothing, stems_of, tokens

# A question about one of these facts of a meeting, with no other topic, is answered from what the statements
# say of their meetings or not at all: a topic search would only find the words "meeting" and "held".
MEETING_FACTS = ("ordinal", "date", "place", "revival", "person")
OPENING_SENTENCES = 6  # where a statement says who met, where, and which meeting it was
TOPIC_LIST_SHARE = 0.5  # of a topic list's words, at least this share are its statement's headings' words
MIN_WORDS = 8  # a dateline ("Calgary, Alberta — June 12, 2030") says where, but it does not sum anything up
FACT_RELEVANCE = 0.9  # the score shown for a sentence that states the fact asked about
_MONTHS = "|".join(MONTHS)
_MEETING_NEAR = re.compile(r"\b(CBCF|Forum|meeting|met|meet|convened)\b", re.IGNORECASE)
_REESTABLISHES = re.compile(r"\b(re-?establish\w*|relaunch\w*|reviv\w*|restart\w*)\b", re.IGNORECASE)
# What a statement says its meeting was for: "met … to discuss how to…", "the meeting allowed Ministers to assess
# progress", "Ministers reviewed progress … and agreed on priorities", "took stock of the commitments", "The Forum
# brings together … leaders … to coordinate…".
_PURPOSE_SAID = re.compile(
    r"\b(met|meet|meeting|gathered|convened)\b[^;]{0,120}?\bto (discuss|assess|review|take stock|set|advance|renew)\b"
    r"|\ballowed \w+ to\b|\btook stock\b|\bagreed on priorities\b|\bbrings? together\b[^;]{0,120}?\bto [a-z]+"
    r"|\b(reviewed|assess(ed)?) (the )?(progress|work|commitments|implementation)\b",
    re.IGNORECASE,
)
# What a statement says was decided: "Ministers agreed to…", "directed officials to…", "committed to…" (a stance,
# "we remain committed to…", "are equally committed to…", is not a decision).
_DECIDED = re.compile(
    r"\b(agreed|decided|signed|announced|launched|endorsed|pledged|resolved|directed|instructed|tasked)\b",
    re.IGNORECASE,
)
_SPECIFIC_DECISIONS = stems_of("signed launched announced endorsed pledged")  # made in one way, asked by it
# A decision saying what is due by the next meeting.
_DUE_BY_NEXT = re.compile(r"\b(before|by|ahead of) (the|its|their) next (meeting|forum|session)\b", re.IGNORECASE)
_COMMITTED = re.compile(r"\bcommitted to\b", re.IGNORECASE)
_STANCE = re.compile(r"\b(are|is|am|be|been|remain|remains)\s+(\w+\s+)?committed\b", re.IGNORECASE)
# What a statement says was raised for the first time: "For the first time, Ministers discussed…", "a first-ever…".
_NEW_SAID = re.compile(r"\bfor the first time\b|\bfirst[- ]ever\b|\b(new|newly) emerging\b", re.IGNORECASE)
# A building named as where they met: "Meeting at the Palais des congrès", "at the Fairmont Hotel".
_VENUE_SAID = re.compile(r"\b(?:at|in) the (?!Forum\b|CBCF\b|Cross\b|U\.S\.|United\b)[A-Z][\w’'-]+")
_PRECISE = re.compile(r"\b(day|date|month|exact\w*|precise\w*)\b", re.IGNORECASE)  # "what day exactly…"


def _dated(text: str, year: int, precise: bool) -> bool:
    """Whether a sentence dates something to the statement's year ("March 10, 2023", "in March 2022"), or, when
    no day or month is asked for, to the day the statement was issued ("Today, …")."""
    for match in re.finditer(rf"\b({_MONTHS})\b[^.;]{{0,12}}\b{year}\b", text, re.IGNORECASE):
        # the date of the meeting, not of something else the sentence mentions: a dateline (at the start, or all
        # there is: "Vancouver, British Columbia, June 12, 2025"), or next to the meeting
        around = text[max(0, match.start() - 30) : match.end() + 30]
        if match.start() < 20 or len(re.findall(r"\w+", text)) < MIN_WORDS or _MEETING_NEAR.search(around):
            return True
    return not precise and re.match(r"\W*today\b", text, re.IGNORECASE) is not None


def is_dateline(text: str) -> bool:
    """Whether a line is a dateline ("June 12, 2033 – Edmonton, Alberta – Public Safety Canada"): short, or
    with no word in lower case but small ones; it says where, but a sentence saying who met there says more."""
    return len(re.findall(r"[^\W\d_][\w’'-]*", text)) < MIN_WORDS or says_nothing(text)


def _asks_first_since_restart(question: str) -> bool:
    """Whether a question asks about the first meeting since the forum was brought back."""
    return 1 in intent.stated_ordinals(question) and intent.RESTART.search(question) is not None


def _sentence_no(node: TextNode) -> int:
    return int(node.metadata.get("sentence_no", node.metadata["position"]))


def sentence_heads(snapshot: Snapshot, doc_ids: set[str]) -> dict[str, list[TextNode]]:
    """Each statement's sentences in order, as the first unit of each (enough to cite it), from its part."""
    found: dict[str, list[TextNode]] = {}
    for doc_id in doc_ids:
        part = snapshot.parts.get(doc_id)
        if part is not None:
            firsts: dict[int, TextNode] = {}
            for node in part.nodes:
                firsts.setdefault(_sentence_no(node), node)
            found[doc_id] = [firsts[n] for n in sorted(firsts)]
    return found


def _states(kind: str, text: str, node: TextNode, snapshot: Snapshot, precise: bool = False, year=None) -> bool:
    """Whether a sentence states the kind of fact asked about a meeting: its own statement's, or year's."""
    meta = node.metadata
    if kind == "ordinal":
        return bool(intent.stated_ordinals(text))
    if kind == "date":
        return _dated(text, int(year or meta["year"]), precise)
    if kind == "place":
        return answer_types.has_place(text, str(meta.get("place") or ""))
    if kind == "person":
        return offices.names_a_person(text, snapshot.corpus.vocabulary.dictionary)
    if kind == "purpose":
        return _PURPOSE_SAID.search(text) is not None
    if kind == "revival":
        return _REESTABLISHES.search(text) is not None
    if kind == "novelty":
        return _NEW_SAID.search(text) is not None
    if kind == "decisions":
        return bool(_DECIDED.search(text) or (_COMMITTED.search(text) and not _STANCE.search(text)))
    # What a statement says it covers: a list ("Focused on A, B, C, and D") made mostly of its headings' words.
    headings = snapshot.headings.get(meta["doc_id"], ())
    if not answer_types.is_list(text):
        return False
    listed = text.rsplit(":", 1)[-1].strip() or text  # "…concentrated on five areas: A, B and C": the list
    words = stems_of(" ".join(w for w in tokens(listed) if w not in STOP_WORDS))
    return not headings or len(words & frozenset().union(*headings)) >= TOPIC_LIST_SHARE * len(words)


def _recalls(text: str, doc: dict) -> bool:
    """Whether a sentence of another statement recalls this statement's meeting: its place and its year."""
    place = str(doc.get("place") or "").split(",")[0].strip()
    return bool(place) and place in text and str(doc["year"]) in text


def fact_scored(node: TextNode, year: int | None) -> Scored:
    """A sentence that states the fact asked for, as a quotable result."""
    return Scored(Candidate(node), FACT_RELEVANCE, 0.0, year, True, {"meeting_fact": 1.0})


def _section_leads(units: list[TextNode], k: int, untitled: bool = False) -> list[TextNode]:
    """The first sentence under each section heading (and before any, if untitled), up to k."""
    seen: dict[str, TextNode] = {}
    for node in units:
        seen.setdefault(str(node.metadata.get("section") or ""), node)
    return [node for section, node in seen.items() if section or untitled][:k]


def _untitled_lead(units: list[TextNode], opening: list[TextNode]) -> list[TextNode]:
    """The first sentence of the paragraph after the opening one, when it comes before any heading: the topic a
    statement takes up first, before its titled sections."""
    if not opening or any(n.metadata.get("section") for n in opening):
        return []
    after = (n for n in units if n.metadata.get("paragraph", 0) > opening[0].metadata.get("paragraph", 0))
    first = next(after, None)
    return [first] if first is not None and not first.metadata.get("section") else []


def _purpose_of(own: list[TextNode], snapshot: Snapshot, taken: list[TextNode]) -> list[TextNode]:
    """The opening sentence that says what a meeting was for ("The meeting allowed Ministers to assess
    progress…"), unless it is already among the sentences taken: at most one."""
    said = (
        n
        for n in own[:OPENING_SENTENCES]
        if n not in taken and _states("purpose", snapshot.sentence_text(n), n, snapshot)
    )
    return list(itertools.islice(said, 1))


def _under_decision_headings(own: list[TextNode], plan: QueryPlan) -> list[TextNode]:
    """The sentences under a heading that says it holds the meeting's decisions and that the question names
    ("key outcomes": "Key outcomes"; "the next steps": "Information Sharing and Next Steps"); "what did they
    decide" names none, and is answered from every section."""
    asked = stems_of(" ".join(w for w in plan.keywords if not _MEETING_NEAR.fullmatch(w)))
    return [
        n
        for n in own
        if intent.DECISIONS.search(section := str(n.metadata.get("section") or "")) and asked & stems_of(section)
    ]


def _with_its_list(node: TextNode, own: list[TextNode], snapshot: Snapshot) -> TextNode:
    """A lead-in ending with a colon ("ministers committed to:") stands for the list after it: the list, whose
    quote holds the lead-in too (it leans back on it)."""
    if not snapshot.sentence_text(node).rstrip().endswith(":"):
        return node
    after = next((n for n in own if _sentence_no(n) > _sentence_no(node)), None)
    return after if after is not None and continues_previous(after, snapshot) else node


def _of_the_kind_asked(decided: list[TextNode], question: str, snapshot: Snapshot) -> list[TextNode]:
    """Of a meeting's decisions, those made the way the question asks ("what did they sign": those signed), when
    there are any; all of them otherwise. Asked what is due by the next meeting, those due by then."""
    asked = stems_of(question) & _SPECIFIC_DECISIONS  # "agree", "decide": any decision
    said = [n for n in decided if stems_of(" ".join(_DECIDED.findall(snapshot.sentence_text(n)))) & asked]
    if intent.UNTIL_NEXT.search(question) or intent.NEXT_STEPS.search(question):
        # "the to-do list before they meet again", "the next steps": what is due by the next meeting; asked until
        # then, only from the statements that say what is
        due = [n for n in said or decided if _DUE_BY_NEXT.search(snapshot.sentence_text(n))]
        return due if due or intent.UNTIL_NEXT.search(question) else said or decided
    return said or decided


def meeting_groups(plan: QueryPlan, snapshot: Snapshot, k: int) -> list[list[Scored]]:
    """For each statement asked about, the sentences that state the meeting fact asked for; [] when none does."""
    kind = plan.answer_type or "overview"
    documents = snapshot.manifest.documents
    years = plan.years or snapshot.years
    asked = sorted((d for d in documents.values() if int(d["year"]) in years), key=lambda d: -int(d["year"]))
    precise = bool(_PRECISE.search(plan.text))
    units = sentence_heads(snapshot, {d["doc_id"] for d in asked})
    everyone: dict[str, list[TextNode]] | None = None  # every statement's, read only when one recalls another
    groups = []
    for doc in asked:
        own = units.get(doc["doc_id"], [])
        read = own if kind == "novelty" else own[:OPENING_SENTENCES]  # what was new is said anywhere, not only first
        if kind == "place" and intent.VENUE.search(plan.text):  # "what venue": the building, not the city
            found = [n for n in read if _VENUE_SAID.search(snapshot.sentence_text(n))]
        else:
            found = [n for n in read if _states(kind, snapshot.sentence_text(n), n, snapshot, precise)]
        if kind == "place":  # a sentence saying who met there says more than a dateline naming the place
            found.sort(key=lambda n: is_dateline(snapshot.sentence_text(n)))
        if found and kind == "overview":  # what the meeting covered, and what it was for
            found += _purpose_of(own, snapshot, found)
        if not found and kind == "overview":  # the sentence saying who met where and why, then each section's lead
            found = [
                n
                for n in own[:OPENING_SENTENCES]
                if _states("place", text := snapshot.sentence_text(n), n, snapshot) and not is_dateline(text)
            ]
            found = found[:1] + _untitled_lead(own, found[:1]) + _section_leads(own, k)
        if kind == "decisions":  # the first decision under each heading (each one, without headings), in order
            decided = [n for n in own if _states(kind, snapshot.sentence_text(n), n, snapshot)]
            decided = _of_the_kind_asked(decided, plan.text, snapshot)
            headed = any(n.metadata.get("section") for n in own)
            named = _under_decision_headings(own, plan)
            if named:  # the statement's own heading for what is asked ("Key outcomes", "Next steps"): its decisions
                found = ([n for n in decided if n in named] or named)[:k]
            else:
                found = _section_leads(decided, k, untitled=True) if headed else decided[:k]
            found = [_with_its_list(n, own, snapshot) for n in found]
        if not found and kind == "ordinal" and _asks_first_since_restart(plan.text):
            # the meeting that re-established the forum is the first since: it says so by re-establishing it
            found = [n for n in own[:OPENING_SENTENCES] if _REESTABLISHES.search(snapshot.sentence_text(n))]
        if not found and kind in ("date", "place"):
            everyone = everyone if everyone is not None else sentence_heads(snapshot, set(documents))
            found = [
                n
                for other, nodes in everyone.items()
                if other != doc["doc_id"]
                for n in nodes[:OPENING_SENTENCES]
                if _recalls(snapshot.sentence_text(n), doc)
                and _states(kind, snapshot.sentence_text(n), n, snapshot, precise, int(doc["year"]))
            ]
        if found:  # an overview may take several sentences; a fact is stated once
            many = k if kind in ("overview", "decisions", "novelty") else 2 if kind == "purpose" else 1
            groups.append([fact_scored(n, int(doc["year"])) for n in found[:many]])
    return groups
