"""The model runtimes: ONNX Runtime (default: no torch in the serving process) and sentence-transformers."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np

from index.embedding.priority import bulk_thread

log = logging.getLogger("cbcf.embedding")
EXPORT_VERSION = "1"  # bump when the export recipe changes, so cached exports are rebuilt
INPUTS = ("input_ids", "attention_mask", "token_type_ids")

Spans = tuple[tuple[int, int], ...]  # character spans of a question's topic words
Query = tuple[str, Spans]


class Encoder(Protocol):
    """Texts in, L2-normalised float32 vectors out (one row per text)."""

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray: ...

    def encode_queries(self, queries: list[Query]) -> list[tuple[np.ndarray, ...]]: ...


def max_length(model_dir: Path) -> int:
    """The sequence length the model was trained with (sentence-transformers' max_seq_length)."""
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def _normalise(rows: np.ndarray) -> np.ndarray:
    return (rows / np.clip(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def _pool(tokens: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Normalised mean of the token vectors that have weight 1."""
    weights = weights.astype(np.float32)[:, None]
    return _normalise(((tokens * weights).sum(axis=0) / max(float(weights.sum()), 1e-9))[None, :])[0]


def focus_mask(offsets: list[tuple[int, int]], real: int, spans: Spans) -> np.ndarray:
    """Tokens of the topic words (by character offsets), with the [CLS] and [SEP] markers around them.

    Pooling over these gives the topic words' meaning as the question uses them, from the same forward
    pass as the whole question: the tokens a separate encoding of the words alone would have pooled.
    """
    mask = np.zeros(len(offsets), dtype=bool)
    for i, (start, end) in enumerate(offsets[:real]):
        mask[i] = end > start and any(a <= start and end <= b for a, b in spans)
    if mask.any():
        mask[0] = mask[real - 1] = True
    return mask


def query_vectors(tokens: np.ndarray, offsets: list[tuple[int, int]], real: int, spans: Spans) -> tuple:
    """The question's vector, then (if its topic words were found) the topic words' vector."""
    whole = _pool(tokens[:real], np.ones(real))
    focus = focus_mask(offsets, real, spans) if spans else None
    return (whole, _pool(tokens, focus)) if focus is not None and focus.any() else (whole,)


class TorchEncoder:
    """The model in sentence-transformers on torch: the reference runtime."""

    def __init__(self, model_dir: Path):
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(model_dir), device="cpu")

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Mean-pooled, normalised sentence vectors."""
        rows = self.model.encode(texts, batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
        return _normalise(np.asarray(rows))

    def encode_queries(self, queries: list[Query]) -> list[tuple[np.ndarray, ...]]:
        """Whole-question vectors and topic-word vectors from one pass over token vectors."""
        texts = [text for text, _ in queries]
        tokens = self.model.encode(
            texts,
            batch_size=len(texts),
            output_value="token_embeddings",
            convert_to_numpy=False,
            show_progress_bar=False,
        )
        limit = self.model.max_seq_length
        offsets = self.model.tokenizer(texts, truncation=True, max_length=limit, return_offsets_mapping=True)
        out = []
        for rows, spans, marks in zip(tokens, (s for _, s in queries), offsets["offset_mapping"]):
            rows = rows.float().cpu().numpy()
            out.append(query_vectors(rows, marks, len(rows), spans if len(marks) == len(rows) else ()))
        return out


class OnnxEncoder:
    """The same network exported to ONNX, run by onnxruntime with a fast tokenizer and numpy pooling.

    Questions go through a session whose one call uses every core (lowest latency for a single text).
    Many texts at once (an ingest) go through a second, one-thread session that `workers` threads call
    side by side, each on its own batch: on 2 cores that embedded 9–17% more texts per second than
    splitting each batch's work across the cores, which leaves them waiting on each other.
    """

    def __init__(self, model_dir: Path, onnx_file: Path, workers: int | None = None):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # tokenizer.json ships with truncation and fixed padding at 128; the model was trained at max_seq_length.
        self.tokenizer.enable_truncation(max_length=max_length(model_dir))
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
        self.onnx_file = onnx_file
        self.session = self._session(threads=0)  # 0: onnxruntime's default, one thread per core
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.workers = max(1, workers if workers is not None else os.cpu_count() or 1)
        self._bulk = None  # the one-thread session and its threads, made on the first large encode
        self._bulk_lock = threading.Lock()

    def _session(self, threads: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.enable_cpu_mem_arena = False  # the arena keeps the largest batch's buffers for good
        options.intra_op_num_threads = threads
        return ort.InferenceSession(str(self.onnx_file), options, providers=["CPUExecutionProvider"])

    def _run(self, texts: list[str], session=None) -> tuple[list, np.ndarray, np.ndarray]:
        """Tokenise and run the network: encodings, token vectors (batch × tokens × dim), attention mask."""
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = (session or self.session).run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        return encoded, hidden, mask

    def _pooled(self, texts: list[str], session=None) -> np.ndarray:
        """Mean-pooled (over real tokens), normalised vectors of one batch."""
        _, hidden, mask = self._run(texts, session)
        weights = mask[..., None].astype(np.float32)
        return _normalise((hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None))

    def _bulk_runner(self):
        """The one-thread session and the pool of threads that share it (made once)."""
        with self._bulk_lock:
            if self._bulk is None:
                pool = ThreadPoolExecutor(self.workers, thread_name_prefix="cbcf-embed", initializer=bulk_thread)
                self._bulk = (self._session(threads=1), pool)
            return self._bulk

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Mean-pooled (over real tokens), normalised sentence vectors, in the order of texts.

        Texts are batched by length, as sentence-transformers does, so a batch pads few tokens.
        """
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
        if len(batches) > 1 and self.workers > 1:
            session, pool = self._bulk_runner()
            pooled = pool.map(lambda picked: self._pooled([texts[i] for i in picked], session), batches)
        else:
            pooled = (self._pooled([texts[i] for i in picked]) for picked in batches)
        rows = np.zeros((len(texts), 0), dtype=np.float32)
        for picked, vectors in zip(batches, pooled):
            if not rows.shape[1]:
                rows = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            rows[picked] = vectors
        return rows

    def encode_queries(self, queries: list[Query]) -> list[tuple[np.ndarray, ...]]:
        """Whole-question vectors and topic-word vectors from one forward pass."""
        encoded, hidden, mask = self._run([text for text, _ in queries])
        return [
            query_vectors(hidden[row], encoded[row].offsets, int(mask[row].sum()), spans)
            for row, (_, spans) in enumerate(queries)
        ]


def export_key(model_dir: Path) -> str:
    """Identifies one model folder's weights and the export recipe (size and mtime, not a 90 MB hash)."""
    parts = [EXPORT_VERSION, str(model_dir.resolve())]
    for name in sorted(p.name for p in model_dir.iterdir() if p.is_file()):
        stat = (model_dir / name).stat()
        parts.append(f"{name}:{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export the transformer to target/model.onnx (+ model.onnx.data) once; needs torch and onnx."""
    onnx_file = target / "model.onnx"
    if onnx_file.exists():
        return onnx_file
    import onnx
    import torch
    from transformers import AutoModel

    log.info("exporting %s to ONNX in %s (once per model)", model_dir.name, target)
    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        raw = staging / "raw.onnx"
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shape checks that are constant for BERT
            torch.onnx.export(
                LastHidden(model),
                (sample, sample, torch.zeros_like(sample)),
                str(raw),
                dynamo=False,
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={name: axes for name in (*INPUTS, "last_hidden_state")},
                opset_version=17,
            )
        # Weights in a side file: the session then maps them instead of copying them (about 60 MB less RSS).
        graph = onnx.load(str(raw))
        onnx.save_model(
            graph,
            str(staging / "model.onnx"),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location="model.onnx.data",
        )
        raw.unlink()
        try:
            os.rename(staging, target)  # atomic: a reader sees no export or a whole one
        except OSError:
            if not onnx_file.exists():  # not a concurrent export that won the race
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return onnx_file


def load_encoder(model_dir: Path, runtime: str, cache_dir: Path) -> tuple[Encoder, str]:
    """The encoder for a runtime, and the runtime actually used (ONNX falls back to torch if it can't export)."""
    if runtime == "onnx":
        try:
            onnx_file = export_onnx(model_dir, cache_dir / f"{model_dir.name}-{export_key(model_dir)}")
            return OnnxEncoder(model_dir, onnx_file), "onnx"
        except (ImportError, OSError, RuntimeError) as exc:  # missing onnx, unwritable cache, failed export
            log.warning("ONNX runtime unavailable (%s); using sentence-transformers on torch", exc)
    return TorchEncoder(model_dir), "torch"
