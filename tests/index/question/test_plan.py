from index.question.corpus import CorpusView
from index.question.lexicon import Lexicon
from index.question.plan import analyze
from index.question.vocabulary import Vocabulary
from index.text.words import edit_distance, word_spans

VOCAB = Vocabulary(
    ["fentanyl precursor chemicals from China", "firearms smuggling", "ports of entry", "the Angel Watch Center"],
    dictionary=frozenset({"talk", "prompt", "sports", "angle", "task"}),
)
PLACES = {"ottawa": 2023, "washington": 2022}
YEARS = (2022, 2023)


def corpus(vocabulary=VOCAB, **more) -> CorpusView:
    return CorpusView(vocabulary=vocabulary, places=PLACES, years=YEARS, ordinals={1: 2022, 2: 2023}, **more)


def plan(q):
    return analyze(q, corpus())


def test_misspellings_are_corrected_to_corpus_words_but_real_words_are_not():
    assert plan("fentanil precursers from china").corrections == {"fentanil": "fentanyl", "precursers": "precursor"}
    assert plan("firarms smugling").search_text == "firearms smuggling"
    assert plan("did they talk about sports or prompt").corrections == {}


def test_a_real_word_is_corrected_only_when_the_rest_of_the_question_points_to_the_corpus_word():
    assert plan("whats the angle watch center").corrections == {"angle": "angel"}
    assert plan("what angle did they take").corrections == {}


def test_question_framing_is_never_corrected_even_when_the_rest_points_to_a_corpus_word():
    # "talk" is one edit from "task", and "action" and "force" point to the statements' "Task Force".
    vocab = Vocabulary(["the Financial Action Task Force report"], dictionary=frozenset({"talk", "task"}))
    got = analyze("did they talk about the financial action force", corpus(vocab))
    assert got.corrections == {} and "talk" not in got.topical


def test_function_words_are_not_topics():
    got = plan("I'm curious whether they said anything at all about stopping guns being smuggled north")
    assert got.topical == ["stopping", "guns", "smuggled", "north"]
    assert plan("not enough cops, did anybody say anything about that?").topical == ["cops"]


def test_years_and_places_pick_a_statement():
    assert plan("What was agreed in 2022 on firearms?").years == [2022]
    assert plan("What happened at the Ottawa meeting?").years == [2023]
    assert plan("What did they say about firearms?").years is None
    assert plan("what did the latest statement say about guns").years == [2023]
    assert plan("what was agreed at the first meeting?").years == [2022]


def test_comparisons_cover_both_years():
    for q in [
        "How did firearms policy change between 2022 and 2023?",
        "What did both statements say about smuggling?",
        "compare the two meetings on justice",
        "what's new since the last meeting on guns?",
        "how has the smuggling focus shifted across the statements?",
        "which cbcf meetings talked about crypto",  # which of them: each is looked at
        "what years did they bring up ransomware",
    ]:
        p = plan(q)
        assert p.compare and p.years == [2022, 2023], q
    assert not plan("Did they talk about climate change?").compare
    assert not plan("which meeting was the first to talk about crypto").compare  # one meeting, the first


def test_statement_years_that_do_not_exist_are_flagged():
    assert plan("What did the 2019 Cross-Border Crime Forum decide?").unknown_year == 2019
    assert plan("What did the 2021 Roadmap say?").unknown_year is None


def test_answer_type_detection():
    assert plan("How much money was committed?").wants_money
    assert plan("total amount victims lost to scams in 2023").wants_money  # what was lost is money
    assert not plan("what amount of fentanyl was seized").wants_money
    assert plan("How many notifications went to Canada?").wants_count
    assert plan("When was the memorandum signed?").wants_date


def test_edit_distance_counts_transpositions_as_one():
    assert edit_distance("fentanyl", "fentanly") == 1
    assert edit_distance("send", "second") == 2


def test_word_spans_find_the_words_as_tokens_spells_them():
    text = "What about Fentanyl’s precursors, and U.S. guns?"
    spans = word_spans(text, {"fentanyl", "precursors", "u.s"})  # a possessive is the word itself
    assert [text[a:b] for a, b in spans] == ["Fentanyl’s", "precursors", "U.S"]
    assert word_spans(text, set()) == ()


def test_meetings_are_resolved_from_the_statements_order():
    three = CorpusView(vocabulary=VOCAB, places=PLACES, years=(2022, 2023, 2025), ordinals={1: 2022, 2: 2023, 3: 2025})
    assert analyze("what did the third meeting say about guns?", three).years == [2025]
    assert analyze("what was said at the second forum?", three).years == [2023]
    assert analyze("and the previous meeting?", three).years == [2023]
    assert analyze("the latest statement on guns", three).years == [2025]
    assert analyze("the earliest statement on guns", three).years == [2022]


