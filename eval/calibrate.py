"""Fit the answer-or-abstain model on the eval's tuning splits: `python -m eval.calibrate [--write]`.

Every tuning question's candidate sentences (the best ten of each year it searches; dev.jsonl asked of the
bundled statements, the other dev splits each with its synthetic statements added) are labelled: a sentence
holding gold or supporting evidence of an answerable question is an answer, everything else is not. A
logistic regression over the features in index/retrieval/calibration.py is fitted to those labels. The
answer cut-off is chosen by the share of right outcomes (a pinpoint-cited answer, or an abstention where the
statements are silent) on questions each answered by a model fitted without them (cross-validation); the
quoting margin and the ranking floor on the same questions with the full model. Test splits are never read.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from itertools import product
from pathlib import Path

import numpy as np

from eval import metrics as m
from eval.runner import SPLITS, TUNING_SPLITS, engine_for, evaluate_item, load_dataset, run_eval
from index.core import ANSWER_FEATURES, FEATURES, Calibration, evidence, log_odds, open_engine
from index.core import CALIBRATION_PATH as DEFAULT_PATH

L2_CHOICES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
THRESHOLDS = [float(round(t, 2)) for t in np.arange(0.20, 0.81, 0.05)]
THRESHOLD_TOLERANCE = 0.0025  # a share of right outcomes this close to the best one is as good (3 in 1,250)
MARGINS = [0.5, 1.0, 1.5, 2.0, 3.0]  # in log-odds
FLOORS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]  # the least ranking probability a best sentence needs
COMPARED_YEAR_FACTORS = [0.25, 0.5, 0.75, 1.0]  # the share of the threshold a year a comparison asks about needs


def question_key(split: str, item: dict) -> str:
    """A question's key over all splits: ids are only unique within a split ("f01" is in two of them)."""
    return f"{split}/{item['id']}"


def collect(engine, items: list[dict], split: str) -> list[dict]:
    """Every item's candidate sentences per searched year, labelled: 1 when it holds the item's evidence."""
    found = []
    for item in items:
        gold = item["evidence"] + item.get("supporting", []) if item["answerable"] else []
        for candidate in evidence(item["question"], engine=engine):
            quote = candidate["citation"].model_dump()
            hit = any(quote["doc_id"] == g["doc_id"] and m.matches(quote["quote"], g) for g in gold)
            scope_years = {int(g["doc_id"][:4]) for g in gold if g["doc_id"][:4].isdigit()}
            scope = candidate["scope"]
            answerable = item["answerable"] and (scope is None or not scope_years or scope in scope_years)
            key = question_key(split, item)
            found.append(candidate | {"item": key, "label": float(hit), "answerable": float(answerable)})
    return found


def ranking_rows(found: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of every candidate: what the sentence-ranking model is fitted on."""
    x = np.asarray([[c["features"][n] for n in FEATURES] for c in found], dtype=float)
    return x, np.asarray([c["label"] for c in found], dtype=float)


def answer_rows(found: list[dict], ranking: Calibration, quoted: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """For each item and searched year, the best fitting sentence under the ranking model, labelled with
    whether answering there would be right: one of the best few fitting sentences (those an answer quotes)
    holds the item's evidence. What the answer-or-abstain model is fitted on: it learns when the best sentence
    is worth answering with, not only whether an answer exists somewhere."""
    ranked: dict[tuple, list[tuple[float, dict]]] = {}
    for c in found:
        if c["fit"]:
            ranked.setdefault((c["item"], c["scope"]), []).append((ranking.probability(c["features"]), c))
    rows, labels = [], []
    for group in ranked.values():
        group.sort(key=lambda pair: pair[0], reverse=True)
        p, best = group[0]
        rows.append([best["features"][n] for n in FEATURES] + [log_odds(p)])
        labels.append(float(best["answerable"] and any(c["label"] for _, c in group[:quoted])))
    return np.asarray(rows, dtype=float), np.asarray(labels, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method; the bias is not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.diag([l2] * x.shape[1] + [0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_both(found: list[dict], l2: float) -> Calibration:
    """The ranking model fitted on every candidate, then the answering model on each question's best one."""
    x, y = ranking_rows(found)
    weights, bias = fit_logistic(x, y, l2)
    ranking = Calibration({n: float(w) for n, w in zip(FEATURES, weights)}, float(bias))
    ax, ay = answer_rows(found, ranking)
    answer_weights, answer_bias = fit_logistic(ax, ay, l2)
    return replace(
        ranking, answer_weights=dict(zip(ANSWER_FEATURES, map(float, answer_weights))), answer_bias=answer_bias
    )


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))) if len(y) else 0.0


