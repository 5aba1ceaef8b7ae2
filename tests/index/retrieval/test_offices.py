"""Officials named by office: the office and country a question asks about, and who holds it in a sentence."""

from __future__ import annotations

from index.retrieval.offices import asked_country, asked_office, names_a_person

_WORDS = "angel watch center department homeland security justice minister public safety director"
DICTIONARY = frozenset(_WORDS.split())


def test_a_person_is_named_by_office_not_by_any_capitalised_words():
    assert names_a_person("Canada’s Minister of Public Safety Marco Mendicino hosted them.", DICTIONARY)
    assert names_a_person("commitments made by President Biden and others", DICTIONARY)
    assert not names_a_person("The Angel Watch Center, a collaboration with the Department of Justice.", DICTIONARY)


def test_an_office_asked_about_must_be_the_one_held_not_its_deputy():
    deputy = "They were joined by the Deputy Attorney General of the United States, Marcus Bell."
    assert asked_office("who was the attorney general in 2030?") == "attorney general"
    assert asked_office("who is the deputy attorney general") == "deputy attorney general"
    assert not names_a_person(deputy, DICTIONARY, "attorney general")
    assert names_a_person(deputy, DICTIONARY, "deputy attorney general")
    assert names_a_person("Attorney General of the United States Merrick B. Garland", DICTIONARY, "attorney general")


def test_an_office_asked_of_one_country_is_not_answered_by_the_other_countrys():
    assert asked_country("what's the name of the US attorney general in 2030?") == "us"
    assert asked_country("who was the attorney general of canada in 2023") == "ca"
    assert asked_country("tell us who the attorney general was") is None  # "us" is no country there
    joined = "They were joined by Canada’s Minister of Justice and Attorney General, Priya Raghunathan."
    assert names_a_person(joined, DICTIONARY, "attorney general", "ca")
    assert not names_a_person(joined, DICTIONARY, "attorney general", "us")
    hosted = "Lametti hosted Attorney General of the United States Merrick Garland."
    assert names_a_person(hosted, DICTIONARY, "attorney general", "us")
