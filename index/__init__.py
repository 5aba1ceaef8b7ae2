"""The answer engine: from indexed statements to cited answers. Surfaces use index.core.

Layers, each importing only those above it in this list (and ingest/ for its data types):
  text/        words: tokens, stems, the stop words
  embedding/   the sentence model: ONNX or torch runtime, micro-batched question vectors
  store/       Chroma: versioned unit records, the manifest that names the live ones, writes and sweeps
  question/    understanding a question: validation, years, comparison, answer type, spelling
  retrieval/   the loaded snapshot of an index, hybrid BM25 + vector search, evidence scores
  answering/   the Answerer seam, extractive selection and composition, the Engine, the pipeline
  generation/  opt-in LLM answering: clients, prompts, the verifier of every generated sentence
  core.py      open_engine() (the one place the answerer is chosen) and the calls surfaces make
"""
