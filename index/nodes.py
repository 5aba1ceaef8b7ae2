"""Convert between ingest units, llama-index nodes and citation fields."""

from __future__ import annotations

import json

from llama_index.core.schema import MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node

from ingest.models import Document, Unit

# Only the section heading joins the sentence in the embedded and keyword-indexed text.
_HIDDEN_FROM_EMBEDDING = [
    "doc_id",
    "title",
    "date",
    "year",
    "place",
    "publisher",
    "url",
    "paragraph",
    "position",
    "doc_hash",
]


# Node metadata that belongs to the statement, kept once per document in the generation's manifest.
DOC_FIELDS = {
    "title": "title",
    "date": "date",
    "year": "year",
    "place": "place",
    "publisher": "publisher",
    "url": "url",
    "doc_hash": "hash",
}
UNIT_FIELDS = ("section", "paragraph", "position")


def unit_to_node(unit: Unit, doc: Document) -> TextNode:
    """A llama-index node carrying the unit's sentence and all citation metadata."""
    meta = {
        "doc_id": doc.meta.doc_id,
        "title": doc.meta.title,
        "date": doc.meta.date,
        "year": doc.meta.year,
        "place": doc.meta.place or "",
        "publisher": doc.meta.publisher or "",
        "url": doc.meta.url or "",
        "section": unit.section or "",
        "paragraph": unit.paragraph,
        "position": unit.position,
        "doc_hash": doc.content_hash,
    }
    return make_node(unit.unit_id, unit.sentence, meta)


def make_node(node_id: str, text: str, meta: dict) -> TextNode:
    """The node for one unit: its sentence, its metadata, and which metadata joins the embedded text."""
    return TextNode(
        id_=node_id,
        text=text,
        metadata=meta,
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=meta["doc_id"])},
        excluded_embed_metadata_keys=list(_HIDDEN_FROM_EMBEDDING),
        excluded_llm_metadata_keys=list(_HIDDEN_FROM_EMBEDDING),
        metadata_template="{value}",
        text_template="{metadata_str}: {content}",
    )


def to_record(node: TextNode) -> dict:
    """The Chroma metadata stored for a unit: the keys searches filter on, and the unit's own fields as JSON.

    Each metadata key is a row in Chroma's metadata table and each document goes into its full-text
    index, which the retriever never uses; so a record has three keys and no document, and the
    statement's own fields (title, date, ...) live once in the manifest instead of in every unit.
    """
    unit = {"text": node.text} | {k: node.metadata[k] for k in UNIT_FIELDS}
    return {"doc_id": node.metadata["doc_id"], "year": node.metadata["year"], "unit": json.dumps(unit)}


def from_record(node_id: str, metadata: dict, document: str | None, documents: dict[str, dict]) -> TextNode:
    """The node stored as a Chroma record, with its statement's fields from the manifest (documents).

    Records written by earlier versions through llama-index's ChromaVectorStore carry every field.
    """
    if "unit" not in metadata:
        node = metadata_dict_to_node(metadata, text=document)
        node.id_ = node_id
        node.metadata.pop("window", None)
        return node
    unit = json.loads(metadata["unit"])
    entry = documents.get(metadata["doc_id"], {})
    meta = {"doc_id": metadata["doc_id"]} | {key: entry.get(field) or "" for key, field in DOC_FIELDS.items()}
    meta["year"] = metadata["year"]
    return make_node(node_id, unit.pop("text"), meta | unit)


def embedding_text(node: TextNode) -> str:
    """The text that is embedded and keyword-indexed for a node."""
    if not node.metadata.get("section"):
        return node.get_content(metadata_mode=MetadataMode.NONE)
    return node.get_content(metadata_mode=MetadataMode.EMBED)


def optional(value) -> str | None:
    """Stored empty strings stand for missing values."""
    return value if value not in ("", None) else None
