"""What the store holds against what the manifest names, for the store tests."""

from __future__ import annotations


def stored_ids(engine) -> set[str]:
    """Every unit record in the served collection."""
    return set(engine.store.collection(engine.store.active().collection).get(include=[])["ids"])


def served_ids(engine) -> set[str]:
    """The records of the units the manifest names (unit id @ version), from the engine's memory."""
    engine.refresh(force=True)
    versions = engine.manifest.versions()
    return {f"{n.node_id}@{versions[n.metadata['doc_id']]}" for n in engine.require_snapshot().retriever.nodes}
