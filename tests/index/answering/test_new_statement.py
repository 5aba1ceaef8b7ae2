"""A statement the engine never saw (eval/statements: a future meeting in a new city) needs no code change."""

from __future__ import annotations

import pytest

from eval.runner import EXTRA_STATEMENTS
from index.core import answer, ingest_paths
from index.settings import BUNDLED_CORPUS
from tests.conftest import make_engine

WINNIPEG = "2025-cbcf-joint-statement-winnipeg"


@pytest.fixture(scope="module")
def three(tmp_path_factory, embedder):
    eng = make_engine(tmp_path_factory.mktemp("three"), embedder)
    ingest_paths([BUNDLED_CORPUS, EXTRA_STATEMENTS / f"{WINNIPEG}.txt"], eng.store, eng.embedder)
    eng.refresh(force=True)
    return eng


def test_its_place_and_order_come_from_the_index(three):
    corpus = three.require_snapshot().corpus
    assert corpus.places["winnipeg"] == 2025 and corpus.ordinals[3] == 2025 and corpus.years == (2022, 2023, 2025)
    reply = answer("Where was the third meeting held?", engine=three)
    assert reply.citations[0].doc_id == WINNIPEG and "Winnipeg" in reply.citations[0].quote


def test_its_own_acronyms_are_learned(three):
    assert "drone" in three.require_snapshot().corpus.lexicon.expansions("jdic")
    reply = answer("What will the JDIC do?", engine=three)
    assert not reply.abstained and reply.citations[0].doc_id == WINNIPEG


def test_the_latest_meeting_is_the_new_one(three):
    reply = answer("What did the latest forum say about firearms?", engine=three)
    assert {c.doc_id for c in reply.citations} == {WINNIPEG}


def test_a_comparison_across_the_meetings_quotes_each_year_once(three):
    reply = answer("How did firearms commitments change across the meetings?", engine=three)
    years = [c.date[:4] for c in reply.citations]
    assert sorted(set(years)) == ["2022", "2023", "2025"]
    labels = [line.split(":")[0] for line in reply.answer.splitlines()]
    assert len(labels) == len(set(labels))
