"""The benchmark's own logic, and a smoke run with tiny sizes (timings are printed, never asserted)."""

import hashlib
import json
import math
from pathlib import Path

import pytest

from bench import report
from bench.__main__ import main
from bench.corpus import generate
from bench.stats import summary
from eval.metrics import percentile


def digest(paths):
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_corpus_generation_is_deterministic_and_sized(tmp_path):
    a = generate(500, tmp_path / "a", seed=3)
    b = generate(500, tmp_path / "b", seed=3)
    c = generate(500, tmp_path / "c", seed=4)
    assert digest(a) == digest(b) != digest(c)
    from ingest.units import read_document

    assert sum(len(read_document(p)[1]) for p in a) == pytest.approx(500, rel=0.05)


def test_percentiles_interpolate_between_ranks():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10], 95) == 10
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert math.isnan(percentile([], 50))
    assert summary([3.0, 1.0, 2.0]) == {"n": 3, "p50_ms": 2.0, "p95_ms": 2.9}


def sample_result():
    lat = {"n": 3, "p50_ms": 10.0, "p95_ms": 12.0}
    return {
        "timestamp": "2026-01-01T00:00:00",
        "machine": "test",
        "runtime": "onnx",
        "floor": {"n": 3, "p50_ms": 10.0, "p95_ms": 11.0},
        "reference_floor": {"n": 3, "p50_ms": 20.0, "p95_ms": 22.0},
        "core": {"fresh": lat, "repeated": {"n": 3, "p50_ms": 0.1, "p95_ms": 0.2}},
        "http": {"n": 3, "p50_ms": 14.0, "p95_ms": 20.0},
        "load": {"clients": 8, "seconds": 30, "requests": 2400, "errors": 0, "rps": 80.0},
        "load_repeated": {"clients": 8, "seconds": 10, "requests": 9000, "errors": 0, "rps": 900.0},
        "service": {"ready_s": 8.0, "peak_rss_mb": 650.0},
        "raw_embed_units_per_s": 100.0,
        "ingest_ratio": 0.9,
        "scale": [
            {
                "factor": 1,
                "units": 74,
                "distinct_texts": 74,
                "ingest_s": 1.0,
                "ingest_units_per_s": 74.0,
                "ingest_texts_per_s": 74.0,
                "load_s": 0.1,
                "answer": lat,
                "vector_recall": None,
                "index_mb": 1.0,
            },
            {
                "factor": 1000,
                "units": 74000,
                "distinct_texts": 9000,
                "ingest_s": 100.0,
                "ingest_units_per_s": 740.0,
                "ingest_texts_per_s": 90.0,
                "load_s": 9.0,
                "answer": {"n": 3, "p50_ms": 25.0, "p95_ms": 30.0},
                "vector_recall": 0.93,
                "index_mb": 500.0,
            },
        ],
        "naive": {
            "chunks": 4,
            "build_s": 1.0,
            "retrieve": lat,
            "top1_contains_gold": 0.5,
            "pinpoint_rate": 0.0,
            "answers_with_chrome": 3,
        },
    }


def test_targets_are_ratios_against_the_floor():
    targets = {t["target"]: t for t in report.targets(sample_result())}
    assert targets["HTTP p50 ≤ 1.5× embedding floor"]["value"] == 1.4
    assert targets["HTTP p50 ≤ 1.5× embedding floor"]["met"]
    assert targets["HTTP p50 ≤ 1.5× reference floor (torch)"]["value"] == 0.7
    assert targets["repeated question ≤ 0.3× floor"]["value"] == 0.01
    assert not targets["p50 at 1000× ≤ 2× p50 at 1×"]["met"]  # 25 / 10 = 2.5
    assert len(targets) == 9


def test_report_files(tmp_path):
    result = sample_result()
    result["targets"] = report.targets(result)
    paths = report.write(result, tmp_path)
    assert json.loads(Path(paths["json"]).read_text())["floor"]["p50_ms"] == 10.0
    text = Path(paths["markdown"]).read_text()
    assert "| 1× | 74 | 74 | 1.0 | 10.0 | 12.0 | exact |" in text
    assert "| 1000× | 74000 | 9000 | 100.0 | 25.0 | 30.0 | 0.93 |" in text
    assert "| ready ≤ 10 s | 8.0 | 10 | yes |" in text
    assert Path(paths["plot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_smoke_run_with_tiny_sizes(tmp_path, capsys):
    sizes = ["--questions", "4", "--seconds", "1", "--uploads", "4", "--deletes", "3", "--big-upload", "50"]
    assert main(["--quick", "--factors", "1,2", *sizes, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    print(out)
    written = json.loads(next(tmp_path.glob("*.json")).read_text())
    sections = {"floor", "reference_floor", "core", "http", "load", "load_repeated", "service", "scale", "naive"}
    assert sections | {"targets"} <= set(written) and written["runtime"] == "onnx"
    assert [row["factor"] for row in written["scale"]] == [1, 2]
    assert written["scale"][1]["units"] > written["scale"][0]["units"]
    assert written["load"]["errors"] == 0 and written["http"]["n"] == 4
    assert written["floor"]["n"] == 8  # the questions embedded just before and just after the HTTP run
    assert {"p50_before_ms", "p50_after_ms"} <= set(written["floor"])
    assert len(written["scale"][-1]["raw_texts_per_s"]) == 2 and "raw_texts_per_s" not in written["scale"][0]
    assert written["raw_embed_units_per_s"] == round(sum(written["scale"][-1]["raw_texts_per_s"]) / 2, 1)
    inside = written["http"]["answer_in_service"]
    assert inside["n"] == 4 and 0 < inside["p50_ms"] < written["http"]["p50_ms"]
    assert "| … of which answer() inside the service |" in out
    assert written["http"]["with_httpx"]["n"] == 4 and "| … the same with httpx as the client |" in out
    assert "| target | value | limit | met |" in out
    assert all(set(row["add_one"]) == {"write_s", "follow_s", "remove_s"} for row in written["scale"])
    churn = written["writes"]["churn"]
    assert (churn["uploads"], churn["deletes"]) == (4, 3) and written["writes"]["during_upload"]["units"] == 50
    assert {"start", "after_4_uploads", "after_3_deletes"} <= set(churn)
    assert "| /v1/ask during a 50-sentence upload |" in out and "| 4 uploads then 3 deletes |" in out


def test_vector_recall_is_none_for_exact_search_and_measured_through_hnsw(engine, monkeypatch):
    from bench.measure import vector_recall

    questions = ["ghost guns", "fentanyl precursor chemicals", "human trafficking victims", "Ottawa forum"]
    assert vector_recall(engine, questions) is None
    monkeypatch.setattr(engine.require_snapshot().retriever, "exact_max_units", 0)
    assert vector_recall(engine, questions) == 1.0  # HNSW over 74 units finds the true nearest 20


def test_writing_a_run_replaces_the_earlier_runs_files(tmp_path):
    keep = tmp_path / "notes.txt"
    keep.write_text("not a result")
    for stamp in ("2026-01-01T00:00:00", "2026-01-02T00:00:00"):
        (tmp_path / f"{stamp.replace(':', '-')}.json").write_text("{}")
    record = json.loads((Path(report.__file__).parent / "results").glob("*.json").__next__().read_text())
    record["timestamp"] = "2026-02-03T04:05:06"
    paths = report.write(record, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([Path(v).name for v in paths.values()] + ["notes.txt"])
    assert all(name.startswith("2026-02-03T04-05-06") for name in names if name != "notes.txt")
