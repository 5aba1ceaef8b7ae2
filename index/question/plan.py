"""Understand a question: target years, comparison intent, answer type, spelling, key terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.question import counting, intent, people
from index.question.chatter import told_before_asking, without_chatter
from index.question.corpus import CorpusView
from index.question.framing import FRAMING_WORDS, MEETING_STEMS, MEETING_WORDS
from index.question.names import names_in, unknown_names
from index.question.places import place_typo, places_spelled_out
from index.question.pointers import after_a_meeting, years_named
from index.question.vocabulary import Vocabulary
from index.text.words import STOP_WORDS, one_typo_from, stem, tokens

# An open question ("what…", "tell me…") rather than a yes-or-no one ("did they visit the border?"), at the start or
# after the meeting it is about ("toronto 2032 forum - what was on the agenda?").
_OPEN_QUESTION = re.compile(
    r"(?:^|[-–—:;,]\s)\W*(what|tell|summar|describe|give|explain|overview|recap|how did|name|list|show)", re.IGNORECASE
)
MEETING_TYPES = ("ordinal", "date", "place", "revival", "person", "novelty", "purpose", "decisions", "overview")
_MEETING_REF = re.compile(
    r"\b(meetings?|meet|met|forums?|statements?|cbcf|summits?|sessions?|ministers|they|agenda)\b", re.IGNORECASE
)


@dataclass
class QueryPlan:
    """What the answerer should look for, derived from the question alone."""

    text: str
    search_text: str
    keywords: list[str]
    topical: list[str]
    numbers: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    years: list[int] | None = None
    compare: bool = False
    unknown_year: int | None = None
    year_from_text: bool = True
    statement_years: list[int] = field(default_factory=list)  # years named as a statement ("the 2022 meeting")
    wants_money: bool = False
    wants_penalty: bool = False
    wants_count: bool = False
    wants_span: bool = False  # how fast, how long: a span of time
    wants_deadline: bool = False  # how soon, by when: a span of time or the date it ends
    wants_date: bool = False
    wants_place: bool = False
    wants_person: bool = False
    wants_quote: bool = False  # what a named person said: their own words, quoted
    speaker: list[str] = field(default_factory=list)  # who the words are asked of, acronyms spelled out ("the AG")
    wants_name: bool = False  # the name or title of a thing ("what's the name of the bill")
    wants_overview: bool = False
    wants_novelty: bool = False  # what was new at a meeting: raised there for the first time
    wants_purpose: bool = False  # what a meeting was for
    wants_revival: bool = False  # what brought the forum back, who did, or why
    wants_decisions: bool = False  # what a meeting decided, when no topic is named
    wants_ordinal: bool = False
    first_mention: bool = False  # "when did they first discuss X": the earliest statement that does
    last_mention: bool = False  # "the most recent thing they said about X": the latest statement that does
    names: list[tuple[str, ...]] = field(default_factory=list)  # names of the statements the question uses
    unnamed: list[tuple[str, ...]] = field(default_factory=list)  # names of bodies it uses that no statement does
    defines: str | None = None  # the acronym whose meaning is asked ("what does CBSA stand for?")
    asks_role: bool = False  # a person asked for by role, or who someone is ("who is the director of…")
    asks_action: bool = False  # what is being done about something ("any plan for that?")
    counted: str | None = None  # what a "how many" question counts
    spending: bool = False  # an amount asked about as money spent or put into something
    superlative: bool = False  # which one ranks first ("the most", "the largest")
    meeting_only: bool = False  # no topic beyond the meeting itself (its place, date, people, number, agenda)
    corrections: dict[str, str] = field(default_factory=dict)
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # term -> the statements' words for it
    unknown: list[str] = field(default_factory=list)  # topic terms no indexed statement uses in any form
    # two topic words side by side, the first naming a kind of the second ("human smuggling", "tobacco smuggling")
    phrases: list[tuple[str, str]] = field(default_factory=list)

    def bm25_terms(self) -> list[str]:
        """Keyword query: topic terms, numbers and the statements' words for them."""
        base = (self.topical or self.keywords) + self.numbers
        extra = [w for t in base for w in self.expansions.get(t, ())]
        return list(dict.fromkeys(base + extra))

    @property
    def answer_type(self) -> str | None:
        """The kind of answer asked for, if the wording asks for one."""
        kinds = ("money", "penalty", "ordinal", "count", "span", "deadline", "date", "place", "revival", "quote")
        kinds += ("person", "name")
        kinds += ("novelty", "purpose")
        kinds += ("decisions", "overview")
        for name in kinds:
            if getattr(self, f"wants_{name}"):
                return name
        return None

    @property
    def about_meeting(self) -> bool:
        """Whether the question asks about a meeting itself: where, when, who, which one, what it covered."""
        if self.answer_type is None:  # "what happened at the Ottawa meeting?": what it covered
            return self.meeting_only and bool(_OPEN_QUESTION.search(self.text))
        return self.meeting_only and self.answer_type in MEETING_TYPES


