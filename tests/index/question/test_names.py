"""Names learned from the statements' text and found in questions however they are typed."""

from __future__ import annotations

from index.question.names import learn_names, names_in, says_name, single_names, unknown_names, word_use
from index.question.plan import FRAMING_WORDS

_WORDS = """the angel watch center statement of partnership trilateral commission task force firearms violence
prevent crime minister today cross border forum united states"""
DICTIONARY = frozenset(_WORDS.split())
TEXTS = [
    "The United States shared that the Angel Watch Center sent notifications.",
    "Ministers also signed a Statement of Partnership to Prevent Crime.",
    "Efforts will build on the newly established Trilateral Fentanyl Commission.",
    "Today, Minister Priya Castellano hosted the Cross-Border Crime Forum, and Firearms Violence was discussed.",
]
NAMES = learn_names(TEXTS, DICTIONARY, FRAMING_WORDS)


def test_names_end_in_an_institution_word_or_hold_a_word_no_dictionary_has():
    assert ("angel", "watch", "center") in NAMES
    assert ("statement", "of", "partnership") in NAMES
    assert ("trilateral", "fentanyl", "commission") in NAMES
    assert ("priya", "castellano") in NAMES
    # Capitalised topics are not names, nor is the forum itself (all framing words), nor a run across a comma.
    assert ("firearms", "violence") not in NAMES
    assert ("cross-border", "crime", "forum") not in NAMES and ("cross", "border", "crime", "forum") not in NAMES
    assert not any(name[-1] == "today" or name[0] == "today" for name in NAMES)


def test_a_question_uses_a_name_typed_in_lower_case_and_the_longest_one_wins():
    found = names_in("does the 2029 statement mention the trilateral fentanyl commission", NAMES)
    assert found == [("trilateral", "fentanyl", "commission")]
    assert names_in("what's the deal with the statement of partnership?", NAMES) == [("statement", "of", "partnership")]
    assert names_in("what about fentanyl and partnership?", NAMES) == []


def test_a_sentence_says_a_name_in_full_or_by_its_acronym():
    name = ("trilateral", "fentanyl", "commission")
    assert says_name(name, "They welcomed the Trilateral Fentanyl Commission’s work.", {})
    assert not says_name(name, "Fentanyl remains a threat to both countries.", {})
    acronyms = {"tfc": ("trilateral", "fentanyl", "commission")}
    assert says_name(name, "The TFC will report next year.", acronyms)


def test_a_word_written_capitalised_on_its_own_and_never_in_lower_case_is_a_name():
    texts = [
        "Ministers agreed to provide aid to Haiti to combat gang violence.",
        "They deplored the invasion of Ukraine and met in Regina in March.",
        "The Bureau of Alcohol, Tobacco, Firearms and Explosives signed it with Environment and Climate Change Canada.",
        "Officers from the RCMP and Joint Investigative Teams (JITs) will work with Indigenous and tribal partners.",
        "Ministers discussed the proceeds of crime.",
        "Ministers discussed aid.",
    ] + [f"Ministers noted item {n}." for n in range(30)]
    # learned across statements: each statement's word use, put together (here, two statements)
    names = single_names([word_use(texts[:3]), word_use(texts[3:])], FRAMING_WORDS | {"regina"})
    singles = {name[0] for name in names}
    assert {"haiti", "ukraine", "indigenous"} <= singles
    # Not: a word of a longer name, an acronym, a month, a meeting's place, a word in many sentences ("Ministers").
    assert not singles & {"alcohol", "explosives", "environment", "rcmp", "jits", "march", "regina", "ministers"}
    assert names_in("anything on haiti?", names) == [("haiti",)]


def test_a_country_is_said_by_its_adjective_too():
    assert says_name(("russia",), "assets of sanctioned Russian individuals", {})
    assert says_name(("mexico",), "the U.S.-Mexico border", {})
    assert not says_name(("mexico",), "ransomware attacks on critical infrastructure", {})


def test_a_capitalised_name_of_a_body_no_statement_uses_is_kept_apart():
    known = learn_names(TEXTS, DICTIONARY, FRAMING_WORDS)
    question = "Do the statements discuss the Safe Third Country Agreement?"
    assert unknown_names(question, known, DICTIONARY, FRAMING_WORDS) == [("safe", "third", "country", "agreement")]
    said = "What did the Angel Watch Center do?"  # a name the statements use, or a run inside one
    assert unknown_names(said, known, DICTIONARY, FRAMING_WORDS) == []
    assert unknown_names("what about the safe third country agreement", known, DICTIONARY, FRAMING_WORDS) == []
    # a word pointing back to a name is not part of it: "That Roadmap" names no body
    pointing = "That Roadmap from Biden and Trudeau - what year is it from?"
    assert unknown_names(pointing, known, DICTIONARY, FRAMING_WORDS) == []
    assert unknown_names("The Safe Third Country Agreement?", known, DICTIONARY, FRAMING_WORDS) == [
        ("safe", "third", "country", "agreement")
    ]
