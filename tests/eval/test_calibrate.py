"""The calibration fitter: each tuning question is one question to it, whichever split it comes from."""

from __future__ import annotations

import numpy as np

from eval.calibrate import answer_rows, question_key
from eval.runner import SPLITS, TUNING_SPLITS, load_dataset
from index.core import FEATURES, Calibration


def test_every_tuning_question_has_its_own_key_though_ids_repeat_across_splits():
    keys = [question_key(split, item) for split in TUNING_SPLITS for item in load_dataset(SPLITS[split])]
    ids = [item["id"] for split in TUNING_SPLITS for item in load_dataset(SPLITS[split])]
    assert len(set(ids)) < len(ids)  # "f01" is in two splits: ids alone would merge them
    assert len(set(keys)) == len(keys)


def test_two_questions_sharing_an_id_in_two_splits_give_two_answer_rows():
    features = dict.fromkeys(FEATURES, 0.0)
    found = [
        {"item": question_key(split, {"id": "f01"}), "scope": None, "fit": True, "features": features, "label": lab}
        | {"answerable": lab}
        for split, lab in (("dev-a", 1.0), ("dev-b", 0.0))
    ]
    rows, labels = answer_rows(found, Calibration())
    assert rows.shape[0] == 2 and np.array_equal(np.sort(labels), [0.0, 1.0])
