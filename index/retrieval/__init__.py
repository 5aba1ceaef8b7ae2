"""Finding evidence: the in-memory snapshot of the manifest's units (read whole, or by changed document),
hybrid BM25 + vector retrieval fused by RRF, and each candidate sentence's relevance to a question (the kind of
answer it holds, the officials it names by office).

May import index.text, index.question, index.store and index.embedding's types.
"""
