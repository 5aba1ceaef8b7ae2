"""The meeting after a named one: the next statement in the index only when it is that meeting; otherwise what
the named meeting's statement says of the next one (Minneapolis 2036 announces Halifax 2037, and the statement
indexed after it is from Thunder Bay, 2038). An announced meeting without a statement can't be compared."""

from __future__ import annotations

import json

import pytest

from index.core import answer, ingest_paths
from index.question.plan import analyze
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine, quoted
from tests.index.answering import test_everyday_wording as minneapolis
from tests.index.answering import test_outcomes as thunder_bay


@pytest.fixture(scope="module")
def series(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("series")
    added = []
    for module, suffix, year, place in (
        (minneapolis, ".txt", 2036, "Minneapolis"),
        (thunder_bay, ".md", 2038, "Thunder Bay"),
    ):
        path = folder / f"{module.DOC}{suffix}"
        path.write_text(module.STATEMENT, encoding="utf-8")
        meta = {"title": f"Joint Statement on the {year} Forum", "year": year, "place": place}
        path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
        added.append(path)
    eng = make_engine(tmp_path_factory.mktemp("series-index"), embedder)
    assert not ingest_paths([BUNDLED_CORPUS, *added], eng.store, eng.embedder).skipped
    eng.refresh(force=True)
    return eng


def test_each_statement_says_the_year_of_its_next_meeting_as_the_index_reads_it(series):
    corpus = series.require_snapshot().corpus
    # Thunder Bay names no next meeting; "before the next meeting … committed to" is no announcement
    assert corpus.next_years.get(2036) == 2037 and 2038 not in corpus.next_years
    assert corpus.next_unindexed(2036) and corpus.next_unindexed(2038) and not corpus.next_unindexed(2022)


@pytest.mark.parametrize(
    "question", ["where's the forum going after minneapolis?", "who was hosting the forum the year after minneapolis"]
)
def test_the_meeting_after_one_without_a_statement_is_the_one_its_statement_announces(series, question):
    # the statement indexed after Minneapolis is Thunder Bay's, and Thunder Bay is not where the forum went next
    reply = answer(question, engine=series)
    assert not reply.abstained and "Halifax" in quoted(reply), quoted(reply)


def test_the_meeting_after_one_whose_next_is_indexed_is_that_statements_meeting(series):
    plan = analyze("what did the meeting after washington agree on guns", series.require_snapshot().corpus)
    assert plan.years == [2023], plan.years


def test_where_and_when_in_chat_shorthand_asks_where(series):
    reply = answer("next forum after minneapolis - where n when", engine=series)
    assert not reply.abstained and "Halifax, Nova Scotia, in 2037" in quoted(reply), quoted(reply)


def test_a_meeting_without_a_statement_is_not_compared_though_the_one_before_announced_it(series):
    # "where will the 2037 Halifax meeting be" is answered from Minneapolis's announcement; a comparison is not
    reply = answer("compare freight theft at minneapolis 2036 with the 2037 halifax meeting", engine=series)
    assert reply.abstained and "2037" in reply.answer, reply.answer
