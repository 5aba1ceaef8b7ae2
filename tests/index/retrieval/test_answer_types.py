"""What kind of answer a sentence holds: an amount, a count of what is asked about, a span of time, a place."""

from __future__ import annotations

from index.question import intent
from index.question.corpus import CorpusView
from index.question.lexicon import Lexicon
from index.question.plan import analyze
from index.retrieval.answer_types import (
    answers_what_is_asked,
    counts,
    names_another_place,
)
from index.text.words import stems_of

_WORDS = "angel watch center department homeland security justice minister public safety director"
DICTIONARY = frozenset(_WORDS.split())


def _fits(question: str, sentence: str) -> bool:
    plan = analyze(question, CorpusView(years=(2023,)))
    return answers_what_is_asked(plan, plan.answer_type, sentence, stems_of(sentence), Lexicon(), DICTIONARY)


def test_a_near_miss_does_not_fit_the_kind_of_answer_asked_for():
    center = "The Angel Watch Center sent 4,527 notifications to 130 countries."
    assert not _fits("who is the director of the angel watch center?", center)
    assert not _fits("how many overdose deaths were there?", "Overdoses took 7,000 lives and 40 towns were hit.")
    assert _fits("how many notifications did the center send?", center)
    assert not _fits("how much money did they put into the unit?", "The unit recovered goods worth $41 million.")
    assert _fits("how much money did they put into the unit?", "Canada will invest $41 million in the unit.")


def test_the_two_countries_are_not_a_count():
    from index.retrieval.answer_types import holds

    assert not holds("count", "Theft of freight has grown sharply between our two countries since 2020.")
    assert holds("count", "The unit supported 27 interdictions in both countries.")


def test_a_place_asked_for_by_kind_must_be_one_the_question_does_not_name():
    asked = frozenset({"canadian", "city", "host", "next", "forum"})
    assert not names_another_place("Ministers agreed that the next Forum will be held in Canada.", asked)
    assert names_another_place("Ministers agreed that the next Forum will be held in Regina.", asked)
    jtfac = frozenset({"jtfac", "joint", "trade", "fraud", "analysis", "centre", "city", "based"})
    assert not names_another_place("Ministers set up a Joint Trade Fraud Analysis Centre (JTFAC).", jtfac)


def test_a_count_must_count_what_is_asked_near_its_number():
    notifications, teams = frozenset(stems_of("notifications")), frozenset(stems_of("teams"))
    assert counts("It sent 4,527 sex-offender travel notifications to 130 countries.", notifications)
    assert not counts("a standing team of investigators from the two countries, deployed within 24 hours", teams)


def test_a_superlative_is_answered_only_by_a_sentence_that_ranks():
    plan = analyze("which country got the most notifications", CorpusView())
    ranked = "Of all countries, Mexico received the most notifications."
    unranked = "It sent 4,527 notifications to 130 countries, including 149 to Mexico."
    lexicon = Lexicon()
    assert answers_what_is_asked(plan, plan.answer_type, ranked, stems_of(ranked), lexicon, DICTIONARY)
    assert not answers_what_is_asked(plan, plan.answer_type, unranked, stems_of(unranked), lexicon, DICTIONARY)


def test_how_fast_is_answered_by_a_span_of_time_and_how_soon_also_by_a_date():
    from index.retrieval.answer_types import holds

    def kind(question: str) -> str | None:
        return analyze(question, CorpusView(years=(2023,))).answer_type

    assert kind("how fast will the labs warn each other?") == "span"
    assert kind("how long will officers spend on a placement?") == "span"  # time spent, not money
    assert kind("how soon will the placements begin?") == "deadline"
    assert kind("how long is the prison term for gun smuggling?") == "penalty"
    alerts = "Labs will share alerts about newly identified substances within 72 hours."
    assert holds("span", alerts) and holds("span", "a 30-day pilot") and holds("span", "shared in real time")
    assert not holds("span", "The network was launched in October 2029 and issued 212 alerts.")
    assert holds("deadline", "The first placements are scheduled to begin in January 2030.")


