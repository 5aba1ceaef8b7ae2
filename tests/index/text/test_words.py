"""How the engine reads words: accents, sentences that lean on the one before, and topic lists."""

from __future__ import annotations

import pytest

from index.text.words import continues, is_topic_list, leans_back, tokens, word_spans


def test_accents_do_not_change_a_word():
    assert tokens("Hélène in Montréal, the communiqué") == ["helene", "in", "montreal", "the", "communique"]
    assert tokens("Helene in Montreal") == tokens("Hélène in Montréal")[:3]


def test_a_sentence_that_opens_by_pointing_back_leans_on_the_one_before():
    assert leans_back("These arrangements will be pivotal.") and leans_back("They also agreed to meet.")
    assert leans_back("Between its launch in October and May, the network issued 212 alerts.")
    assert leans_back("For this reason, Ministers agreed to act.")
    assert not leans_back("In 2029, the task force recovered 1,460 vehicles.")
    assert not leans_back("Ministers agreed to their work plan.")


def test_spans_find_accented_words_where_they_are_in_the_text():
    text = "what did the Montréal communiqué say?"
    spans = word_spans(text, {"montreal", "communique"})
    assert [text[a:b] for a, b in spans] == ["Montréal", "communiqué"]


def test_a_list_continues_the_line_that_introduces_it():
    assert continues("map the brokers; train inspectors.", "Before the next Forum, Ministers committed to:")
    assert continues("They also agreed to meet.", None)
    assert not continues("Ministers agreed to meet in 2032.", "Exporters lose millions each year.")


def test_a_sentence_opening_with_initials_the_one_before_defined_goes_on_about_it():
    launched = "Ministers launched the Binational Drone Interdiction Cell (BDIC), which brings officers together."
    assert continues("The BDIC will be based in Plattsburgh, New York.", launched)
    assert continues("BDIC officers will share radar data.", launched)
    assert not continues("The RCMP will lead the work.", launched)  # initials the sentence before didn't define
    assert not continues("The cell will open in May.", launched)  # not initials


def test_a_quotation_goes_on_from_the_sentence_that_attributes_it():
    said = "“Criminals are flying drugs over our border,” said Minister Lachapelle."
    assert continues("“What we agreed to will help police catch them.”", said)
    assert not continues("“What we agreed to will help,” said Secretary Harrow.", said)  # attributed on its own
    assert not continues("“Ghost guns” are a growing threat.", "Ministers met in Ottawa.")


def test_a_quoted_title_opening_a_sentence_is_no_quotation_going_on():
    said = "“We closed the gaps,” said Secretary Halvorsen."
    assert not continues("“Project Pelican” seized 500 kilograms of cocaine.", said)


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (
            "Discussions covered methamphetamine production, firearms smuggling, money laundering through casinos and "
            "real estate, elder fraud, and the protection of critical infrastructure.",
            True,
        ),
        (
            "Meeting on Thursday, May 20, 2027, the ministers reviewed joint work on synthetic drugs, illegal guns, "
            "the online exploitation of children and organized theft, and agreed on the next steps listed below.",
            True,
        ),
        # commas, but long parts: it says something
        (
            "Our law enforcement agencies will leverage their collective resources, including intelligence, to "
            "identify the source and movement of unlawful firearms into our countries, including those moving across "
            "our shared border.",
            False,
        ),
        ("Ministers agreed to share seizure data on illegal e-bike battery imports.", False),
    ],
)
def test_a_topic_list_is_a_sentence_made_mostly_of_short_items(text, listed):
    assert is_topic_list(text) is listed
