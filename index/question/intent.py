"""What a question asks for, read from its wording: years and meetings, comparison, and the type of answer."""

from __future__ import annotations

import re

COMPARE = re.compile(
    r"\b(compar\w*|differ\w*|evolv\w*|versus|vs\.?|contrast\w*|over time|year over year|"
    r"both (years|statements|meetings|forums|sessions)|(each|every) (\w+ )?(year|statement|meeting|forum)|"
    r"(each|every|all) of the (\w+ ){0,2}(years|statements|meetings|forums|sessions)|"
    r"(all|every) (the |three |four |five )?(\w+ )?(meetings|forums|statements|sessions)|"
    r"(in|across|between) (the )?(two|both|three|all) (statements|meetings|years|forums)"
    r"|(across|between|over) (the )?(\w+ )?(statements|meetings|years|forums)|"
    r"(which|what) (of the )?(\w+ )?(statements|meetings|years|forums|sessions)\b|"
    r"what('s| is| was) new|what changed|since (the )?(last|previous|first) (one|meeting|forum|statement))\b",
    re.IGNORECASE,
)
CHANGE_OVER_TIME = re.compile(
    r"\b(chang\w*|shift\w*|develop\w*|progress\w*)\b.*\b(between|since|from|over|last|previous|"
    r"first|second|19\d\d|20\d\d)\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"\b(how much (money|funding|cash)|(what|which|any) (funding|funds)|budget\w*|dollars?|funding amount"
    r"|how much .*(cost|spend|"
    r"invest|fund|allocat)\w*|cost|spend(ing)?|spent|invest(ed|ment)?|\$|cad|usd|million|billion"
    r"|amount\b[^.?]*\b(lost|lose|stolen|scammed)|losses)\b",  # "the total amount victims lost": money
    re.IGNORECASE,
)
PENALTY = re.compile(
    r"\b(penalt\w*|punish\w*|fines?|fined|fining|jail|prison (time|terms?|sentences?)"
    r"|sentenc(e|es|ing) (for|of|do|will|would)|how long .* (prison|jail))\b",
    re.IGNORECASE,
)
COUNT = re.compile(r"\b(how many|number of|count of|how much|what percentage|what share|what proportion)\b", re.I)
# Asking how fast or how long: a span of time answers ("within 72 hours", "for two years", "daily").
SPAN = re.compile(
    r"\bhow (fast|quickly|long)\b|\bwithin how (many|much|long)\b|\bhow much time\b|\bat what (speed|pace)\b",
    re.IGNORECASE,
)
# Asking how soon, or by when: a span of time answers, or the date it ends ("to begin in January 2030").
DEADLINE = re.compile(r"\bhow soon\b|\bby when\b|\b(what|which) (time ?frame|timeline|deadline)\b", re.IGNORECASE)
WHEN = re.compile(
    r"^\W*when\b|\bwhen (was|were|did|is|will|does|do|had|has|have)\b"
    r"|\b(what|which) (exact |precise |specific )?(date|day|month|year)\b"
    r"|\b(what|which) (was|is|were) the (\w+ )?(date|day|month)\b|\b(date|day|month) of (the|that|this)\b"
    r"|\b(forum|meeting|cbcf|session|summit)(['’]s)? dates?\b|^\W*dates?\b",  # "niagara falls forum date"
    re.I,
)
WHERE = re.compile(
    r"^\W*where\b|\bwhere (was|were|did|is|will|does|do)\b"
    r"|\b(which|what) (\w+ )?(city|cities|place|places|country|countries|location|locations|venues?|towns?|buildings?"
    r"|hotels?)\b"
    r"|\bheld (in|at)\b|\bhost (city|country)\b|\bwhere and when\b|\bwhere\W*$",
    re.IGNORECASE,
)
WHO = re.compile(
    r"^\W*who\b|\bwho (was|were|is|are|did|attended|represented|hosted|came|led|signed)\b|\bwhose\b"
    r"|\b(which|what|same) (?!(will|would|did|do|does|are|were|was|is|have|has|can|could|should|the)\b)(\w+ )?"
    r"(officials?|ministers?|people|leaders?|representatives?|secretar\w+|delegates?"
    r"|delegation|persons?|attendees|participants)\b"
    r"|\b(list|name)( [\w'’]+){0,3} (ministers|officials|leaders|representatives|delegates|secretaries)\b"
    r"|\bname of the (person|official|individual|man|woman|one)\b|\bwho (heads|leads|runs|chairs|directs|oversees)\b",
    re.IGNORECASE,
)
# Asking for a place by its kind ("which city"), or where something is based: a sentence must name one the question
# doesn't.
PLACE_KIND = re.compile(
    r"\b(which|what) (\w+ )?(city|town|country|province|state|location|venue|building|hotel)\b", re.IGNORECASE
)
VENUE = re.compile(r"\b(venue|building|hotel|conference cent(er|re)|where exactly)\b", re.IGNORECASE)  # not the city
LOCATED = re.compile(r"\bwhere\b.{0,40}\b(based|located|headquartered|housed|stationed|situated)\b", re.IGNORECASE)
OVERVIEW = re.compile(
    r"\b(main|key|major|central|other) (topics?|themes?|subjects?|issues?|areas?|points|priorit\w+|takeaways?"
    r"|outcomes?|results?|decisions?|conclusions?)\b"
    r"|\b(topics?|themes?|subjects?|issues?|agenda|focus areas?|sections?|headings?)\b.{0,40}\b(cover\w*|discuss\w*"
    r"|address\w*|rais\w*|came up|on the table|include\w*|tackl\w*|(are|were) (in|on)|concentrat\w*|focus\w*"
    r"|cent(er|re)\w* on|emphasi\w*|prioriti\w*)\b"
    r"|\bwhat (was|were|is) (the )?(\w+ ){0,4}(statement|meeting|forum|cbcf)( (?!sa(id|ys?)\b)\w+){0,3} about\b"
    r"|\bsumm(ary|arize|arise)\b|\bsum (it |this |that |them )?up\b|\boverview\b"
    r"|\bwhat did (the )?(ministers|they) (do|cover)\b"
    r"|\bwhat (did|does|do) (\w+ ){1,3}(cover|address)\b"
    r"|\btl;? ?dr\b|\b(gist|rundown|recap|highlights|nutshell|outline|bullet points?)\b|\bon (\S+ ){0,2}plate\b",
    re.IGNORECASE,
)


def asked_span_words(question: str) -> set[str]:
    """The words that ask for a span of time or a deadline ("how long", "by when"): the question's form."""
    found = [*SPAN.finditer(question), *DEADLINE.finditer(question)]
    return {w.lower() for m in found for w in re.findall(r"\w+", m.group())}


# Asking when a topic was first raised ("when did they first discuss X", "which meeting first brought up X").
_RAISED = (
    r"(mention\w*|discuss\w*|talk\w*|brought up|bring\w* up|rais\w*|address\w*|came up|come up|appear\w*|cover\w*"
    r"|referenc\w*|cit(e|ed|es|ing)\b|flag(s|ged|ging)?\b|touch\w* on)"
)
_FIRST = r"\b(first|earliest)\b(?!\s+(meeting|forum|statement|cbcf|session|summit|one)s?\b)"  # not "the first meeting"
# "the first statement that mentions X", "the last meeting to discuss X": which one first or last raised it
_ONE_THAT = (
    r"\s+(statement|meeting|forum|communiqu\w+|one|year|time)s?\s+(that|which|to|where|when)\s+(\w+\s+){0,2}" + _RAISED
)
FIRST_MENTION = re.compile(
    rf"{_FIRST}[^?.!]{{0,40}}\b{_RAISED}|\b{_RAISED}\b[^?.!]{{0,40}}\b(for the first time|first)\b"
    rf"|\b(first|earliest){_ONE_THAT}|\bever\s+(been\s+)?{_RAISED}",
    re.IGNORECASE,
)
# Asking what was said about a topic most recently ("the most recent thing they said about X", "when did they last
# discuss X"): the latest statement that says about as much on it, not the latest statement.
LAST_MENTION = re.compile(
    rf"\b(most recent|latest|last|newest)\s+(thing|things|word|words|update|updates|mention|time)\b"
    rf"|\b(last|most recently)\s+{_RAISED}|\b(most recent|latest|last|newest){_ONE_THAT}",
    re.IGNORECASE,
)
# Asking what a meeting was for ("why did they meet", "the point of the Ottawa meeting", "what did it set out to do").
PURPOSE = re.compile(
    r"\bwhy did (\w+ ){0,3}(meet|met|get together|gather|come together|convene)|\bwhy (was|were) (\w+ ){0,3}held\b"
    r"|\b(?<!bullet )(point|purpose|aim|goal|objective|reason)s? (of|for|behind) (the |this |that )?([\w-]+ ){0,3}"
    r"(meeting|forum|get-together|summit|session|gathering|statement|communiqu\w+)\b"
    r"|\bwhat were they (trying|there|hoping) to\b|\bset out to\b"
    r"|\bbig picture\b"
    r"|\b(forum|cbcf|meeting|meetings)( \w+)? (is|was|are|were) (\w+ ){0,2}for\W*$"  # "the forum is actually for"
    r"|\bwhat(['’]s| is| was) (the |this )?(\w+ )?(forum|cbcf|meeting)( \w+)? for\W*$",  # "what's the forum for"
    re.IGNORECASE,
)
# Asking for the name or title of a thing ("what's the name of the bill", "which companies are named"): only a
# sentence that gives a name (capitalised words the question doesn't use) answers it.
NAME_ASK = re.compile(
    r"\b(what|which)(['’]s| is| was| are| were)? (the )?(exact |full |official )?(name|title)s? of\b"
    r"|\bwhat (is|was|are|were) (it|they|the [\w-]+) called\b(?! for)"
    r"|\b(which|what) ([\w-]+ ){1,3}(are|were|is|was) (named|called)\b(?! for)"
    # "which phone companies…", "which police chiefs…": things known by their names, asked to be identified
    r"|\bwhich ([\w-]+ ){0,2}(compan(y|ies)|firms|businesses|apps?|platforms?|websites?|banks?|chiefs|cartels?"
    r"|gangs?|agenc(y|ies)|organi[sz]ations|databases?)\b",
    re.IGNORECASE,
)
# Asking for the name of a thing described in the question ("the name of the new medicines database"): the name
# given must be that thing's, so it says one of the words describing it ("the Counterfeit Medicines Database").
NAME_OF = re.compile(r"\b(name|title)s? of\b", re.IGNORECASE)
# Asking what was new at a meeting ("what was new in Boston", "anything on the agenda that wasn't there before").
NOVELTY = re.compile(
    r"\bwhat(['’]s| was| is| were) new\b|\banything new\b|\bnew (topics?|issues?|items?|subjects?|themes?|areas?)\b"
    r"|\b(hadn['’]?t|had not|never|wasn['’]?t|weren['’]?t|not) (come up|been (discussed|raised|there)|there)\b"
    r"|\bfirst time\b",
    re.IGNORECASE,
)
# "The next steps" are what was decided to be done by the next meeting, not the next meeting.
NEXT_STEPS = re.compile(r"\bnext steps?\b", re.IGNORECASE)
# Asking what is to be done before the next meeting ("before the next forum", "until they meet again").
UNTIL_NEXT = re.compile(
    r"\b(before|by|until|till|ahead of) (the |their )?(next (one|meeting|forum|cbcf|time)|they (meet|get together)"
    r"|meeting again)\b",
    re.IGNORECASE,
)
# Asking what was decided ("what did they agree on", "what did they sign or commit to", "main outcomes").
DECISIONS = re.compile(
    r"\b(agree|agreed|decide|decided|commit|committed|sign|signed|announce|announced|promise|promised|pledge|pledged)"
    r"( to| on)?\b|\b(outcomes?|decisions?|deliverables?|commitments|announcements?|next steps|action items"
    r"|to-?do( list)?)\b",
    re.IGNORECASE,
)
# Asking which one ranks first ("which crossing had the most deaths"): only a sentence that ranks things answers.
_MOST = "most|least|fewest|largest|biggest|highest|lowest|greatest|smallest|worst"
SUPERLATIVE = re.compile(
    rf"\b(the|had|has|have|got|get|with) ({_MOST})\b(?! (recent|recently|latest|important|likely)\b)", re.IGNORECASE
)
RANKS = re.compile(rf"\b({_MOST}|best|top|leading|busiest|deadliest|longest|first|primary|majority)\b", re.IGNORECASE)
# Asking what is being done or was decided about something ("any plan for that", "is anyone tackling it", "what did
# they decide about …"): a sentence saying what was decided answers it, not only one that describes the problem.
ACTION = re.compile(
    r"\b(doing|do about|being done|done (about|to)|plans?|planning|tackl\w*|going to do|gonna do|steps|measures"
    r"|actions?|respon(se|d)"
    r"|going after|go after|crack(ing)? down|supposed to|decided?|agreed?|commit(ted)? to)\b",
    re.IGNORECASE,
)
# Asking about the present ("right now", "currently"): the statements say what held at each meeting, not since.
PRESENT = re.compile(
    r"\b(right now|now|currently|at the moment|at present|these days|nowadays|today|as of today|anymore)\b",
    re.IGNORECASE,
)
# What a question sets aside ("what else did they cover besides drugs and guns?"): not its topic.
_SET_ASIDE_TOPIC = re.compile(
    r"\b(besides|other than|apart from|aside from|except( for)?|excluding|not counting)\s+"
    r"(?P<topic>[^?.,;:!]+?)(?=\s+(did|do|does|was|were|is|are|has|have|had|in|at|during|from|that|which)\b|[?.,;:!]|$)",
    re.IGNORECASE,
)


def set_aside(question: str) -> tuple[set[str], set[str]]:
    """The words that set something aside, and the words only said of what is set aside ("besides drugs and
    guns": {besides}, {drugs, and, guns}; not "guns" in "guns apart from ghost guns")."""
    found = list(_SET_ASIDE_TOPIC.finditer(question))
    starts, ends = [m.start("topic") for m in found], [m.end("topic") for m in found]
    outside = " ".join(question[a:b] for a, b in zip([0, *ends], [*starts, len(question)]))
    said = set(re.findall(r"[\w'-]+", outside.lower()))
    markers = {w.lower() for m in found for w in m.group(1).split()}
    return markers, {w for m in found for w in re.findall(r"[\w'-]+", m["topic"].lower())} - said


# "wheres", "whats": question words typed without their apostrophe.
CONTRACTED = re.compile(r"\b(what|where|who|when|how)s\b", re.IGNORECASE)
# Asking which meeting it was, or how many there have been ("what number meeting", "how many times have they met").
ORDINAL_ASK = re.compile(
    r"\b(which|what) (number|edition|session|meeting number)\b"
    r"|\b(which|what) (\w+ )?(meeting|forum|one) (was|is) (it|this|that)\b"
    r"|\b(which|what) (\w+ )?(meeting|forum) (was|is) the (\d{4}|\w+) (one|meeting|forum)\b"
    r"|\bhow many (\w+ )?(meetings|forums|sessions|times)\b|\bnumber of (\w+ )?(meetings|forums|sessions)\b"
    r"|\b(meeting|forum|session) (number|no\.?|#) (what|which|\?)",  # "chicago was meeting number what"
    re.IGNORECASE,
)
# Counting from when the forum was brought back: the statements' own way of numbering meetings.
# Asking what brought the forum back, who did, or why ("what got the forum going again", "who revived the CBCF"):
# a statement says so where it tells of the forum's re-establishment.
REVIVAL = re.compile(
    r"\b(brought|bring|brings|got|get|gets|started|start|kick\w*)\b[^?.!]{0,30}\b(back|again|going)\b"
    r"|\b(why|how|who|what)\b[^?.!]{0,40}\b(re-?establish\w*|relaunch\w*|restart\w*|resum\w*|reviv\w*)\b"
    r"(?![^?.!]*\b(first|second|third|fourth|fifth|\d+(st|nd|rd|th))\b)",
    re.IGNORECASE,
)
RESTART = re.compile(
    r"\b(since|after|restart\w*|re-?establish\w*|relaunch\w*|reviv\w*|brought back|resum\w*)\b", re.IGNORECASE
)
# Asking what something costs or what was put into it, not any amount: an answer must be about spending.
SPENDING = re.compile(
    r"\b(fund\w*|budget\w*|invest\w*|spen[dt]\w*|cost\w*|allocat\w*|financ\w*|pa(y|id|ying)|put (into|in|towards?)"
    r"|commit\w*|earmark\w*|grants?|dedicat\w*|provid\w*)\b",
    re.IGNORECASE,
)
# "cost seniors $1.1 billion", "what do scams cost old people": an amount someone lost, not one spent on something
_LOSS = re.compile(
    r"\bcost(s|ing)?\s+(?!(an?|about|nearly|more|over|roughly|approximately|some|up|at|less)\b)[a-z]+", re.IGNORECASE
)


def spends(text: str) -> bool:
    """Whether a text speaks of money spent or put into something (not of what a crime cost its victims)."""
    return SPENDING.search(_LOSS.sub("", text)) is not None


# A span of years: every statement from one year to another ("from 2022 through 2025"), or since one.
YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:through|thru|to|until|till|up to|and up to|-|–|—)\s*((?:19|20)\d\d)\b", re.IGNORECASE
)
SINCE_YEAR = re.compile(r"\b(?:since|after)\s+(?:the\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)

# Asking what an acronym stands for.
DEFINE = re.compile(
    r"\b(stands? for|short for|acronym|abbreviation|abbreviated|mean|means|meaning|full (name|form)|spell\w* out)\b"
    r"|\w\s*=\s*\?",  # "cbcf = ?"
    re.IGNORECASE,
)

YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# A meeting named with up to three words between ("the latest cross border crime forum").
_MEETING = r"(?:[\w-]+\s+){0,3}?(statement|meeting|forum|session|cbcf|summit)s?\b"
LATEST = re.compile(r"\b(latest|most recent|newest|recent|last|current)\s+" + _MEETING, re.IGNORECASE)
EARLIEST = re.compile(r"\b(earliest|oldest|original)\s+" + _MEETING, re.IGNORECASE)
PREVIOUS = re.compile(r"\b(previous|prior|earlier|older|preceding)\s+" + _MEETING, re.IGNORECASE)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r"|1st|2nd|3rd|[4-9]th|10th)\s+" + _MEETING, re.IGNORECASE)
MEETING_YEAR = re.compile(
    r"\b(19\d\d|20\d\d)(?:'s)?(?:\s+[\w-]+){0,3}?\s+(cbcf|forum|meeting|statement|session|summit)\b"
    r"|\b(cbcf|forum|meeting|statement|session|summit)\s+(?:of|in|from|held in)\s+(19\d\d|20\d\d)\b",
    re.IGNORECASE,
)


