"""Convert between ingest units, llama-index nodes and citation fields."""

from __future__ import annotations

from llama_index.core.schema import MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode

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
    "window",
    "doc_hash",
]


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
        "window": unit.window,
        "doc_hash": doc.content_hash,
    }
    return TextNode(
        id_=unit.unit_id,
        text=unit.sentence,
        metadata=meta,
        # The source relationship makes llama-index store our doc_id (it overwrites that key otherwise).
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=doc.meta.doc_id)},
        excluded_embed_metadata_keys=list(_HIDDEN_FROM_EMBEDDING),
        excluded_llm_metadata_keys=list(_HIDDEN_FROM_EMBEDDING),
        metadata_template="{value}",
        text_template="{metadata_str}: {content}",
    )


def embedding_text(node: TextNode) -> str:
    """The text that is embedded and keyword-indexed for a node."""
    if not node.metadata.get("section"):
        return node.get_content(metadata_mode=MetadataMode.NONE)
    return node.get_content(metadata_mode=MetadataMode.EMBED)


def optional(value) -> str | None:
    """Stored empty strings stand for missing values."""
    return value if value not in ("", None) else None