def test_host_cities_name_a_meeting_not_a_topic():
    got = plan("What did they say in Ottawa about firearms?")
    assert got.years == [2023] and got.topical == ["firearms"]


def test_answer_types_for_meeting_questions():
    assert plan("In which city did the ministers meet in 2023?").answer_type == "place"
    assert plan("Which American officials came to Ottawa?").answer_type == "person"
    assert plan("What topics did the Washington statement cover?").answer_type == "overview"
    assert plan("What penalties will smugglers face?").answer_type == "penalty"
    assert plan("What did they agree on firearms?").answer_type is None


def test_possessives_and_curly_apostrophes_read_as_the_word():
    assert plan("What about Russia’s invasion?").topical == plan("What about Russia's invasion?").topical
    assert "russia" in plan("What about Russia’s invasion?").topical


def test_a_question_about_the_meeting_itself_is_told_from_one_about_a_topic():
    for q in ["where was the 2022 meeting", "Who hosted the Ottawa forum?", "what number meeting was the ottawa one"]:
        assert plan(q).about_meeting, q
    assert plan("what topics did the washington statement cover?").answer_type == "overview"
    for q in ["Where did the ministers say guns are smuggled?", "did they mention the 2030 agenda", "hi there"]:
        assert not plan(q).about_meeting, q


def test_asking_which_meeting_one_was_does_not_point_at_the_meeting_of_that_number():
    got = plan("was ottawa the first cbcf meeting after it got restarted?")
    assert got.answer_type == "ordinal" and got.years == [2023]
    assert plan("what was agreed at the first meeting?").years == [2022]


def test_a_year_named_as_a_statement_is_told_from_a_year_named_as_a_time():
    assert plan("What did the 2022 statement say about fentanyl?").statement_years == [2022]
    assert plan("What happened to fentanyl seizures in 2022?").statement_years == []


def test_a_yes_or_no_question_with_no_topic_is_not_read_as_asking_what_a_meeting_covered():
    assert plan("what happened at the ottawa meeting?").about_meeting
    assert plan("ottawa 2023 cross border crime forum - what was on the agenda?").about_meeting  # asked after a dash
    assert not plan("did the ministers visit the border?").about_meeting


def test_who_questions_asking_for_a_person_by_role_are_told_from_other_who_questions():
    assert plan("who is the director of the angel watch center?").asks_role
    assert plan("Which US officials came to Ottawa?").answer_type == "person"
    assert plan("What will officials do about virtual currencies?").answer_type is None


def test_a_real_word_is_never_corrected_into_an_acronym():
    vocab = Vocabulary(["the DEA and the CLOUD Act"], dictionary=frozenset({"deal", "dea", "cloud", "act"}))
    lexicon = Lexicon(acronyms={"dea": ("drug", "enforcement", "administration")})
    got = analyze("is the cloud act deal signed", corpus(vocab, lexicon=lexicon))
    assert "deal" not in got.corrections and "deal" in got.topical


def test_question_words_typed_without_apostrophes_still_ask():
    assert plan("wheres the forum held").wants_place and plan("whens the next one").wants_date
    assert plan("tldr of the ottawa statement").wants_overview and plan("quick recap of 2022?").wants_overview
    assert plan("which canadian city hosted it?").wants_place


def test_asking_when_a_topic_first_came_up_is_not_asking_about_the_first_meeting():
    assert plan("when did they first discuss fentanyl?").first_mention
    assert not plan("when did they first discuss fentanyl?").wants_date  # the answer is a statement, not a date
    assert plan("which meeting first brought up fentanyl").first_mention
    assert not plan("what did the first meeting discuss?").first_mention


def test_asking_for_the_key_takeaways_asks_for_an_overview():
    assert plan("key takeaways from the ottawa forum").wants_overview
    assert plan("main outcomes in 2022?").wants_overview
    shorthand = plan("tl;dr of the 2023 joint statement")  # "tl" and "dr" ask for a summary, they name no topic
    assert shorthand.wants_overview and not shorthand.topical and not shorthand.unknown


def test_asking_whether_someone_gets_fined_asks_for_a_penalty():
    assert plan("do companies get fined if they dont report a ransomware hack?").wants_penalty


def test_a_typo_of_a_framing_word_or_a_host_city_is_read_as_that_word():
    got = plan("what did the goverments say in washingtn about firearms")
    assert got.corrections == {"goverments": "governments", "washingtn": "washington"}
    assert got.topical == ["firearms"] and got.years == [2022]


def test_what_a_question_sets_aside_is_not_its_topic():
    covered = plan("what did ottawa 2023 cover besides drugs and guns")
    assert covered.topical == ["cover"] and covered.about_meeting and covered.answer_type == "overview"
    assert set(plan("anything on guns apart from ghost guns?").topical) == {"guns"}  # still asked about
    # setting the agenda aside asks for what a summary of the meeting leaves out: searched for, not summed up
    other = plan("Besides the main agenda, what other priority issues came up in 2023?")
    assert not other.about_meeting and "priority" in other.topical