def cross_validated_l2(found: list[dict]) -> tuple[float, dict[float, float]]:
    """The regularisation with the lowest held-out log loss (ranking plus answering), over folds of questions."""
    fold_of = _folds(found)
    losses = {}
    for l2 in L2_CHOICES:
        total = 0.0
        for fold in range(FOLDS):
            held = {item for item, f in fold_of.items() if f == fold}
            model = fit_both([c for c in found if c["item"] not in held], l2)
            test = [c for c in found if c["item"] in held]
            x, y = ranking_rows(test)
            total += _log_loss(np.asarray([model.probability(c["features"]) for c in test]), y)
            ax, ay = answer_rows(test, model)
            rows = [dict(zip(ANSWER_FEATURES, row)) for row in ax]
            probabilities = [1 / (1 + np.exp(-r["ranking_logit"])) for r in rows]
            total += _log_loss(np.asarray([model.answerability(r, p) for r, p in zip(rows, probabilities)]), ay)
        losses[l2] = round(total / FOLDS, 4)
    return min(losses, key=losses.get), losses


def _right_outcomes(engines: dict, calibration: Calibration) -> float:
    """The share of right outcomes over the tuning splits with this calibration."""
    right = total = 0
    for split, engine in engines.items():
        engine.calibration = calibration
        engine._answers.clear()
        _, rows = run_eval(engine, SPLITS[split])
        right, total = right + sum(r["correct"] for r in rows), total + len(rows)
    return right / total


def cross_validated_threshold(engines: dict, found: list[dict], l2: float) -> tuple[float, dict[float, float]]:
    """The answer threshold with the most right outcomes on questions the model was not fitted on: each fold's
    questions are answered with weights fitted on the other folds. Chosen in-sample, the threshold sits where
    the fitted model is over-confident on its own questions, and lets through near-misses it has never seen.
    Of the thresholds within THRESHOLD_TOLERANCE of the best share, the highest: an answer where the statements
    are silent is a failure the user can't see, an abstention one they can."""
    fold_of = _folds(found)
    right = dict.fromkeys(THRESHOLDS, 0)
    for fold in range(FOLDS):
        model = fit_both([c for c in found if fold_of[c["item"]] != fold], l2)
        for split, engine in engines.items():
            held = [item for item in load_dataset(SPLITS[split]) if fold_of.get(question_key(split, item)) == fold]
            for threshold in THRESHOLDS:
                engine.calibration = replace(model, threshold=threshold)
                engine._answers.clear()
                right[threshold] += sum(evaluate_item(item, engine)["correct"] for item in held)
    total = len(fold_of)
    shares = {t: round(n / total, 4) for t, n in right.items()}
    best = [t for t, n in right.items() if n >= max(right.values()) - THRESHOLD_TOLERANCE * total]
    return max(best), shares


def _folds(found: list[dict]) -> dict[str, int]:
    """Each question's fold (its place among the sorted question ids, modulo FOLDS)."""
    return {item: i % FOLDS for i, item in enumerate(sorted({c["item"] for c in found}))}


