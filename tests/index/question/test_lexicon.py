"""Acronyms learned from the statements' own definitions, and the editable lexicon files."""

from __future__ import annotations

from index.question.lexicon import Lexicon, defined_acronyms, long_form_before
from index.settings import PROJECT_ROOT, EngineSettings

TEXT = (
    "the Memorandum of Understanding between the Canada Border Services Agency (CBSA) and the U.S. Bureau of "
    "Alcohol, Tobacco, Firearms and Explosives (ATF), signed in March 2023; the United Nations Sustainable "
    "Development Goals (UNSDGs); two Memoranda of Understanding (MOUs); child sexual abuse material (CSAM)."
)


def test_a_statement_defines_its_acronyms_by_the_words_before_the_parentheses():
    found = defined_acronyms(TEXT)
    assert found["cbsa"] == "Canada Border Services Agency"
    assert found["atf"] == "Alcohol Tobacco Firearms and Explosives"
    assert found["unsdg"] == "United Nations Sustainable Development Goals"
    assert found["mou"] == "Memoranda of Understanding"
    assert found["csam"] == "child sexual abuse material"
    assert long_form_before("we met the press", "xyz") is None


def test_the_lexicon_files_load_and_learned_acronyms_join_them():
    lexicon = Lexicon.load(EngineSettings().lexicon_dir).learn([TEXT])
    assert lexicon.everyday["guns"] == ("firearms",)
    assert lexicon.acronym("mous") == "mou" and lexicon.acronym("mou") == "mou"
    assert set(lexicon.expansions("mous")) == {"memoranda", "understanding"}  # the statement's own words win
    assert "abuse" in lexicon.expansions("csam")
    assert lexicon.acronyms_spelled_out(["canada", "border", "services", "agency", "role"]) == ["cbsa"]
    assert lexicon.acronym("cars") is None


def test_no_lexicon_folder_means_an_empty_lexicon(tmp_path):
    assert Lexicon.load(tmp_path) == Lexicon() and Lexicon.load(None).expansions("guns") == ()


def test_the_lexicon_lives_in_data_files_not_code():
    assert (PROJECT_ROOT / "data" / "lexicon" / "everyday.toml").is_file()
    assert (PROJECT_ROOT / "data" / "lexicon" / "acronyms.toml").is_file()


def test_a_typo_of_an_everyday_word_is_read_as_that_word():
    lexicon = Lexicon(everyday={"haitian": ("haiti",), "cartels": ("criminal",), "cartel": ("criminal",)})
    assert lexicon.misspelt("hatian") == "haitian"
    assert lexicon.misspelt("cartell") is None  # one typo from two words: no guess
    assert lexicon.misspelt("haitian") is None and lexicon.misspelt("dog") is None


def test_chat_shorthand_is_written_out_as_whole_words_only():
    lexicon = Lexicon.load(EngineSettings().lexicon_dir)
    assert lexicon.shorthand["nxt"] == "next"
    assert lexicon.spelled_out("wheres the NXT forum, last yr?") == "wheres the next forum, last year?"
    assert lexicon.spelled_out("the nxtgen yrly report") == "the nxtgen yrly report"
    assert Lexicon().spelled_out("nxt yr") == "nxt yr"


def test_places_short_names_and_nicknames_are_written_out_before_a_question_is_read():
    lexicon = Lexicon.load(EngineSettings().lexicon_dir)
    assert lexicon.spelled_out("who came to the mpls forum") == "who came to the Minneapolis forum"
    assert lexicon.spelled_out("who hosted the Twin Cities meeting") == "who hosted the Minneapolis meeting"
    assert lexicon.spelled_out("the nxt forum in dc") == "the next forum in Washington"
    assert lexicon.spelled_out("wisdom and discipline") == "wisdom and discipline"  # whole words only


def test_a_short_name_beside_its_full_one_is_left_as_it_is():
    lexicon = Lexicon.load(EngineSettings().lexicon_dir)
    assert lexicon.spelled_out("the meeting before Las Vegas") == "the meeting before Las Vegas"
    assert lexicon.spelled_out("the Washington DC forum") == "the Washington DC forum"