def test_asking_for_the_name_of_an_office_holder_asks_for_a_person():
    plan = analyze("what's the name of the US attorney general in 2023?", CorpusView(years=(2023,)))
    assert plan.answer_type == "person" and plan.asks_role
    assert analyze("what is the name of the program?", CorpusView(years=(2023,))).answer_type != "person"


def test_a_count_of_what_has_happened_is_not_answered_by_a_plan_a_cap_or_a_span_of_time():
    officers, alerts = frozenset(stems_of("officers")), frozenset(stems_of("alerts"))
    exchange = "The program will allow up to 60 officers a year to complete short placements."
    assert counts(exchange, officers) and not counts(exchange, officers, done=True)
    assert counts("So far, 41 officers have completed placements.", officers, done=True)
    assert not counts("Labs will share alerts about new substances within 72 hours.", alerts)
    assert counts("The network issued 212 alerts about newly identified substances.", alerts, done=True)


def test_a_span_of_time_may_be_said_loosely():
    from index.retrieval.answer_types import holds

    assert holds("span", "These teams have been in place for more than two decades.")
    assert holds("span", "The review will be completed within about six months.")


def test_a_span_of_days_may_be_an_adjective():
    from index.retrieval.answer_types import holds

    assert holds("span", "The two-day meeting was an opportunity to take stock.")
    assert not holds("span", "Our two countries have longstanding cooperation.")


def test_what_a_crime_cost_its_victims_is_no_spending():
    assert not intent.spends("Elder fraud cost seniors in both countries an estimated $1.1 billion in 2025.")
    assert not intent.spends("how much do grandparent scams cost old people?")
    assert intent.spends("The campaign will cost $5 million.") and intent.spends("how much funding goes to it?")


def test_asking_for_the_exact_date_needs_a_day_not_only_a_year():
    assert not _fits("what's the exact date of the next meeting?", "Canada will host the next meeting in 2027.")
    assert _fits("what's the exact date of the next meeting?", "The next meeting will be held on June 3, 2027.")
    assert _fits("when is the next meeting?", "Canada will host the next meeting in 2027.")


def test_a_count_of_what_went_the_other_way_or_a_day_of_the_month_does_not_answer():
    sent = "The center sent 4,527 notifications to 130 countries, including 149 notifications to Canada."
    assert not _fits("how many notifications did canada send to the us?", sent)
    assert _fits("how many notifications did the us send to canada?", sent)
    dated = "Canada noted legislation on April 26, 2023, to strengthen reporting and notification."
    assert not _fits("how many notifications were sent?", dated)


def test_a_line_of_figures_counts_what_its_label_names():
    assert counts("Handguns seized from boats on border waters: 164", frozenset(stems_of("handguns")))
    assert not counts("Live turtles recovered from smugglers: 2,350", frozenset(stems_of("handguns")))
    row = "Suspect precursor chemical parcels intercepted in the mail — Canada: 6,420; United States: 11,935"
    assert counts(row, frozenset(stems_of("parcels")))  # a table's row, as ingest writes it
    assert not counts(row, frozenset(stems_of("guns")))


def test_asking_which_agencies_or_companies_needs_a_sentence_that_names_them():
    assert _fits("which agencies will run the patrols?", "The RCMP and the Coast Guard will run the patrols.")
    assert _fits("which agencies will run the patrols?", "The RCMP will run the patrols.")
    assert not _fits("which phone companies will block the calls?", "Telephone companies will block the calls.")


def test_the_name_of_a_described_thing_must_be_that_things_name():
    asked = "what's the name of the new counterfeit medicines database"
    assert not _fits(asked, "Health Canada and the U.S. Food and Drug Administration will set up a database of fakes.")
    assert _fits(asked, "Officials will launch the Counterfeit Medicines Registry Database next year.")
    assert _fits(asked, "They will build a shared database of seized medicines (SMDB) by March.")
    commission = "Efforts will build on the newly established Trilateral Fentanyl Commission."
    assert _fits("what's the name of the new fentanyl commission they mention", commission)
    # without "the name of", any name the question doesn't use answers "which agencies"
    assert _fits("which agencies will run the database?", "Health Canada will run the database.")