_NUMBERED = re.compile(r"\b(1st|2nd|3rd|[4-9]th|10th)\b", re.IGNORECASE)


def ordinals_spelled_out(text: str) -> str:
    """A text with its numbered ordinals in words ("2nd" for "second"), as the statements write them."""
    return _NUMBERED.sub(lambda m: ORDINALS[ordinal_number(m.group(1)) - 1], text)


def ordinal_number(word: str) -> int:
    """1 for "first" or "1st", 2 for "second", …"""
    word = word.lower()
    return ORDINALS.index(word) + 1 if word in ORDINALS else int(re.sub(r"\D", "", word))


def stated_ordinals(text: str) -> list[int]:
    """Ordinals a statement gives itself ("the second meeting of the … Forum")."""
    return [ordinal_number(m.group(1)) for m in ORDINAL.finditer(text)]


def years_spanned(question: str, years: tuple[int, ...] | list[int]) -> list[int]:
    """The indexed years a span in the question covers ("from 2022 through 2025", "since 2023"); [] if none."""
    span = YEAR_RANGE.search(question)
    if span:
        low, high = sorted((int(span.group(1)), int(span.group(2))))
        return [y for y in years if low <= y <= high]
    since = SINCE_YEAR.search(question)
    return [y for y in years if y >= int(since.group(1))] if since else []
