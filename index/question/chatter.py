"""What people wrap around a question and what it is not about: greetings, who is asking and for whom, asides in
brackets, thanks, and years said in words as voice dictation writes them ("twenty twenty two").

General English, nothing about the statements: it is taken off before a question is read, so that "hi, quick one -
where did they meet in 2022?" is read as "where did they meet in 2022?".
"""

from __future__ import annotations

import re

_GREETING = (
    r"(hi|hello|hey|hiya|howdy|yo|greetings|hola|bonjour|salut|allo|ciao|guten tag"
    r"|good (morning|afternoon|evening|day))"
    r"( (there|all|everyone|everybody|team|folks|guys|bot|again|friends?))?"
)
# What the answer is for ("for my report", "for a criminology class"): who asks and why, not the question.
_FOR_WHAT = (
    r"for (my|a|an|our|the) ([\w-]+ )?(report|article|story|paper|thesis|essay|class|course|briefing|brief|memo"
    r"|boss|manager|editor|presentation|newsletter|podcast|project|homework|assignment|research|notes|team)"
)
_ASIDE = (
    r"(a )?quick (one|question|q)|(one )?(more|other|another|last) (thing|question|one)|question|random question"
    r"|(dumb|stupid|silly|noob|newbie|basic) question|sorry( to (bother|ask|interrupt)( you)?)?|excuse me|please|pls"
    r"|ok(ay)?|so|well|um+|uh+|btw|by the way|also|and|thanks|thank you|newbie here|new here|fyi"
    r"|(i['’]?m |we['’]?re )?(on (a )?(tight )?deadline|in a (hurry|rush))|urgent|real quick|quick"
    r"|asking for (my|a|the|our) [\w-]+( [\w-]+)?"
    rf"|{_FOR_WHAT}"
    r"|(i|we)( am|['’]m| are|['’]re) (a |an )?[\w-]+( [\w-]+)?"  # "I am analyst", "I'm a student": who asks
    r"|(i|we) (write|work|am writing|['’]m writing|report) for (a|an|the|my) [\w -]+"
)
# One piece of wrapping at the start, up to a comma, colon, dash, full stop or "and" that goes on to the question.
_LEADING = re.compile(rf"^\W*({_GREETING}|{_ASIDE})\s*([,:;!.?]+|\s[-–—]+|\s+and\b|(?=\s))\s*", re.IGNORECASE)
# An aside in brackets about the asker, or thanks, at the end ("(I write for a German newspaper)", "thanks!").
_TRAILING = re.compile(
    r"(\s*\((i|i'm|i am|we|my|our|sorry|thanks|thank|thx|asking|just|btw|for (my|a|an|our|the))\b[^)]*\)"
    r"|[\s,.;:!-]+(thanks|thank you|thx|ty|cheers|pls|please|merci|gracias|danke)( (so much|a lot|in advance))?"
    r"|,\s*(short|brief|quick) (list|answer|version|summary)( please)?"
    rf"|[\s,;:-]+((i |we )?(need|want)s? (it|this|that|them) )?{_FOR_WHAT})\W*$",
    re.IGNORECASE,
)
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_YEAR_WORDS = re.compile(
    r"\b(twenty|two thousand( and)?) (?:(?P<teen>" + "|".join(_TEENS) + r")|(?P<tens>twenty|thirty|forty)"
    r"(?:[- ](?P<unit>" + "|".join(_UNITS) + r"))?)\b",
    re.IGNORECASE,
)


def _year(match: re.Match) -> str:
    if match["teen"]:
        return str(2000 + 10 + _TEENS.index(match["teen"].lower()))
    unit = _UNITS.index(match["unit"].lower()) + 1 if match["unit"] else 0
    return str(2000 + _TENS[match["tens"].lower()] + unit)


def without_chatter(question: str) -> str:
    """The question without the greetings, asides and thanks around it, its years said in words written as
    numbers; the question itself when nothing would be left."""
    text = _YEAR_WORDS.sub(_year, question)
    while (match := _LEADING.match(text)) and match.end() < len(text):
        text = text[match.end() :]
    while (match := _TRAILING.search(text)) and match.start() > 0:
        text = text[: match.start()]
    return text if re.search(r"\w", text) else question


# A sentence of the asker's story: it ends with a full stop or an exclamation mark and a sentence after it goes on.
_TOLD = re.compile(r"[^.!?]*[^\s\d.!?][.!](?=\s+\S)")


def told_before_asking(question: str) -> str:
    """The sentences a question tells before it asks ("my nephew got a DM offering him $500. is the government
    doing anything about that?"): the story around what is asked, not the question; the text up to where it asks."""
    at = 0
    while (match := _TOLD.match(question, at)) and match.end() < len(question.rstrip()):
        at = match.end()
    return question[:at]
