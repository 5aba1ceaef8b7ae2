"""The eval's verdict and its reports: thresholds checked, one markdown table per split, the misses listed."""

from __future__ import annotations

KEY_METRICS = (
    "correct_outcome",
    "pinpoint_rate",
    "fact_recall",
    "false_abstention_rate",
    "abstention_recall",
    "both_years_coverage",
)


def check(summary: dict, thresholds: dict) -> list[str]:
    """Failures: metrics under their minimum or over their maximum."""
    failures = []
    for name, floor in thresholds.get("min", {}).items():
        if summary[name] < floor:
            failures.append(f"{name} = {summary[name]:.3f} < {floor}")
    for name, ceiling in thresholds.get("max", {}).items():
        if summary[name] > ceiling:
            failures.append(f"{name} = {summary[name]:.3f} > {ceiling}")
    return failures


def to_markdown(summary: dict, thresholds: dict, rows: list[dict]) -> str:
    """The report as a markdown table plus the items that missed."""
    lines = ["| metric | value | threshold |", "|---|---|---|"]
    for name, value in summary.items():
        bound = thresholds.get("min", {}).get(name)
        limit = f"≥ {bound}" if bound is not None else ""
        if (ceiling := thresholds.get("max", {}).get(name)) is not None:
            limit = f"≤ {ceiling}"
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"| {name} | {shown} | {limit} |")
    misses = [r for r in rows if not r["correct"]]
    if misses:
        lines += ["", "Items that missed:", ""]
        lines += [
            f"- {r['id']} ({r['category']}): {r['question']!r} abstained={r['abstained']} cited={r['cited']}"
            for r in misses
        ]
    return "\n".join(lines)


def combined_markdown(results: dict[str, dict], thresholds: dict) -> str:
    """One table of the key metrics with a column per split, then each split's full table."""
    names = list(results)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for metric in ("items", *KEY_METRICS):
        cells = []
        for name in names:
            value = results[name]["summary"][metric]
            cells.append(f"{value:.3f}" if isinstance(value, float) else str(value))
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    for name in names:
        summary, rows = results[name]["summary"], results[name]["items"]
        lines += ["", f"## {name}", "", to_markdown(summary, thresholds.get(name, {}), rows)]
    return "\n".join(lines)
