"""Answer or abstain: a logistic model over a sentence's evidence signals, fitted on the eval's dev part.

The weights live in a JSON file (index/retrieval/calibration.json, written by `python -m eval.calibrate`),
not in code; the features are defined here, once, for the scorer and the fitter alike.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("calibration.json")
# Each feature is in [0, 1]; see evidence.features() for how each is measured.
FEATURES = (
    "cosine",  # meaning: best cosine between the question (or its topic words) and the sentence
    "lexical",  # IDF-weighted share of the question's topic terms (or their synonyms) the sentence holds
    "heading_only",  # the part of that share found only in the section heading, not in the sentence itself
    "keywords",  # the same share over all the question's words but stop words (framing words included)
    "heuristic",  # the hand-set relevance the engine used before calibration (cosine and terms combined)
    "exact_all",  # the question names exact terms (numbers, acronyms, names) and the sentence holds them all
    "exact_missing",  # the question names exact terms and the sentence lacks one
    "unknown",  # IDF-weighted share of the question's topic terms that no indexed statement uses
    "rarest_missing",  # the question's most specific topic term (highest IDF) is not in the sentence
    "keyword_rank",  # 1/(1 + rank) in the BM25 results, 0 when BM25 did not find the sentence
    "vector_rank",  # 1/(1 + rank) in the vector results, 0 when vector search did not find it
    "asks_type",  # the question asks for a place, person, date, count, amount or overview
    "type_fit",  # … and the sentence holds that kind of answer
    "single_term",  # the question has at most one topic term ("What about Ukraine?")
    "kind_missing",  # the sentence has the head of a two-word term of the question but not the word naming its kind
    "cosine_gap",  # how far the sentence's cosine is below the best one among the question's candidates
    "lexical_gap",  # how far its share of the topic terms is below the best one among them
    "wordy",  # how long the question is, from 0 (8 words or fewer) to 1 (28 words or more)
    "wordy_unknown",  # wordy times unknown: words no statement uses in a long question are likelier chatter
)
ANSWER_FEATURES = (*FEATURES, "ranking_logit")  # the best sentence's features and its ranking log-odds


@dataclass(frozen=True)
class Calibration:
    """Two logistic models and their cut-offs.

    weights/bias rank the sentences: the probability that a sentence answers the question.
    answer_weights/answer_bias decide, from the best sentence's features and probability, whether the
    statements answer the question at all; the engine answers when that reaches threshold.
    """

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    answer_weights: dict[str, float] = field(default_factory=dict)
    answer_bias: float = 0.0
    threshold: float = 0.5  # answer when the best sentence's answerability reaches this
    keep_within: float = 1.0  # also quote sentences whose log-odds are this close to the best one's
    min_probability: float = 0.0  # never answer with a best sentence the ranking model gives less than this
    # a year a comparison asks about is quoted when its best sentence reaches this share of the threshold and of
    # min_probability: the question is known to be about what the statements discuss, and each year asked for
    # is owed an answer
    compared_year_factor: float = 1.0
    fitted_on: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """The calibration in a JSON file (default: the one fitted for this release)."""
        data = json.loads((path or DEFAULT_PATH).read_text(encoding="utf-8"))
        unknown = (set(data.get("weights", {})) | set(data.get("answer_weights", {}))) - set(ANSWER_FEATURES)
        if unknown:
            raise ValueError(f"calibration file names unknown features: {sorted(unknown)}")
        return cls(**data)

    def save(self, path: Path) -> None:
        """Write the calibration as JSON."""
        names = (
            "weights",
            "bias",
            "answer_weights",
            "answer_bias",
            "threshold",
            "keep_within",
            "min_probability",
            "compared_year_factor",
            "fitted_on",
        )
        record = {k: getattr(self, k) for k in names}
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    @cached_property
    def _ranking(self) -> tuple[tuple[str, float], ...]:
        return tuple((name, w) for name in FEATURES if (w := self.weights.get(name, 0.0)))

    def probability(self, features: dict[str, float]) -> float:
        """The probability that a sentence answers the question (what sentences are ranked by)."""
        return _sigmoid(self.bias + sum([w * features[name] for name, w in self._ranking]))

    def answerability(self, features: dict[str, float], probability: float) -> float:
        """The probability that the statements answer the question, from its best sentence."""
        if probability < self.min_probability:
            return 0.0
        row = features | {"ranking_logit": log_odds(probability)}
        return _sigmoid(self.answer_bias + sum(self.answer_weights.get(n, 0.0) * row[n] for n in ANSWER_FEATURES))


def log_odds(p: float) -> float:
    """The logit of a probability (what the quoting margin is measured in)."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