def test_a_host_city_is_named_with_or_without_its_accents():
    quebec = CorpusView(vocabulary=VOCAB, places={"québec city": 2024, "ottawa": 2023}, years=(2023, 2024))
    assert analyze("when was the quebec city forum", quebec).years == [2024]
    assert analyze("when was the Québec City forum", quebec).years == [2024]


def test_the_words_of_a_question_about_a_meeting_are_never_read_as_typos():
    police = Vocabulary(["the RCMP Commissioner took part"], dictionary=frozenset({"took", "part", "commissioner"}))
    recap = analyze("quick recap of the 2023 meeting pls", corpus(police))
    assert recap.corrections == {} and recap.about_meeting
    assert analyze("what topics were on the table at the 2023 forum", corpus()).about_meeting


def test_the_words_asking_how_long_are_not_the_topic():
    assert plan("how long have the border enforcement teams been around?").topical == ["enforcement", "teams"]


def test_the_meeting_after_one_named_by_its_place_is_the_next_one():
    after = plan("who hosts the forum after ottawa?")
    assert "next" in after.topical and not after.about_meeting


def test_two_topic_words_side_by_side_are_read_as_a_possible_term():
    assert plan("did they talk about human smuggling or tobacco?").phrases == [("human", "smuggling")]


def test_what_a_meeting_signed_is_what_it_decided():
    signed = plan("what did they actually sign or commit to at the end of the ottawa meeting")
    assert signed.about_meeting and signed.answer_type == "decisions"


def test_the_issues_a_meeting_tackled_are_its_overview():
    tackled = plan("what issues did the 2023 forum tackle")
    assert tackled.about_meeting and tackled.answer_type == "overview"


def test_an_everyday_word_the_lexicon_knows_is_no_typo():
    meth = Vocabulary(["Ministers met in Ottawa"], dictionary=frozenset({"ministers"}))
    lexicon = Lexicon(everyday={"meth": ("methamphetamine",)})
    asked = analyze("what was said about meth at the last meeting?", corpus(meth, lexicon=lexicon))
    assert asked.corrections == {} and asked.topical == ["meth"] and not asked.about_meeting


def test_listing_decisions_is_asking_what_a_meeting_decided_and_deciding_about_a_topic_asks_for_a_decision():
    listed = plan("list the decisions from the 2023 meeting")
    assert listed.about_meeting and listed.answer_type == "decisions"
    assert plan("what did they decide about firearms smuggling?").asks_action
    assert plan("whats being done to stop stolen cars getting shipped overseas").asks_action
    assert plan("is anything being done about elder fraud?").asks_action
    assert not plan("how many officers have done the exchange so far?").asks_action
    assert not plan("wheres the forum going after ottawa").asks_action  # where it goes next, not a pursuit


def test_a_host_city_of_several_words_is_also_named_by_its_first_word_alone():
    cities = CorpusView(vocabulary=VOCAB, places={"québec city": 2024, "new york": 2025}, years=(2024, 2025))
    assert analyze("what happened in quebec?", cities).years == [2024]
    assert analyze("what happened at the new meeting?", cities).years is None  # "new" names no city


def test_who_spoke_for_a_country_asks_who_came():
    assert plan("who spoke for canada at the 2023 forum?").about_meeting


def test_everyday_ways_of_asking_what_a_meeting_covered_or_committed_to():
    assert plan("name the topics of the 2022 forum").about_meeting
    commitments = plan("What are the main commitments in the Ottawa statement?")
    assert commitments.about_meeting and commitments.answer_type == "decisions"
    assert plan("What areas did the 2022 joint statement commit to work on?").about_meeting


def test_more_everyday_ways_of_asking_for_a_meetings_overview_or_its_decisions():
    assert plan("can you sum up the ottawa statement in a few points").answer_type == "overview"
    assert plan("can you sum up the ottawa statement in a few points").about_meeting
    assert plan("what is the overall message of the joint statements?").about_meeting
    assert plan("what was the agenda?").about_meeting
    announced = plan("what were the headline announcements in 2023?")
    assert announced.about_meeting and announced.answer_type == "decisions"


def test_a_nutshell_an_outline_or_what_was_on_their_plate_asks_for_an_overview():
    for question in ["2022 statement in a nutshell", "bullet points of the ottawa statement", "what was on the plate"]:
        assert plan(question).answer_type == "overview", question


def test_a_number_in_the_story_before_a_question_is_not_asked_about():
    told = plan("my nephew got offered $500 for his bank account. are they doing anything about that?")
    assert "500" not in told.numbers and "500" not in told.exact
    asked = plan("did they say anything about the 500 officers?")
    assert "500" in asked.numbers
