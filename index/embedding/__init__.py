"""The sentence embedding model: runtimes (ONNX, torch), micro-batching, the cached Embedder, llama-index adapter.

Owns everything that turns text into vectors. Imports nothing from index/ outside this package.
"""
