"""The CI gate: the eval set, answered by the real engine, must meet every threshold."""

from eval.runner import DEFAULT_DATASET, DEFAULT_THRESHOLDS, load_dataset, run_and_report


def test_dataset_is_broad_enough():
    items = load_dataset(DEFAULT_DATASET)
    categories = {i["category"] for i in items}
    assert len(items) >= 60
    assert {
        "factual",
        "numeric",
        "paraphrase",
        "misspelled",
        "comparison",
        "unanswerable",
        "out_of_scope",
        "injection",
        "year",
    } <= categories
    assert all(i["evidence"] for i in items if i["answerable"])


def test_eval_meets_its_thresholds(engine, tmp_path, capsys):
    passed = run_and_report(engine, DEFAULT_DATASET, DEFAULT_THRESHOLDS, tmp_path)
    report = capsys.readouterr()
    print(report.out)
    assert (tmp_path / "report.json").exists() and (tmp_path / "report.md").exists()
    assert passed, report.err
