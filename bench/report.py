"""Targets, the markdown table, the JSON record and the latency-vs-size plot of one bench run."""

from __future__ import annotations

import json
import re
from pathlib import Path

# The files one run writes: <YYYY-MM-DDTHH-MM-SS>.json, .md and .png.
RESULT_NAME = re.compile(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.(json|md|png)")


def targets(r: dict) -> list[dict]:
    """Each target as a ratio of measured figures, with whether it is met."""
    floor = r["floor"]["p50_ms"]
    scale = r["scale"]
    rows = [
        ("HTTP p50 ≤ 1.5× embedding floor", r["http"]["p50_ms"] / floor, 1.5, "≤"),
        (
            "HTTP p50 ≤ 1.5× reference floor (torch)",
            r["http"]["p50_ms"] / r.get("reference_floor", r["floor"])["p50_ms"],
            1.5,
            "≤",
        ),
        ("repeated question ≤ 0.3× floor", r["core"]["repeated"]["p50_ms"] / floor, 0.3, "≤"),
        (f"≥ 60 req/s at {r['load']['clients']} clients (fresh questions)", r["load"]["rps"], 60, "≥"),
        ("0 errors under load", r["load"]["errors"] + r["load_repeated"]["errors"], 0, "≤"),
        ("ingest ≥ 0.8× raw embedding rate", r["ingest_ratio"], 0.8, "≥"),
        (
            f"p50 at {scale[-1]['factor']}× ≤ 2× p50 at 1×",
            scale[-1]["answer"]["p50_ms"] / scale[0]["answer"]["p50_ms"],
            2,
            "≤",
        ),
        ("service peak RSS ≤ 700 MB", r["service"]["peak_rss_mb"], 700, "≤"),
        ("ready ≤ 10 s", r["service"]["ready_s"], 10, "≤"),
        *_write_targets(r),
    ]
    return [
        {
            "target": name,
            "value": round(value, 3),
            "limit": limit,
            "met": value <= limit if op == "≤" else value >= limit,
        }
        for name, value, limit, op in rows
    ]


def _write_targets(r: dict) -> list[tuple]:
    """Targets of the write measurements, when the run has them."""
    rows, scale = [], r["scale"]
    if all("add_one" in row for row in scale) and len(scale) > 1:
        ratio = scale[-1]["add_one"]["write_s"] / scale[0]["add_one"]["write_s"]
        rows.append((f"adding one statement at {scale[-1]['factor']}× ≤ 2× at 1×", ratio, 2, "≤"))
    if w := r.get("writes"):
        during, idle = w["during_upload"]["p95_ms"], w["idle"]["p95_ms"]
        rows.append(("/v1/ask p95 during a large upload ≤ 3× idle p95", during / idle, 3, "≤"))
        churn = w["churn"]
        uploaded = churn[f"after_{churn['uploads']}_uploads"]["rss_mb"]
        rows.append(
            (f"RSS after {churn['uploads']} uploads ≤ 1.1× at start", uploaded / churn["start"]["rss_mb"], 1.1, "≤")
        )
    return rows


def _write_lines(r: dict) -> list[str]:
    """The write measurements as markdown, when the run has them."""
    lines = []
    if all("add_one" in row for row in r["scale"]):
        lines += ["", "| corpus | add one statement: write s | engine follows s | remove it s |", "|---|---|---|---|"]
        for row in r["scale"]:
            a = row["add_one"]
            lines.append(f"| {row['factor']}× | {a['write_s']} | {a['follow_s']} | {a['remove_s']} |")
    if w := r.get("writes"):
        up, churn = w["during_upload"], w["churn"]
        steps = [k for k in churn if k.startswith(("start", "after_"))]
        lines += [
            "",
            "| service writes | p50 ms | p95 ms | other |",
            "|---|---|---|---|",
            f"| /v1/ask, idle | {w['idle']['p50_ms']:.1f} | {w['idle']['p95_ms']:.1f} | {w['idle']['n']} questions |",
            f"| /v1/ask during a {up['units']}-sentence upload | {up['p50_ms']:.1f} | {up['p95_ms']:.1f} | "
            f"{up['n']} questions; the upload took {up['upload_s']} s |",
            f"| {churn['uploads']} uploads then {churn['deletes']} deletes | | | "
            + "; ".join(
                f"{k.replace('_', ' ')}: RSS {churn[k]['rss_mb']} MB, data dir {churn[k]['data_mb']} MB" for k in steps
            )
            + " |",
        ]
    return lines


def markdown(r: dict) -> str:
    """The run as markdown tables."""
    c, h, s = r["core"], r["http"], r["service"]
    lines = [
        f"Bench run {r['timestamp']} · {r['machine']}",
        "",
        "| measure | p50 ms | p95 ms | other |",
        "|---|---|---|---|",
        f"| embedding floor (one fresh question, {r.get('runtime', 'torch')}) | {r['floor']['p50_ms']:.1f} | "
        f"{r['floor']['p95_ms']:.1f} | the service's runtime; measured just before and after the HTTP run"
        f"{_floor_detail(r)} |",
        *_reference_row(r),
        f"| core answer(), fresh | {c['fresh']['p50_ms']:.1f} | {c['fresh']['p95_ms']:.1f} | |",
        f"| core answer(), repeated | {c['repeated']['p50_ms']:.3f} | {c['repeated']['p95_ms']:.3f} | |",
        f"| POST /v1/ask, 1 client | {h['p50_ms']:.1f} | {h['p95_ms']:.1f} | stdlib http.client, keep-alive |",
        *(
            [f"| … the same with httpx as the client | {x['p50_ms']:.1f} | {x['p95_ms']:.1f} | client-side cost |"]
            if (x := h.get("with_httpx"))
            else []
        ),
        *(
            [
                f"| … of which answer() inside the service | {a['p50_ms']:.1f} | {a['p95_ms']:.1f} | "
                "its reported latency_ms |"
            ]
            if (a := h.get("answer_in_service"))
            else []
        ),
        f"| POST /v1/ask, {r['load']['clients']} clients, {r['load']['seconds']} s, fresh questions | | | "
        f"{r['load']['rps']} req/s, {r['load']['errors']} errors |",
        f"| POST /v1/ask, {r['load']['clients']} clients, {r['load_repeated']['seconds']} s, repeated questions | | | "
        f"{r['load_repeated']['rps']} req/s, {r['load_repeated']['errors']} errors |",
        f"| service start to ready | | | {s['ready_s']:.1f} s, peak RSS {s['peak_rss_mb']:.0f} MB |",
        f"| ingest ({r['scale'][-1]['factor']}×) | | | {r['scale'][-1]['ingest_units_per_s']} units/s indexed; "
        f"{r['scale'][-1]['ingest_texts_per_s']} distinct texts/s embedded vs raw embedding "
        f"{r['raw_embed_units_per_s']} texts/s{_raw_detail(r)} ({r['ingest_ratio']:.2f}×) |",
        f"| naive llama-index pipeline (retrieve only) | {r['naive']['retrieve']['p50_ms']:.1f} | "
        f"{r['naive']['retrieve']['p95_ms']:.1f} | {r['naive']['chunks']} chunks; top-1 holds gold "
        f"{r['naive']['top1_contains_gold']}, pinpoint {r['naive']['pinpoint_rate']}, chrome in "
        f"{r['naive']['answers_with_chrome']} top-1 chunks |",
        "",
        "| corpus | units | distinct texts | ingest s | answer p50 ms | p95 ms | vector recall@20 | index MB "
        "| load s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in r["scale"]:
        recall = row.get("vector_recall")
        lines.append(
            f"| {row['factor']}× | {row['units']} | {row['distinct_texts']} | {row['ingest_s']} | "
            f"{row['answer']['p50_ms']:.1f} | {row['answer']['p95_ms']:.1f} | "
            f"{'exact' if recall is None else recall} | {row['index_mb']} | {row['load_s']} |"
        )
    lines += _write_lines(r)
    lines += ["", "| target | value | limit | met |", "|---|---|---|---|"]
    lines += [f"| {t['target']} | {t['value']} | {t['limit']} | {'yes' if t['met'] else 'NO'} |" for t in r["targets"]]
    return "\n".join(lines)


def _floor_detail(r: dict) -> str:
    f = r["floor"]
    return f" (p50 {f['p50_before_ms']:.1f} and {f['p50_after_ms']:.1f})" if "p50_before_ms" in f else ""


def _raw_detail(r: dict) -> str:
    rates = r["scale"][-1].get("raw_texts_per_s")
    return f" (mean of {' before and '.join(map(str, rates))} after the ingest)" if rates and len(rates) == 2 else ""


def _reference_row(r: dict) -> list[str]:
    ref = r.get("reference_floor")
    if not ref:
        return []
    return [
        f"| reference floor (sentence-transformers on torch) | {ref['p50_ms']:.1f} | {ref['p95_ms']:.1f} | "
        "what llama-index's HuggingFaceEmbedding runs |"
    ]


def plot(r: dict, path: Path) -> bool:
    """Answer latency against corpus size, as a PNG (False when matplotlib is missing)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    units = [row["units"] for row in r["scale"]]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(units, [row["answer"]["p50_ms"] for row in r["scale"]], marker="o", label="p50")
    ax.plot(units, [row["answer"]["p95_ms"] for row in r["scale"]], marker="s", label="p95")
    ax.axhline(r["floor"]["p50_ms"], linestyle="--", color="grey", label="embedding floor p50")
    ax.set_xscale("log")
    ax.set_xlabel("indexed sentence units")
    ax.set_ylabel("answer() latency, ms")
    ax.set_title("CBCF answer latency vs corpus size")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def write(r: dict, out: Path) -> dict:
    """Write <timestamp>.json, .md and .png into out, replacing earlier runs' files; return the paths.

    Only the latest run is kept (the README's Performance section keeps the history of the figures).
    """
    out.mkdir(parents=True, exist_ok=True)
    stem = out / r["timestamp"].replace(":", "-")
    for old in out.iterdir():
        if RESULT_NAME.fullmatch(old.name) and old.stem != stem.name:
            old.unlink()
    paths = {"json": stem.with_suffix(".json"), "markdown": stem.with_suffix(".md")}
    paths["json"].write_text(json.dumps(r, indent=2), encoding="utf-8")
    paths["markdown"].write_text(markdown(r) + "\n", encoding="utf-8")
    if plot(r, stem.with_suffix(".png")):
        paths["plot"] = stem.with_suffix(".png")
    return {k: str(v) for k, v in paths.items()}
