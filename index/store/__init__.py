"""Chroma: unit records tagged with their document's version, the manifest naming the live versions, the
write lease, writing and deleting documents' units, and sweeping what killed writes leave.

Owns what is stored and how. May import index.embedding and index.settings, and ingest's data types.
"""
