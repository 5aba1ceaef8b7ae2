"""Evidence signals of a sentence: two-word terms the statements use, sentences about another kind of thing, how
wordy the question is."""

from __future__ import annotations

from index.core import answer
from index.question.corpus import CorpusView
from index.question.lexicon import Lexicon
from index.question.plan import analyze
from index.question.vocabulary import Vocabulary
from index.retrieval.evidence import _heads_without_kind, _only_another_kind, question_query, wordiness
from index.text.words import stems_of

VOCAB = Vocabulary(["virtual currencies and firearms, law enforcement"], dictionary=frozenset({"crypto", "cops"}))
LEXICON = Lexicon(everyday={"crypto": ("virtual", "currencies"), "cops": ("law", "enforcement")})


def test_two_words_are_a_term_when_a_statement_says_them_side_by_side(engine):
    snapshot = engine.require_snapshot()
    assert snapshot.says_together("human", "smuggling")
    assert not snapshot.says_together("smuggling", "human") and not snapshot.says_together("meth", "labs")


def test_a_sentence_sharing_only_the_head_of_a_two_word_term_is_about_another_kind():
    phrases = [({"human"}, {"smuggl"})]
    weights = [("human", {"human"}, 2.0), ("smuggling", {"smuggl"}, 1.5)]
    firearms = stems_of("Discussions covered firearms smuggling and fraud.")
    heads = _heads_without_kind(phrases, firearms)
    assert heads and _only_another_kind(heads, weights, firearms)
    human = stems_of("They will counter human smuggling.")
    heads = _heads_without_kind(phrases, human)
    assert not heads and not _only_another_kind(heads, weights, human)
    # a sentence that says more of the question than the head is judged on all of it, by the calibrated model
    more = [*weights, ("border", {"border"}, 1.0)]
    border = stems_of("Firearms smuggling across the border rose.")
    assert not _only_another_kind(_heads_without_kind(phrases, border), more, border)


def test_the_question_is_embedded_with_the_statements_words_for_its_everyday_ones():
    plan = analyze("any news on crypto being used by cops", CorpusView(vocabulary=VOCAB, lexicon=LEXICON))
    text, focus = question_query(plan)
    assert text.startswith(plan.search_text) and "virtual" in text[len(plan.search_text) :]
    assert all(plan.search_text[a:b] in plan.topical for a, b in focus)  # topic spans index the question itself
    plain = analyze("what about firearms", CorpusView(vocabulary=VOCAB, lexicon=LEXICON))
    assert question_query(plain) == (plain.search_text, ())


def test_how_wordy_a_question_is_goes_from_0_for_a_short_one_to_1_for_a_story():
    assert wordiness("what about guns") == 0.0 and wordiness("any news on crypto being used by cops") == 0.0
    assert 0.0 < wordiness("so what did the ministers actually agree to do about guns coming over the border") < 1.0
    assert wordiness(" ".join(["word"] * 40)) == 1.0


def test_a_question_told_as_a_long_story_is_answered(engine):
    # words about the asker that no statement uses dilute every signal of a long question; the answer model
    # knows how long the question is, and is not put off by them
    story = (
        "My cousin drives for a small freight outfit and last winter some hackers locked up all of their computers "
        "and asked for money before they would unlock them. Are the two governments doing anything about that?"
    )
    reply = answer(story, engine=engine)
    assert not reply.abstained and "ransomware" in reply.answer, reply.answer
