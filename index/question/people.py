"""What a question asks of people: whose words ("what did the minister say"), who holds an office, who belongs
to a group, and whether the asker wants advice for themselves rather than what the statements say."""

from __future__ import annotations

import re

from index.question.chatter import told_before_asking

# Asking what someone said ("what did Thibodeau say about boats"): the words naming who said it.
_SAID_BY = re.compile(r"\bwhat (?:did|does|has|had|do) ((?:[\w'’.-]+ ){0,3}[\w'’.-]+) (?:say|said|tell|told)\b", re.I)


def quoted_speaker(question: str) -> list[str]:
    """The words naming whoever the question asks the words of ("what did Mendicino say": ["mendicino"])."""
    match = _SAID_BY.search(question)
    return match.group(1).lower().split() if match else []


# Asking who belongs to something ("who's in the working group", "who sits on it"): agencies answer, not only people.
MEMBERSHIP = re.compile(
    r"\bwho(['’]s| is| are| was| were)? (in|on|part of|involved in|sits? on|sat on|serves? on|belongs? to|makes? up) "
    r"(the|that|this|a|an) ([\w-]+ ){0,4}(group|team|task ?force|network|partnership|cell|unit|committee|council)s?\b",
    re.IGNORECASE,
)
# Asking for a person by role, or who someone is: only a sentence naming a person answers it.
# Officials are named with their office ("Minister of Public Safety Marco Mendicino", "President Biden").
_OFFICES = (
    "President|Prime Minister|Minister|Secretary|Attorney General|Commissioner|Director|Ambassador|Governor"
    "|Premier|Mayor|Chief|Deputy|Administrator|Solicitor General"
)
OFFICE = re.compile(rf"\b({_OFFICES})\b")
# Asking for an office holder's name ("what's the name of the US attorney general"): a person is asked for.
NAME_OF_OFFICE = re.compile(rf"\bname of (\S+ ){{0,3}}?({_OFFICES})\b", re.IGNORECASE)
ROLE = re.compile(
    r"\b(who (is|was|are|were)|who['’]s|director|head of|chief|commander|commissioner|minister|secretary|leader"
    r"|spokes\w+|president|attorney general|ambassador|chair\w*|officials?|representatives?|delegates?"
    r"|(full )?name of)\b",
    re.IGNORECASE,
)

# Asking for advice on one's own affairs ("how do I renew my passport", "can I bring my rifle"): the statements
# record what two governments agreed, not what a traveller or a citizen should do.
PERSONAL = re.compile(
    r"\b(how (do|can|should) (i|we)|(do|must) (i|we) (need|have to)|should (i|we)|where (do|can|should) (i|we)"
    r"|what (do|should|can|must) (i|we) do|am i allowed|are we allowed|(can|could) (i|we) (get|report|recover)"
    r"|can i (bring|take|cross|carry|drive|fly|travel|apply|renew|import|ship|mail|buy|sell|own))\b",
    re.IGNORECASE,
)
_STATEMENTS_NAMED = re.compile(
    r"\b(statements?|forum|cbcf|meetings?|ministers?|say|said|agree\w*|communiqu\w+|discuss\w*|recap|summary"
    r"|highlights|takeaways|commitments|topics)\b",
    re.IGNORECASE,
)


def asks_advice(question: str) -> bool:
    """Whether a question asks what the asker should do, not what the statements say ("how do I renew my passport");
    the story told before it ("… someone who said they were RCMP. can I get it back?") is not what is asked."""
    asked = question[len(told_before_asking(question)) :]
    return bool(PERSONAL.search(asked)) and not _STATEMENTS_NAMED.search(asked)
