"""The CI gate: every split of the eval, answered by the real engine, must meet its thresholds."""

import json

from eval.runner import DEFAULT_THRESHOLDS, EXTRA_STATEMENTS, SPLITS, TUNING_SPLITS, load_dataset, run_and_report
from index.settings import BUNDLED_CORPUS


def test_the_splits_are_broad_enough_and_kept_apart():
    dev, test, new = (load_dataset(SPLITS[name]) for name in ("dev", "test", "new-statement"))
    assert len(dev) >= 100 and len(test) >= 40 and len(new) >= 15
    # no question of the newest held-out splits is asked in any tuning split
    tuned = {i["question"].lower() for name in TUNING_SPLITS for i in load_dataset(SPLITS[name])}
    for held_out in ("test-fresh", "test-fresh-statement"):
        overlap = tuned & {i["question"].lower() for i in load_dataset(SPLITS[held_out])}
        assert not overlap, (held_out, overlap)
    kinds = {"meeting", "short", "acronym", "overview", "near_miss", "comparison"}
    assert kinds <= {i["category"] for i in dev} and kinds - {"overview"} <= {i["category"] for i in test}
    assert not {i["question"].lower() for i in dev} & {i["question"].lower() for i in test + new}
    assert all(i["evidence"] for i in dev + test + new if i["answerable"])
    assert any(not i["answerable"] for i in new) and any(len(i.get("years", [])) >= 3 for i in new)
    # the new statement is test data: kept under eval/, never among the bundled statements
    assert {p.suffix for p in EXTRA_STATEMENTS.iterdir()} == {".json", ".md", ".txt"}
    bundled = {p.stem for p in BUNDLED_CORPUS.iterdir()}
    assert not bundled & {p.stem for p in EXTRA_STATEMENTS.iterdir()}


def test_eval_meets_its_thresholds_on_every_split(engine, tmp_path, capsys):
    passed = run_and_report(engine, DEFAULT_THRESHOLDS, tmp_path)
    report = capsys.readouterr()
    print(report.out)
    written = json.loads((tmp_path / "report.json").read_text())
    assert set(written["splits"]) == set(SPLITS)
    assert "| correct_outcome |" in (tmp_path / "report.md").read_text()
    assert passed, report.err
