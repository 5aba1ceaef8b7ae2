"""python -m bench (or `cbcf bench`): one reproducible run of every measurement, printed and written."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv=None) -> argparse.Namespace:
    """Sizes of the run; the defaults are the full run (under 10 minutes on 2 cores)."""
    p = argparse.ArgumentParser(prog="bench", description=__doc__)
    p.add_argument("--factors", help="corpus sizes as multiples of the bundled statements (default 1,100,1000)")
    p.add_argument("--questions", type=int, default=71, help="how many eval questions to time")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=30.0, help="length of the concurrent load")
    p.add_argument("--uploads", type=int, default=100, help="small statements uploaded to the service, then")
    p.add_argument("--deletes", type=int, default=90, help="of them deleted again (RSS and data dir measured)")
    p.add_argument("--big-upload", type=int, default=4000, help="sentences of the upload /v1/ask is timed during")
    p.add_argument("--quick", action="store_true", help="tiny sizes for a smoke run (factors 1,3; 5 s load)")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--workdir", type=Path, help="where corpora and indexes go (default: a temporary folder)")
    args = p.parse_args(argv)
    if args.quick:
        args.factors = args.factors or "1,3"
        args.questions, args.seconds = min(args.questions, 12), min(args.seconds, 5.0)
        args.uploads, args.deletes = min(args.uploads, 10), min(args.deletes, 9)
        args.big_upload = min(args.big_upload, 200)
    args.factors = args.factors or "1,100,1000"
    return args


def run(args: argparse.Namespace) -> dict:
    """Every measurement, in one process tree on loopback."""
    from bench import measure, report, writes
    from bench.corpus import source_sentences
    from bench.service import Service, concurrent, sequential, sequential_httpx
    from bench.stats import summary
    from eval.runner import DEFAULT_DATASET
    from index.core import LLMSettings, open_engine
    from index.embedding.embedder import Embedder
    from index.settings import EngineSettings

    items = measure.load_items(DEFAULT_DATASET)
    questions = [i["question"] for i in items][: args.questions]
    embedder = Embedder.from_settings(EngineSettings())
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cbcf-bench-"))
    result = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    result["runtime"] = embedder.runtime
    result["reference_floor"] = measure.reference_floor(embedder, questions)
    factors = [int(f) for f in args.factors.split(",")]
    base = len(source_sentences())
    result["scale"] = [
        measure.ingest_and_answer(
            work, f, base, embedder, questions, raw=f == factors[-1], then=lambda e, f=f: _add_one(e, work, f)
        )
        for f in factors
    ]
    one_x = Path(result["scale"][0]["data_dir"])
    engine = open_engine(EngineSettings(data_dir=one_x, chroma_host=None), LLMSettings(llm="none"), embedder=embedder)
    result["core"] = measure.core_answer(engine, questions)
    raw_rates = result["scale"][-1]["raw_texts_per_s"]
    result["raw_embed_units_per_s"] = round(sum(raw_rates) / len(raw_rates), 1)
    result["ingest_ratio"] = result["scale"][-1]["ingest_texts_per_s"] / result["raw_embed_units_per_s"]
    service = Service(one_x)
    try:
        # The floor is measured just before and just after the HTTP run, so both see the same machine state.
        before = measure.floor_samples(embedder, questions, "before")
        result["http"] = sequential(service.url, [f"{q} (http)" for q in questions])
        result["http"]["with_httpx"] = sequential_httpx(service.url, [f"{q} (httpx)" for q in questions])
        after = measure.floor_samples(embedder, questions, "after")
        result["floor"] = summary(before + after) | {
            "p50_before_ms": summary(before)["p50_ms"],
            "p50_after_ms": summary(after)["p50_ms"],
        }
        result["load"] = concurrent(service.url, questions, args.clients, args.seconds, fresh=True)
        result["load_repeated"] = concurrent(service.url, questions, args.clients, args.seconds / 3, fresh=False)
    finally:
        result["service"] = {"ready_s": round(service.ready_s, 2), "peak_rss_mb": round(service.stop(), 1)}
    result["writes"] = writes.service_writes(one_x, work, questions, args.uploads, args.deletes, args.big_upload)
    result["naive"] = measure.naive_pipeline(embedder, items[: args.questions])
    result["targets"] = report.targets(result)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _add_one(engine, work: Path, factor: int) -> dict:
    """Adding (and removing) one statement at this corpus size."""
    from bench import writes

    return {"add_one": writes.add_one(engine, work / f"adds-{factor}x")}


def main(argv=None) -> int:
    """Run, print the tables, write JSON, markdown and the plot."""
    from bench import report

    args = parse_args(argv)
    result = run(args)
    print(report.markdown(result))
    paths = report.write(result, args.out)
    print("\nwritten: " + ", ".join(paths.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
