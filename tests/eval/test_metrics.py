import math

from eval import metrics as m
from eval.report import check
from eval.runner import aggregate

GOLD = [{"doc_id": "d", "text": "Privately manufactured firearms"}]


def test_matching_ignores_case_quotes_and_whitespace():
    assert m.matches("the proliferation of  privately\nmanufactured firearms (“ghost guns”)", GOLD[0])
    assert not m.matches("firearms", GOLD[0])


def test_rank_pinpoint_and_precision():
    passages = [{"doc_id": "d", "quote": "other"}, {"doc_id": "d", "quote": "privately manufactured firearms."}]
    assert m.evidence_rank(passages, GOLD) == 2
    assert m.evidence_rank(passages[:1], GOLD) is None
    assert m.is_pinpoint(passages, GOLD)
    assert not m.is_pinpoint(
        [{"doc_id": "d", "quote": "x" * m.PINPOINT_MAX_CHARS + " privately manufactured firearms"}], GOLD
    )
    assert m.precise_citations(passages, GOLD) == 1


def test_facts_years_chrome_and_percentiles():
    assert m.fact_recall("sent 4,527 notifications", ["4,527", "130"]) == 0.5
    assert m.covers_years([{"date": "2022"}, {"date": "2023-05"}], [2022, 2023])
    assert m.chrome_leaks("Log in with your credentials", []) == 1
    assert m.percentile([1, 2, 3, 4], 50) == 2.5 and math.isnan(m.percentile([], 95))


def test_aggregate_and_threshold_check():
    rows = [
        {
            "answerable": True,
            "abstained": False,
            "rank": 1,
            "pinpoint": True,
            "precise": 1,
            "citations": 2,
            "fact_recall": 1.0,
            "chrome_leaks": 0,
            "latency_ms": 10.0,
            "both_years": True,
            "correct": True,
        },
        {
            "answerable": True,
            "abstained": True,
            "rank": None,
            "pinpoint": False,
            "precise": 0,
            "citations": 0,
            "fact_recall": 0.0,
            "chrome_leaks": 0,
            "latency_ms": 30.0,
            "correct": False,
        },
        {
            "answerable": False,
            "abstained": True,
            "citations": 0,
            "chrome_leaks": 0,
            "latency_ms": 20.0,
            "correct": True,
        },
    ]
    s = aggregate(rows)
    assert (s["hit_at_1"], s["mrr"], s["citation_precision"], s["false_abstention_rate"]) == (0.5, 0.5, 0.5, 0.5)
    assert s["abstention_recall"] == 1.0 and s["both_years_coverage"] == 1.0 and s["latency_p50_ms"] == 20.0
    assert s["correct_outcome"] == 2 / 3
    assert check(s, {"min": {"hit_at_1": 0.9}, "max": {"false_abstention_rate": 0.05}}) == [
        "hit_at_1 = 0.500 < 0.9",
        "false_abstention_rate = 0.500 > 0.05",
    ]


def test_unsupported_claims_are_numbers_months_and_names_the_citations_lack():
    cites = [{"quote": "In November 2022, the RCMP sent 4,527 notices.", "title": "Cross-Border Crime Forum (CBCF)"}]
    assert m.unsupported_claims("The RCMP sent 4,527 notices in November 2022 [1].", cites) == []
    assert m.unsupported_claims("The CBCF's RCMP sent notices [1].", cites) == []  # names from the title count
    assert m.unsupported_claims("The FBI sent 4,257 notices in March [1].", cites) == ["4,257", "March", "FBI"]
    assert (
        m.unsupported_claims("In 2023: The RCMP sent notices [1].\nThe 2024 statement doesn't address this.", cites)
        == []
    )
    quoted = [{"quote": "It will work toward the goal “to leave no one behind.”", "title": ""}]
    assert (
        m.unsupported_claims(
            "In 2022: It will work toward the goal “to leave no one behind.” [1]\nIn 2023: It will.", quoted
        )
        == []
    )
    assert m.unsupported_claims("The CBCF statements don't cover this.", []) == []
