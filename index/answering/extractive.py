"""Extractive answering: choose the sentences worth quoting for each year asked about, or abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.answering.base import Answerer, Draft
from index.answering.compose import abstain, compose
from index.answering.definitions import definition_groups
from index.answering.meeting import MEETING_FACTS, meeting_groups
from index.answering.quotes import quote_groups
from index.models import Answer
from index.question import intent, people
from index.question.plan import QueryPlan
from index.retrieval.calibration import Calibration, log_odds
from index.retrieval.evidence import Scored, follows, read_whole, score_candidates
from index.retrieval.snapshot import Snapshot
from index.text.instructions import steers
from index.text.words import MONTHS, is_topic_list

MAX_YEARS_SEARCHED = 12  # years searched one by one for a first mention (beyond, those of the best sentences)
OVERVIEW_ROOM = 2  # times the answer's usual length, for an overview of a statement
OVERVIEW_QUOTES = 5  # an overview quotes up to this many sentences (its opening, its sections' leads), if they fit
# The words that say something was decided or will be done ("Ministers agreed to…", "will publish", "called on"),
# as words: a stem would also take "call centres" or "the establishment of".
DECIDES = re.compile(
    r"\b(agreed|committed|commits?|will|decided|announced|directed|instructed|launched|established|created"
    r"|asked|tasked|called (on|upon))\b",
    re.IGNORECASE,
)
EXTRA_QUOTE_MIN = 0.3  # a sentence quoted beside the best one must be this likely relevant on its own
CLOSE_RANKS = 4  # … and a decision elsewhere in the statement, among this many best sentences, that says as much
NEAR = 3  # in a statement without headings, a decision this many sentences from a problem may be what answers it


@dataclass(frozen=True)
class Limits:
    """When to answer and how much to quote: the calibrated model and its cut-offs, sentences, characters."""

    calibration: Calibration
    threshold: float
    top_k: int
    max_chars: int
    # a comparison quotes each year it asks about, up to this many: "across the statements" asks for every one
    compared_years: int

    @property
    def keep_within(self) -> float:
        """Sentences this close to the best one are quoted too."""
        return self.calibration.keep_within


class ExtractiveAnswerer(Answerer):
    """Answers with the selected sentences themselves, verbatim and cited."""

    def respond(self, draft: Draft) -> Answer:
        """The draft as it is."""
        return draft.extractive


def draft_answer(text: str, plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> Draft:
    """The extractive answer for a planned question: quoted sentences, or an abstention saying why."""
    if steers(text):
        reply = abstain(text, "Answers come only from what the statements say; the question asks for something else.")
    elif people.asks_advice(plan.text):
        reply = abstain(text, "The statements record what the two governments agreed; they give no personal advice.")
    elif plan.unknown_year is not None:
        reply = abstain(text, f"There is no CBCF statement from {plan.unknown_year} in the index.")
    elif plan.unnamed and not plan.about_meeting:
        named = " ".join(plan.unnamed[0]).title()
        reply = abstain(text, f"The statements never mention the {named}, so they can't say anything about it.")
    elif plan.answer_type == "person" and plan.asks_role and intent.PRESENT.search(plan.text):
        reply = abstain(text, "They say who held an office at each meeting, not who holds it now.")
    else:
        groups = definition_groups(plan, snapshot) or quote_groups(plan, snapshot)
        if not groups and plan.about_meeting:
            groups = meeting_groups(plan, snapshot, max(limits.top_k, OVERVIEW_QUOTES))
        if len(groups) > 1:  # one meeting fact per statement, each labelled with its year
            plan = replace(plan, compare=True, years=sorted(g[0].scope for g in groups))
        left_out: list[int] = []
        if not groups and not (plan.about_meeting and plan.answer_type in MEETING_FACTS) and not _all_unknown(plan):
            if plan.compare and len(plan.years or []) > limits.compared_years:
                kept = _years_saying_most(plan, snapshot, queries, limits)
                left_out, plan = [y for y in plan.years if y not in kept], replace(plan, years=kept)
            groups = select(plan, snapshot, queries, limits)
            if (plan.first_mention or plan.last_mention) and groups:  # said with its year: "In 2022: …"
                plan = replace(plan, compare=True, years=[groups[0][0].candidate.year])
        # what a whole statement covers takes more room than one fact: its opening and its sections' leads
        summing_up = plan.about_meeting and (plan.answer_type or "overview") in ("overview", "decisions")
        quoted = max(limits.top_k, len(groups)) if plan.compare else limits.top_k  # a quote for each year compared
        quoted = max(quoted, OVERVIEW_QUOTES) if summing_up and not plan.compare else quoted
        room = limits.max_chars * (OVERVIEW_ROOM if summing_up else max(1.0, quoted / limits.top_k))
        reply = compose(text, groups, plan, snapshot, quoted, int(room), left_out) if groups else abstain(text)
    return Draft(text, plan, reply)


def _all_unknown(plan: QueryPlan) -> bool:
    """Whether no statement uses any of the question's topic words (nor their synonyms): nothing a sentence could
    be quoted for ("which meeting was held in Vancouver", "what about xylazine", "the weather in Ottawa today"),
    unless the question asks about a meeting itself, a fact of a meeting it names (not "who won the Stanley Cup
    in 2023": a thing no statement names is asked about), or something a statement names."""
    if plan.about_meeting or plan.names:
        return False
    if plan.years and plan.answer_type in MEETING_FACTS and len(plan.unknown) == 1:
        return False  # "who cheered for Canada in 2024": a meeting's fact asked with one word no statement uses
    topical = {w for w in plan.topical if w not in MONTHS}  # "in march" says when, not what about
    return bool(topical) and topical <= set(plan.unknown)


def scopes_of(plan: QueryPlan) -> list[int | None]:
    """The years searched one by one: each year compared, the one year asked about, or all years at once."""
    return list(plan.years) if plan.compare else [plan.years[0] if plan.years else None]


def select(plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> list[list[Scored]]:
    """Sentences eligible for quoting, one best-first group per year asked about."""
    scopes = scopes_of(plan)
    if plan.first_mention or plan.last_mention:
        # "when did they first discuss X": the earliest statement that says about as much on X as the best one,
        # or that names as much of X (a later statement may rank higher for saying it at more length); "the most
        # recent thing they said about X": the latest such statement
        years = _years_to_search(plan, snapshot, queries, limits)
        found = [
            g
            for year in (reversed(years) if plan.last_mention else years)
            if (g := _year_group(plan, snapshot, queries, limits, year))
        ]
        best = max((log_odds(g[0].relevance) for g in found), default=0.0)
        most = max((g[0].lexical for g in found), default=0.0)
        first = (g for g in found if log_odds(g[0].relevance) >= best - limits.keep_within or g[0].lexical >= most)
        return [next(first)] if found else []
    return [group for scope in scopes if (group := _year_group(plan, snapshot, queries, limits, scope))]


def _years_saying_most(plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> list[int]:
    """Comparing "over the years" in an index of more years than an answer quotes: the compared_years years
    whose statements say most about it (the last two if none says enough)."""
    score = limits.calibration
    ranked = score_candidates(plan, snapshot, queries, None, score)
    relevant = [s.candidate.year for s in ranked if s.fit and s.answerability(score) >= limits.threshold]
    kept = list(dict.fromkeys(relevant))[: limits.compared_years]
    return sorted(kept) if relevant else list(plan.years or [])[-2:]


def _years_to_search(plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits) -> list[int]:
    """The years to look at one by one, oldest first: every year of a small index; in a many-year one, the
    years of the best sentences over all of them (a question searches a bounded number of years)."""
    if len(snapshot.years) <= MAX_YEARS_SEARCHED:
        return sorted(snapshot.years)
    ranked = score_candidates(plan, snapshot, queries, None, limits.calibration)
    years = dict.fromkeys(s.candidate.year for s in ranked if s.fit)
    return sorted(list(years)[:MAX_YEARS_SEARCHED])


def _year_group(plan: QueryPlan, snapshot: Snapshot, queries, limits: Limits, scope: int | None) -> list[Scored]:
    """The sentences worth quoting from one year's statement (or all, for None), best first; [] if none is."""
    score = limits.calibration
    scored = score_candidates(plan, snapshot, queries, scope, score)
    if _names_a_year(plan, scope):
        # "in 2029" may mean events of 2029 reported by a later statement that names the year: the best of both.
        everywhere = score_candidates(plan, snapshot, queries, None, score)
        seen = {s.candidate.node.node_id for s in scored}
        scored += [
            s
            for s in everywhere
            if s.candidate.node.node_id not in seen and str(scope) in snapshot.sentence_text(s.candidate.node)
        ]
        scored.sort(key=lambda s: s.relevance, reverse=True)
    if _shares_no_word(plan, scored):
        return []
    good = [s for s in scored if s.fit]
    # a year a comparison asks about needs a share of the cut-off, and of the least ranking probability
    share = score.compared_year_factor if plan.compare else 1.0
    floor_met = score if share == 1.0 else replace(score, min_probability=score.min_probability * share)
    if not good or good[0].answerability(floor_met) < limits.threshold * share:
        return []
    floor = log_odds(good[0].relevance) - limits.keep_within
    if plan.compare:
        good = _substance_first(good, snapshot)
    return _with_decision(plan, _quotable(good, floor, snapshot), good, snapshot)[: limits.top_k]


def _with_decision(plan: QueryPlan, chosen: list[Scored], good: list[Scored], snapshot: Snapshot) -> list[Scored]:
    """When the best sentence describes a problem instead of saying what was decided about it: for a question
    asking what is being done, a chosen sentence that does, or else the nearest one after the best under the same
    heading, goes first (it is what was asked) and the problem follows it if there is room; for one asking about a
    topic ("what about X"), that decision is quoted after the chosen sentences if there is room (what was said
    about a problem includes what was done about it)."""
    about_topic = plan.answer_type is None and not plan.compare
    if not (plan.asks_action or about_topic) or _decides(chosen[0], snapshot):
        return chosen
    best, at = chosen[0], _sentence_no(chosen[0])
    others = chosen[1:] + [i for i in good[1:] if all(i is not c for c in chosen)]
    deciding = [i for i in others if _near(i, best) and _decides(i, snapshot)]
    # what was done about a problem is most often said right after it: the nearest decision that follows it; else
    # the likeliest of the best few that says as much about it, elsewhere in the statement
    if deciding:
        found = min(deciding, key=lambda i: (_sentence_no(i) < at, abs(_sentence_no(i) - at)))
    else:
        elsewhere = (i for i in good[1:CLOSE_RANKS] if _as_specific(i, best) and _decides(i, snapshot))
        if (found := next(elsewhere, None)) is None:
            return chosen
    if not plan.asks_action:
        quoted = any(i is found for i in chosen)
        return chosen if quoted else [*chosen, replace(found, relevance=min(i.relevance for i in chosen))]
    lead, rest = replace(found, relevance=best.relevance), [i for i in chosen if i is not found]
    return [lead, *rest[1:]] if follows(lead, best, snapshot) else [lead, *rest]  # a quote leaning back holds both


def _substance_first(good: list[Scored], snapshot: Snapshot) -> list[Scored]:
    """For a year compared: when the best sentence is a topic list ("Discussions covered A, B, C and D"), the
    likeliest other one holding a topic word goes first, however far below it ranks: the list only says that the
    topic came up, and what changed is in what was said of it."""
    if not is_topic_list(snapshot.sentence_text(good[0].candidate.node)):
        return good
    said = (i for i in good[1:] if i.lexical > 0 and not is_topic_list(snapshot.sentence_text(i.candidate.node)))
    if (found := next(said, None)) is None:
        return good
    return [replace(found, relevance=good[0].relevance), *(i for i in good if i is not found)]


def _near(item: Scored, best: Scored) -> bool:
    """Whether a sentence is under the same heading as the best one (or, without headings, a few sentences away)."""
    where = _place_of(best)
    return _place_of(item) == where and (bool(where[1]) or abs(_sentence_no(item) - _sentence_no(best)) <= NEAR)


def _as_specific(item: Scored, best: Scored) -> bool:
    """Whether a sentence of the same statement holds at least the best one's (IDF-weighted) share of the question's
    topic terms: it is about the same thing wherever it is (a "Quick facts" box may describe a problem that a
    section acts on)."""
    same = item.candidate.node.metadata["doc_id"] == best.candidate.node.metadata["doc_id"]
    return same and best.lexical > 0 and item.lexical >= best.lexical


def _sentence_no(item: Scored) -> int:
    return int(item.candidate.node.metadata.get("sentence_no", 0))


def _place_of(item: Scored) -> tuple[str, str]:
    """The statement and the section a sentence is in."""
    meta = item.candidate.node.metadata
    return meta["doc_id"], meta.get("section") or ""


def _decides(item: Scored, snapshot: Snapshot) -> bool:
    """Whether a sentence (or the line it continues) says something was decided or will be done."""
    return DECIDES.search(read_whole(item.candidate.node, snapshot)) is not None


def _quotable(good: list[Scored], floor: float, snapshot: Snapshot) -> list[Scored]:
    """The best sentence, then those within the margin of it that are likely relevant on their own, or that
    follow a chosen one and lean back on it (what a measure is for is often said next)."""
    chosen, joined = [good[0]], set()
    for item in good[1:]:
        # the sentence after a chosen one that leans back on it (or the list a chosen line introduces) goes on
        # with the same thought: it is quoted whatever its own score, in the place of the one it continues, since
        # its quote holds that one; any other needs to be near the best and likely relevant on its own
        head = next((i for i, earlier in enumerate(chosen) if follows(item, earlier, snapshot)), None)
        if head is not None and head not in joined:
            chosen[head] = replace(item, relevance=max(item.relevance, chosen[head].relevance))
            joined.add(head)
        elif head is not None or (log_odds(item.relevance) >= floor and item.relevance >= EXTRA_QUOTE_MIN):
            chosen.append(item)
    return chosen


def _shares_no_word(plan: QueryPlan, scored: list[Scored]) -> bool:
    """Whether a statement says none of the question's topic words, nor a synonym of one, in any sentence found
    (keyword search finds every sentence that does): it doesn't talk about that ("ghost guns" in a statement
    that never mentions firearms). Not for a meeting asked about itself, nor for each year of a comparison,
    where a statement may say the same thing in other words."""
    known = set(plan.topical) - set(plan.unknown)
    return bool(known) and not plan.compare and not plan.about_meeting and all(s.lexical == 0 for s in scored)


def _names_a_year(plan: QueryPlan, scope: int | None) -> bool:
    """Whether the question names the year as a time ("in 2022"), not as a statement ("the 2022 statement")."""
    named = scope is not None and scope in (plan.years or ())  # searched because the question named it
    # … as a number: a year known from a place ("after edmonton") names the meeting, not a time
    said = named and re.search(rf"\b{scope}\b", plan.text) is not None
    return said and plan.year_from_text and not plan.compare and scope not in plan.statement_years
