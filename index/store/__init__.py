"""Chroma: the unit records, the generations behind the active pointer, and writing documents into them.

Owns what is stored and how. May import index.embedding and index.settings, and ingest's data types.
"""