def topic_terms(text: str) -> list[str]:
    """Words of a text that name a topic (not stop words, not question framing, not numbers)."""
    return [w for w in tokens(text) if w not in STOP_WORDS and w not in FRAMING_WORDS and not w[0].isdigit()]


def _is_exact_term(word: str, vocabulary: Vocabulary) -> bool:
    """Numbers and coined terms (acronyms, names) that the corpus has but no dictionary does."""
    if word[0].isdigit():
        return len(word) >= 3
    return word.isalpha() and word in vocabulary.words and word not in vocabulary.dictionary and len(word) >= 3


def _framing_typo(word: str, framing: frozenset[str] | set[str]) -> str | None:
    """The one framing word or place a long unknown word is a typo of ("goverments", "calgry"), if just one."""
    if len(word) < 6 or not word.isalpha():
        return None
    return one_typo_from(word, (w for w in framing if w[0] == word[0]))


def _spelled_out(speaker: list[str], lexicon) -> list[str]:
    """The words naming a speaker, acronyms spelled out ("the AG": the attorney general)."""
    spelled = (" ".join(lexicon.acronyms.get(a, (w,))) if (a := lexicon.acronym(w)) else w for w in speaker)
    return " ".join(spelled).split()


def _by_office(speaker: list[str]) -> bool:
    """Whether the words naming a speaker name an office ("the public safety minister", "the attorney general")."""
    return bool(people.OFFICE.search(" ".join(speaker).title()))


def _asks_quote(speaker: list[str], spelled: list[str], exact: list[str]) -> bool:
    """Whether the words naming who said something name a person: by a name only the statements have
    ("Thibodeau"), or by office ("the minister", "the AG")."""
    return any(w in exact for w in speaker) or _by_office(spelled)


def _announced(year: int | None, question: str, corpus: CorpusView) -> bool:
    """Whether a question asks where or when a meeting after the latest statement will be held, and a statement
    names its year ("where will the 2031 forum be": "the Forum will next meet in the United States in 2031")."""
    asks = intent.WHERE.search(question) or intent.WHEN.search(question)
    later = year is not None and bool(corpus.years) and year > max(corpus.years)
    return later and bool(asks) and str(year) in corpus.vocabulary.units_of


def _sets_aside_the_agenda(aside: set[str]) -> bool:
    """Whether what a question sets aside is the meeting's agenda itself ("besides the main agenda")."""
    named = [w for w in aside if w not in STOP_WORDS]
    return bool(named) and all(w in MEETING_WORDS or w in FRAMING_WORDS for w in named)


def _is_doc_year(word: str, doc_years: set[int]) -> bool:
    return word.isdigit() and len(word) == 4 and int(word) in doc_years