def choose_cutoffs(engines: dict, base: Calibration, thresholds: list[float] = THRESHOLDS) -> tuple[Calibration, float]:
    """The threshold and margin with the most right outcomes over the tuning splits' questions. Within one
    question of the best, the smallest margin wins (an extra quote must earn its place), then the threshold
    nearest the best one's."""
    scores = {
        (threshold, margin): _right_outcomes(engines, replace(base, threshold=threshold, keep_within=margin))
        for threshold, margin in product(thresholds, MARGINS)
    }
    total = sum(len(load_dataset(SPLITS[split])) for split in engines)
    best_score = max(scores.values())
    top_threshold = max((t for (t, _), v in scores.items() if v == best_score))
    near = [key for key, v in scores.items() if v >= best_score - 1 / total - 1e-9]
    threshold, margin = min(near, key=lambda key: (key[1], abs(key[0] - top_threshold), -key[0]))
    return replace(base, threshold=threshold, keep_within=margin), scores[(threshold, margin)]


def choose_floor(engines: dict, base: Calibration) -> tuple[Calibration, float]:
    """The least ranking probability to answer with: the middle of the floors that do best on the tuning splits
    (a best sentence the ranking model all but rules out should not be answered with, however the rest looks)."""
    return _middle_of_best(engines, base, "min_probability", FLOORS)


def choose_compared_year_factor(engines: dict, base: Calibration) -> tuple[Calibration, float]:
    """The share of the threshold a year named in a comparison needs: the middle of those that do best."""
    return _middle_of_best(engines, base, "compared_year_factor", COMPARED_YEAR_FACTORS)


def _middle_of_best(engines: dict, base: Calibration, name: str, values: list[float]) -> tuple[Calibration, float]:
    """The calibration with the middle one of the values of one field that give the most right outcomes."""
    scores = {value: _right_outcomes(engines, replace(base, **{name: value})) for value in values}
    best = [value for value, score in scores.items() if score >= max(scores.values()) - 1e-9]
    value = best[len(best) // 2]
    return replace(base, **{name: value}), scores[value]


def main(argv: list[str] | None = None) -> int:
    """Fit on the tuning splits, print the weights and figures; with --write, save them as the shipped calibration."""
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate", description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {DEFAULT_PATH}")
    args = parser.parse_args(argv)
    engine = open_engine()
    workdir = Path(tempfile.mkdtemp(prefix="cbcf-calibrate-"))
    engines = {split: engine_for(engine, split, workdir / split) for split in TUNING_SPLITS}
    items, found = [], []
    for split, split_engine in engines.items():
        questions = load_dataset(SPLITS[split])
        items += questions
        found += collect(split_engine, questions, split)
    l2, losses = cross_validated_l2(found)
    print(f"held-out log loss by L2 ({FOLDS} folds of questions): {losses}; chosen {l2}")
    model = fit_both(found, l2)
    answers = sum(c["label"] for c in found)
    fitted = Calibration(
        {n: round(w, 4) for n, w in model.weights.items()},
        round(model.bias, 4),
        {n: round(w, 4) for n, w in model.answer_weights.items()},
        round(model.answer_bias, 4),
        fitted_on=f"{' + '.join(TUNING_SPLITS)}: {len(items)} questions, {len(found)} candidate sentences "
        f"({int(answers)} hold evidence); L2 {l2} by {FOLDS}-fold cross-validation; {time.strftime('%Y-%m-%d')}",
    )
    threshold, shares = cross_validated_threshold(engines, found, l2)
    print(f"right outcomes by threshold, each question answered by a model fitted without it: {shares}")
    chosen, _ = choose_cutoffs(engines, fitted, [threshold])
    chosen, score = choose_floor(engines, chosen)
    chosen, score = choose_compared_year_factor(engines, chosen)
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"ranking: {chosen.weights} bias {chosen.bias}\nanswering: {chosen.answer_weights} bias {chosen.answer_bias}")
    print(
        f"threshold {chosen.threshold}, keep_within {chosen.keep_within}, min_probability {chosen.min_probability}, "
        f"compared_year_factor {chosen.compared_year_factor}: "
        f"tuning correct outcome {score:.3f}"
    )
    if args.write:
        chosen.save(DEFAULT_PATH)
        print(f"written: {DEFAULT_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
