"""Units as Chroma records: the compact format, and what the statement fields come from."""

from __future__ import annotations

import pytest

from index.settings import BUNDLED_CORPUS
from index.store.records import (
    UNIT_FIELDS,
    embedding_text,
    from_record,
    record_id,
    to_record,
    unit_key,
    unit_to_node,
)
from index.store.writer import manifest_entry
from ingest.models import DOCUMENT_FIELDS
from ingest.units import read_document

OTTAWA = BUNDLED_CORPUS / "2023-cbcf-joint-statement-ottawa.txt"


def test_a_record_gives_back_the_node_it_was_written_from():
    doc, units = read_document(OTTAWA)
    manifest = {doc.meta.doc_id: manifest_entry(doc, len(units), "abc.1")}
    for unit in units[:10]:
        node = unit_to_node(unit, doc)
        record = to_record(node, "abc.1")
        assert set(record) == {"doc_id", "year", "version", "unit"} and record["year"] == 2023
        assert doc.meta.title not in record["unit"]  # the statement's fields are kept once, in the manifest
        stored = record_id(node.node_id, "abc.1")
        assert unit_key(stored) == (doc.meta.doc_id, "abc.1")
        back = from_record(stored, record, manifest)
        assert (back.node_id, back.text, back.metadata) == (node.node_id, node.text, node.metadata)
        assert embedding_text(back) == embedding_text(node)


def test_a_record_in_an_unknown_format_is_refused_with_the_fix():
    """Records without the unit JSON come from versions before the compact format; they are not guessed at."""
    old = {"doc_id": "2023-cbcf-joint-statement-ottawa", "year": 2023, "_node_content": "{}"}
    with pytest.raises(ValueError, match="re-create the index"):
        from_record("2023-cbcf-joint-statement-ottawa:00001", old, {})


def test_units_keep_only_their_own_fields_and_the_statement_fields_come_from_the_manifest():
    doc, units = read_document(OTTAWA)
    node = unit_to_node(units[0], doc)
    assert set(node.metadata) == set(DOCUMENT_FIELDS) | set(UNIT_FIELDS)
    assert embedding_text(node).endswith(units[0].sentence)


def test_the_embedded_text_is_what_llama_index_makes_of_the_node():
    from llama_index.core.schema import MetadataMode

    for path in BUNDLED_CORPUS.glob("*.txt"):
        doc, units = read_document(path)
        nodes = [unit_to_node(unit, doc) for unit in units]
        assert any(n.metadata["section"] for n in nodes) and any(not n.metadata["section"] for n in nodes)
        for node in nodes:
            mode = MetadataMode.EMBED if node.metadata["section"] else MetadataMode.NONE
            assert embedding_text(node) == node.get_content(metadata_mode=mode)