def analyze(question: str, corpus: CorpusView) -> QueryPlan:
    """Build the plan for one question."""
    vocabulary, lexicon, doc_years = corpus.vocabulary, corpus.lexicon, set(corpus.years)
    question = without_chatter(question)
    question = intent.ordinals_spelled_out(intent.CONTRACTED.sub(r"\1 is", lexicon.spelled_out(question)))
    question = places_spelled_out(question, corpus.place_words)
    framing = FRAMING_WORDS | corpus.place_words
    words = tokens(question)
    corrections = {}
    # only these may be misspelt: not the words that frame a question or a question about a meeting ("recap")
    content = [w for w in words if w not in STOP_WORDS and w not in framing and w not in MEETING_WORDS]
    for word in content:
        if fixed := place_typo(word, words, corpus.place_words):  # "saint jon" for Saint John
            corrections[word] = fixed
            continue
        # an acronym or an everyday word the lexicon knows ("meth") is no typo of a statement's word ("met")
        known = lexicon.acronym(word) or lexicon.expansions(word)
        fixed = vocabulary.correct(word, content) if not known else None
        if fixed is None and not vocabulary.knows(word) and word not in vocabulary.dictionary:
            # a typo of an everyday word the statements say otherwise, or of a framing word or place ("goverments")
            fixed = lexicon.misspelt(word) or _framing_typo(word, framing)
        if fixed and not (lexicon.acronym(fixed) and word in vocabulary.dictionary):  # "deal" is not "DEA"
            corrections[word] = fixed
    corrected = [corrections.get(w, w) for w in words]
    markers, aside = intent.set_aside(question)
    asks_span = intent.SPAN.search(question) is not None
    asking = intent.asked_span_words(question)  # "how long", "how soon": what is asked, not the topic
    keywords = [w for w in corrected if w not in STOP_WORDS and w not in markers | aside | asking]
    topical = [w for w in keywords if w not in framing and not w[0].isdigit()]
    # "the next steps", "what is due before the next forum": what was decided, not the next meeting
    due_next = bool(intent.NEXT_STEPS.search(question) or intent.UNTIL_NEXT.search(question))
    if due_next:
        topical = [w for w in topical if w != "next"]
    speaker = people.quoted_speaker(question)
    if _by_office(spelled := _spelled_out(speaker, lexicon)):  # "what did the public safety minister say": who
        topical = [w for w in topical if w not in speaker]
    topical += [a for a in lexicon.acronyms_spelled_out(topical) if a not in topical]
    expansions = {t: lexicon.expansions(t) for t in topical if lexicon.expansions(t)}

    wants_ordinal = bool(intent.ORDINAL_ASK.search(question)) or bool(
        intent.stated_ordinals(question) and intent.RESTART.search(question)
    )
    first_mention = bool(intent.FIRST_MENTION.search(question))
    last_mention = bool(intent.LAST_MENTION.search(question)) and not first_mention
    search_text = question
    for wrong, right in corrections.items():
        search_text = re.sub(rf"\b{re.escape(wrong)}\b", right, search_text, flags=re.IGNORECASE)
    named = years_named(search_text, corpus, wants_ordinal) if not (first_mention or last_mention) else set()
    known = sorted(named & doc_years)
    spanned = intent.years_spanned(question, corpus.years)
    # "from 2022 through 2025" spans the years between; "from 2023 to 2029 to 2033" lists the three it asks about
    known = spanned if len(spanned) >= 2 and len(known) < 3 else known
    compare = bool(intent.COMPARE.search(question) or intent.CHANGE_OVER_TIME.search(question)) or len(known) >= 2
    unknown_year = None
    statement_years = []
    for match in intent.MEETING_YEAR.finditer(question):
        year = int(match.group(1) or match.group(4))
        if year not in doc_years:
            unknown_year = year
        statement_years.append(year)
    years = (known if len(known) >= 2 else sorted(doc_years)) if compare else (known or None)

    if after_a_meeting(search_text, corpus) and "next" not in topical and not due_next:
        topical.append("next")  # "who hosts the forum after Buffalo": the next meeting, which its statement names
    names = names_in(question, corpus.names)
    # a number in the story told before the question ("offering him $500. is anything being done…") is not asked
    story = told_before_asking(question)
    told = set(tokens(story)) - set(tokens(question[len(story) :]))
    numbers = [w for w in corrected if w[0].isdigit() and not _is_doc_year(w, doc_years) and w not in told]
    # what a meeting was for ("the point of the big US-Canada meeting", "why did they meet") is asked of the
    # meeting itself, whatever other words come with it
    of_meeting = all(stem(t) in MEETING_STEMS for t in topical) or intent.PURPOSE.search(question) is not None
    meeting_only = not names and not numbers and of_meeting
    meeting_only = meeting_only and bool(known or _MEETING_REF.search(question))
    # "besides the main agenda, what else came up": what is asked is what a summary of the meeting leaves out
    meeting_only = meeting_only and not _sets_aside_the_agenda(aside)
    # the forum's own name ("CBCF") is said of every statement, and words asking about a meeting ("tackling") are
    # no coined terms: neither is an exact term of a question
    exact = [
        w
        for w in corrected
        if _is_exact_term(w, vocabulary)
        and not _is_doc_year(w, doc_years)
        and w not in corpus.place_words  # "after Kenora" points at a meeting, as a year does
        and w not in FRAMING_WORDS
        and w not in MEETING_WORDS
        and not (w[0].isdigit() and w in told)
    ]
    return QueryPlan(
        text=question,
        search_text=search_text,
        keywords=keywords,
        topical=topical,
        numbers=numbers,
        exact=exact,
        years=years,
        compare=compare and len(years or []) >= 2,
        # a meeting without a statement can't be compared, though the one before announced it
        unknown_year=unknown_year if compare or not (known or _announced(unknown_year, question, corpus)) else None,
        wants_money=bool(intent.MONEY.search(question)) and not asks_span,
        wants_penalty=bool(intent.PENALTY.search(question)),
        wants_count=bool(intent.COUNT.search(question)),
        wants_span=asks_span and not intent.PENALTY.search(question),
        wants_deadline=bool(intent.DEADLINE.search(question)),
        # "when did they last mention X" asks for a statement, "when was the last time they met" for a date
        wants_date=bool(intent.WHEN.search(question)) and not first_mention and not (last_mention and not meeting_only),
        wants_place=bool(intent.WHERE.search(question)),
        wants_person=bool(intent.WHO.search(question) or people.NAME_OF_OFFICE.search(question))
        and not people.MEMBERSHIP.search(question),
        wants_quote=_asks_quote(speaker, spelled, exact),
        speaker=spelled,
        wants_name=bool(intent.NAME_ASK.search(question)),
        wants_overview=bool(intent.OVERVIEW.search(question)),
        # what a meeting was for or decided: asked of a meeting itself, with no topic named
        wants_novelty=meeting_only and bool(intent.NOVELTY.search(question)) and not first_mention,
        wants_purpose=meeting_only and bool(intent.PURPOSE.search(question)),
        wants_revival=meeting_only and bool(intent.REVIVAL.search(question)) and not wants_ordinal,
        wants_decisions=meeting_only and bool(intent.DECISIONS.search(question)),
        wants_ordinal=wants_ordinal,
        first_mention=first_mention,
        last_mention=last_mention,
        meeting_only=meeting_only,
        statement_years=statement_years,
        names=names,
        unnamed=unknown_names(question, corpus.names, vocabulary.dictionary, FRAMING_WORDS),
        counted=corrections.get(counted, counted) if (counted := counting.counted_word(question)) else None,
        spending=intent.spends(question),
        superlative=bool(intent.SUPERLATIVE.search(question)),
        asks_role=bool(people.ROLE.search(question)),
        # "where's the forum going after Edmonton" asks where it goes next, not what is done about something
        asks_action=bool(intent.ACTION.search(question)) and not intent.WHERE.search(question),
        defines=next((a for w in words if (a := lexicon.acronym(w))), None) if intent.DEFINE.search(question) else None,
        corrections=corrections,
        expansions=expansions,
        phrases=[(a, b) for a, b in zip(corrected, corrected[1:]) if a in topical and b in topical and a != b],
        unknown=[
            t for t in topical if not vocabulary.knows(t) and not any(map(vocabulary.knows, expansions.get(t, ())))
        ],
    )
