"""Statements read whole from the index, and the questions built from their headings that it answers."""

from __future__ import annotations

from index.core import answer, answered_questions, statement, statements

OTTAWA = "2023-cbcf-joint-statement-ottawa"


def test_a_statement_comes_back_whole_in_document_order_with_its_sections(engine):
    found = statement(engine, OTTAWA)
    assert found is not None and found.meta["year"] == 2023 and found.meta["place"] == "Ottawa"
    assert [u.unit_id for u in found.units] == sorted(u.unit_id for u in found.units)
    assert len(found.units) == found.meta["units"]
    assert "Reducing Firearms Trafficking and Violence" in found.sections
    ghost = next(u for u in found.units if "ghost guns" in u.text)
    assert ghost.section == "Reducing Firearms Trafficking and Violence"
    cited = answer("what was agreed on ghost guns?", engine=engine).citations[0]
    assert cited.unit_id == ghost.unit_id and cited.doc_id == OTTAWA


def test_a_sentence_quoted_with_the_one_before_it_says_so(engine):
    cited = answer("Which arrangements will help interdict firearms and drugs?", engine=engine).citations[0]
    units = statement(engine, OTTAWA).units
    at = next(i for i, u in enumerate(units) if u.unit_id == cited.unit_id)
    assert units[at].with_previous and units[at].text.startswith("These arrangements")
    assert cited.quote == f"{units[at - 1].text} {units[at].text}"
    assert not units[0].with_previous and not units[at - 1].with_previous


def test_an_unknown_statement_is_none_and_every_indexed_one_is_listed(engine):
    assert statement(engine, "no-such-statement") is None
    assert set(statements(engine)) == {d["doc_id"] for d in engine.documents()}


def test_suggested_questions_come_from_headings_and_are_answered_from_them(engine):
    questions = answered_questions(engine)
    assert 2 <= len(questions) <= 3
    headings = {h for s in statements(engine).values() for h in s.sections}
    years = {str(d["year"]) for d in engine.documents()}
    for question in questions:
        heading = next(h for h in headings if question.endswith(f"about {h}?"))
        assert any(f"the {y} statement" in question for y in years)
        reply = answer(question, engine=engine)
        assert not reply.abstained and any(c.section == heading for c in reply.citations)
    assert answered_questions(engine) == questions  # kept for the generation, not recomputed differently


def test_a_newly_activated_index_is_read_afresh(tmp_path, embedder):
    from index.core import ingest_paths, remove_documents
    from index.settings import BUNDLED_CORPUS
    from tests.conftest import make_engine

    eng = make_engine(tmp_path / "data", embedder)
    ingest_paths([BUNDLED_CORPUS], eng.store, eng.embedder)
    eng.refresh(force=True)
    assert OTTAWA in statements(eng)
    remove_documents({OTTAWA}, eng.store, eng.embedder)
    eng.refresh(force=True)
    assert statement(eng, OTTAWA) is None and len(statements(eng)) == 1
    left = answered_questions(eng)
    assert left and all("the 2022 statement" in q for q in left)
