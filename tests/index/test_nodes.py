"""Units as Chroma records: the compact format, and indexes written by earlier versions through llama-index."""

from __future__ import annotations

import numpy as np
from llama_index.core.vector_stores.utils import node_to_metadata_dict

from index.answer import answer
from index.build import ingest_paths, manifest_entry
from index.nodes import embedding_text, from_record, to_record, unit_to_node
from index.retriever import load_units
from index.settings import BUNDLED_CORPUS
from index.store import Generation
from ingest.units import read_document

OTTAWA = BUNDLED_CORPUS / "2023-cbcf-joint-statement-ottawa.txt"


def test_a_record_gives_back_the_node_it_was_written_from():
    doc, units = read_document(OTTAWA)
    manifest = {doc.meta.doc_id: manifest_entry(doc, len(units))}
    for unit in units[:10]:
        node = unit_to_node(unit, doc)
        record = to_record(node)
        assert set(record) == {"doc_id", "year", "unit"} and record["year"] == 2023
        assert doc.meta.title not in record["unit"]  # the statement's fields are kept once, in the manifest
        back = from_record(node.node_id, record, None, manifest)
        assert (back.node_id, back.text, back.metadata) == (node.node_id, node.text, node.metadata)
        assert embedding_text(back) == embedding_text(node)


def test_an_index_written_by_llama_index_still_loads_answers_and_takes_new_documents(empty_engine, tmp_path):
    """Earlier versions stored units through ChromaVectorStore: node JSON in the metadata, text as document."""
    store, embedder = empty_engine.store, empty_engine.embedder
    old = store.new_collection()
    manifest = {}
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc, units = read_document(path)
        nodes = [unit_to_node(u, doc) for u in units]
        for node, unit in zip(nodes, units):
            node.metadata["window"] = unit.window  # earlier versions stored the context window too
        old.add(
            ids=[n.node_id for n in nodes],
            embeddings=np.vstack(embedder.embed_documents([embedding_text(n) for n in nodes])),
            metadatas=[node_to_metadata_dict(n, remove_text=True, flat_metadata=True) for n in nodes],
            documents=[n.text for n in nodes],
        )
        manifest[doc.meta.doc_id] = manifest_entry(doc, len(nodes)) | {"path": str(path)}
    store.activate(Generation(old.name, embedder.model_name, manifest))

    loaded, vectors = load_units(old, manifest)
    assert len(loaded) == vectors.shape[0] == sum(e["units"] for e in manifest.values())
    assert all(n.metadata["doc_id"] in manifest and n.text for n in loaded)
    fresh = {
        n.node_id: n
        for d, us in map(read_document, sorted(BUNDLED_CORPUS.glob("*.txt")))
        for n in (unit_to_node(u, d) for u in us)
    }
    assert all(
        n.metadata == fresh[n.node_id].metadata and embedding_text(n) == embedding_text(fresh[n.node_id])
        for n in loaded
    )
    empty_engine.refresh(force=True)
    assert "privately manufactured firearms" in answer("what was agreed on ghost guns?", engine=empty_engine).answer

    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "cbcf-2024-ottawa.txt").write_text(
        "Forum 2024\n\nMinisters agreed to study drone incursions at the border."
    )
    report = ingest_paths([BUNDLED_CORPUS, extra], store, embedder)
    assert report.unchanged and report.added == ["cbcf-2024-ottawa"]
    empty_engine.refresh(force=True)
    assert len(empty_engine.documents()) == 3  # the old-format units were copied into the new generation
    assert "privately manufactured firearms" in answer("what was agreed on ghost guns?", engine=empty_engine).answer
    assert "drone" in answer("what did they say about drones in 2024?", engine=empty_engine).answer
