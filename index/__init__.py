"""Embedding, the Chroma store, hybrid retrieval and the grounded answer() core."""
