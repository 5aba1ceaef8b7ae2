from ingest.sentences import split_long, split_sentences


def test_abbreviations_and_initials_do_not_end_sentences():
    text = (
        "Attorney General Merrick B. Garland and U.S. Secretary Alejandro N. Mayorkas met in Washington, D.C. "
        "today. They talked. The CanadaU.S. Cross-Border Crime Forum met again."
    )
    assert split_sentences(text) == [
        "Attorney General Merrick B. Garland and U.S. Secretary Alejandro N. Mayorkas met in Washington, D.C. today.",
        "They talked.",
        "The CanadaU.S. Cross-Border Crime Forum met again.",
    ]


def test_quotes_and_numbers_after_a_full_stop():
    assert split_sentences("It ended. “Next” began. 4,527 were sent.") == [
        "It ended.",
        "“Next” began.",
        "4,527 were sent.",
    ]


def test_long_sentences_are_split_at_a_comma_into_verbatim_parts():
    sentence = ", ".join([f"clause number {i} with some words" for i in range(40)]) + "."
    parts = split_long(sentence, 200)
    assert all(len(p) <= 200 for p in parts)
    assert " ".join(parts) == sentence


def test_place_abbreviations_do_not_end_sentences():
    text = "Officers will train in Sault Ste. Marie, Ontario, and at Mt. Hope. The course opens in May."
    assert split_sentences(text) == [
        "Officers will train in Sault Ste. Marie, Ontario, and at Mt. Hope.",
        "The course opens in May.",
    ]
