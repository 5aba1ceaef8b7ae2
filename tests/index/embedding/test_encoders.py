"""The model runtimes: the ONNX export gives the same vectors as sentence-transformers on torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedding.embedder import resolve_model_path
from index.embedding.encoders import OnnxEncoder, TorchEncoder, export_onnx, focus_mask, load_encoder
from index.settings import EngineSettings
from index.text.words import word_spans

MODEL_DIR = Path(resolve_model_path(EngineSettings().embed_model))
TEXTS = [
    "fentanyl",
    "What did Canada and the US agree about firearms smuggling?",
    "did they talk about ransomware or cyber crime at all in 2022",
    "",
    "Tabs\tand\nnewlines  and   spaces",
    # longer than the model's 256-token window: both runtimes must truncate it the same way
    " ".join(["The Ministers reaffirmed their commitment to joint investigations of organized crime."] * 30),
    " ".join(f"sentence {i} about border security cooperation" for i in range(40)),
]

LONG = "Hi, I was wondering what the ministers decided about synthetic opioids and the chemicals used to make them?"
TOPIC = {"synthetic", "opioids", "chemicals"}


@pytest.fixture(scope="module")
def torch_encoder() -> TorchEncoder:
    return TorchEncoder(MODEL_DIR)


def test_onnx_vectors_match_sentence_transformers(embedder, torch_encoder):
    assert embedder.runtime == "onnx"
    for batch_size in (1, 3, 16):  # padding inside a batch must not change any vector
        ours = embedder.encoder.encode(TEXTS, batch_size)
        reference = torch_encoder.encode(TEXTS, batch_size)
        assert ours.shape == reference.shape == (len(TEXTS), 384) and ours.dtype == np.float32
        cosines = (ours * reference).sum(axis=1)
        assert cosines.min() > 0.9999, cosines
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_many_texts_run_side_by_side_on_a_one_thread_session_with_the_same_vectors(embedder):
    texts = TEXTS + [f"Ministers met in {year} to discuss smuggling route {year % 7}." for year in range(1997, 2030)]
    alone = OnnxEncoder(MODEL_DIR, embedder.encoder.onnx_file, workers=1)
    together = OnnxEncoder(MODEL_DIR, embedder.encoder.onnx_file, workers=2)
    expected = alone.encode(texts, 4)
    assert alone._bulk is None  # one worker: everything on the question session
    got = together.encode(texts, 4)
    session, pool = together._bulk
    assert session.get_session_options().intra_op_num_threads == 1 and pool._max_workers == 2
    assert got.shape == expected.shape and np.allclose(got, expected, atol=1e-5)  # same order, same vectors
    assert np.allclose(together.encode(texts[:3], 4), expected[:3], atol=1e-5)  # one batch: question session


def test_export_from_scratch_is_reused_and_loads(tmp_path):
    target = tmp_path / "export"
    onnx_file = export_onnx(MODEL_DIR, target)
    assert onnx_file.exists() and (target / "model.onnx.data").stat().st_size > 80_000_000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]  # no staging left behind
    stamp = onnx_file.stat().st_mtime_ns
    assert export_onnx(MODEL_DIR, target) == onnx_file and onnx_file.stat().st_mtime_ns == stamp
    vectors = OnnxEncoder(MODEL_DIR, onnx_file).encode(TEXTS[:2], 2)
    assert vectors.shape == (2, 384)


def test_torch_runtime_is_selectable(tmp_path):
    encoder, runtime = load_encoder(MODEL_DIR, "torch", tmp_path)
    assert runtime == "torch" and isinstance(encoder, TorchEncoder) and not list(tmp_path.iterdir())


def test_serving_process_does_not_import_torch(embedder):
    # The session fixture has exported the model already; a fresh process only loads it.
    code = (
        "import sys; from index.embedding.embedder import Embedder; from index.settings import EngineSettings;"
        "e = Embedder.from_settings(EngineSettings()); e.embed_query('hello');"
        "print(e.runtime, 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["onnx", "False"]


def test_an_unusable_cache_falls_back_to_torch(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    encoder, runtime = load_encoder(MODEL_DIR, "onnx", blocker / "models")
    assert runtime == "torch" and encoder.encode(["hello"], 1).shape == (1, 384)


def test_question_and_topic_vectors_agree_across_runtimes_and_with_plain_encoding(embedder, torch_encoder):
    queries = [(LONG, word_spans(LONG, TOPIC)), ("fentanyl", ()), (LONG, word_spans(LONG, {"nowhere"}))]
    ours = embedder.encoder.encode_queries(queries)
    reference = torch_encoder.encode_queries(queries)
    assert [len(v) for v in ours] == [len(v) for v in reference] == [2, 1, 1]  # no topic vector without a match
    for mine, theirs in zip(ours, reference):
        assert all(float(a @ b) > 0.9999 for a, b in zip(mine, theirs))
    plain = embedder.encoder.encode([LONG, "fentanyl"], 2)
    assert float(ours[0][0] @ plain[0]) > 0.9999 and float(ours[1][0] @ plain[1]) > 0.9999
    alone = embedder.encoder.encode(["synthetic opioids chemicals"], 1)[0]
    assert float(ours[0][1] @ alone) > float(ours[0][0] @ alone) + 0.1  # the topic, without the chatter


def test_topic_vectors_do_not_depend_on_batch_padding(embedder):
    queries = [(LONG, word_spans(LONG, TOPIC)), ("short one", word_spans("short one", {"short"}))]
    together = embedder.encoder.encode_queries(queries)
    for query, vectors in zip(queries, together):
        (alone,) = embedder.encoder.encode_queries([query])
        assert all(float(a @ b) > 0.99999 for a, b in zip(vectors, alone))


def test_focus_mask_takes_the_topic_tokens_and_the_sentence_markers():
    # [CLS] guns ##mith smuggling ? [SEP] [PAD]: offsets as the tokenizer reports them
    offsets = [(0, 0), (0, 4), (4, 9), (10, 19), (19, 20), (0, 0), (0, 0)]
    assert focus_mask(offsets, 6, ((0, 9),)).tolist() == [True, True, True, False, False, True, False]
    assert focus_mask(offsets, 6, ((10, 19),)).tolist() == [True, False, False, True, False, True, False]
    assert not focus_mask(offsets, 6, ((30, 40),)).any()
