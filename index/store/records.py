"""Convert between ingest units, llama-index nodes and the records stored in Chroma."""

from __future__ import annotations

import json

from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

from ingest.models import DOCUMENT_FIELDS, Document, Unit

# The unit's own fields, stored with it; the statement's fields (DOCUMENT_FIELDS) live once in the manifest.
UNIT_FIELDS = ("section", "paragraph", "position", "sentence_no")
# Only the section heading joins the sentence in the embedded and keyword-indexed text.
_HIDDEN_FROM_EMBEDDING = [*DOCUMENT_FIELDS, "paragraph", "position", "sentence_no"]
VERSION_MARK = "@"  # never in a unit id (doc ids are slugs)


def unit_to_node(unit: Unit, doc: Document) -> TextNode:
    """A llama-index node carrying the unit's sentence and all citation metadata."""
    meta = doc.meta.fields() | {
        "section": unit.section or "",
        "paragraph": unit.paragraph,
        "position": unit.position,
        "sentence_no": unit.sentence_no if unit.sentence_no >= 0 else unit.position,
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


def record_id(node_id: str, version: str) -> str:
    """The Chroma id of a unit in one version of its document: `<unit_id>@<version>`."""
    return f"{node_id}{VERSION_MARK}{version}"


def unit_key(record: str) -> tuple[str, str | None]:
    """(doc_id, version) of a stored record id; version None for a record written before versions."""
    unit, _, version = record.partition(VERSION_MARK)
    return unit.rpartition(":")[0], version or None


def to_record(node: TextNode, version: str) -> dict:
    """The Chroma metadata stored for a unit: the keys searches filter on, and the unit's own fields as JSON.

    Each metadata key is a row in Chroma's metadata table and each document goes into its full-text
    index, which the retriever never uses; so a record has four keys and no document, and the
    statement's own fields (title, date, ...) live once in the manifest instead of in every unit.
    version names the document version the unit belongs to: readers see it only while the manifest does.
    """
    unit = {"text": node.text} | {k: node.metadata[k] for k in UNIT_FIELDS}
    meta = node.metadata
    return {"doc_id": meta["doc_id"], "year": meta["year"], "version": version, "unit": json.dumps(unit)}


def from_record(record: str, metadata: dict, documents: dict[str, dict]) -> TextNode:
    """The node stored as a Chroma record, with its statement's fields from the manifest (documents)."""
    node_id = record.partition(VERSION_MARK)[0]
    if "unit" not in metadata:
        raise ValueError(f"unit {node_id} was stored by an older version of cbcf: re-create the index")
    unit = json.loads(metadata["unit"])
    unit.setdefault("sentence_no", unit["position"])  # written before long sentences kept their number
    entry = documents.get(metadata["doc_id"], {})
    meta = {key: entry.get(key) or "" for key in DOCUMENT_FIELDS}
    meta |= {"doc_id": metadata["doc_id"], "year": metadata["year"]}
    return make_node(node_id, unit.pop("text"), meta | unit)


def embedding_text(node: TextNode) -> str:
    """The text that is embedded and keyword-indexed for a node: its section heading, then its sentence.

    What llama-index's get_content(MetadataMode.EMBED) makes of make_node's templates, written out: it is
    computed for every unit whenever the keyword index is rebuilt.
    """
    section = node.metadata.get("section")
    return f"{section}: {node.text}".strip() if section else node.text


def optional(value) -> str | None:
    """Stored empty strings stand for missing values."""
    return value if value not in ("", None) else None
