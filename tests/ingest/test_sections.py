from index.settings import BUNDLED_CORPUS
from ingest.sections import looks_like_heading, parse_structure
from ingest.units import read_document


def sections_of(name):
    _, units = read_document(BUNDLED_CORPUS / name)
    return list(dict.fromkeys(u.section for u in units if u.section))


def test_2023_headings_are_detected_in_order():
    assert sections_of("2023-cbcf-joint-statement-ottawa.txt") == [
        "Fentanyl / Opioids",
        "Reducing Firearms Trafficking and Violence",
        "Anti–Money Laundering / Virtual Currency",
        "Human Smuggling",
        "Sex Offender Travel",
        "Criminal Justice Reform / Access to Justice",
    ]


def test_2022_headings_are_detected_in_order():
    assert sections_of("2022-cbcf-joint-statement-washington.txt") == [
        "Violent Extremism",
        "Enhancing Public Safety",
        "Reducing Firearms Violence",
        "Access to Justice",
    ]


def test_text_under_a_heading_carries_it():
    _, units = read_document(BUNDLED_CORPUS / "2023-cbcf-joint-statement-ottawa.txt")
    ghost = next(u for u in units if "ghost guns" in u.sentence)
    assert ghost.section == "Reducing Firearms Trafficking and Violence"
    angel = next(u for u in units if "Angel Watch" in u.sentence)
    assert angel.section == "Sex Offender Travel"


def test_title_is_taken_from_the_first_line():
    structure = parse_structure("My Title\n\nA Heading\n\nSome prose here. More prose.\n")
    assert structure.title == "My Title"
    assert [(p.section, p.text) for p in structure.paragraphs] == [("A Heading", "Some prose here. More prose.")]


def test_heading_rules():
    assert looks_like_heading("Reducing Firearms Violence")
    assert not looks_like_heading("Ministers discussed ways to enhance collaboration in the following areas:")
    assert not looks_like_heading("Regular updates will be provided to evaluate progress in each of these areas.")
    assert not looks_like_heading("May 6, 2031")  # a line that is only a date is a dateline, not a section


def test_hard_wrapped_pdf_lines_are_joined():
    structure = parse_structure("Title\n\nHuman Smuggling\nThe two countries share\na long border.\n")
    assert structure.paragraphs[0].text == "The two countries share a long border."
    assert structure.paragraphs[0].section == "Human Smuggling"


def test_a_wrapped_dateline_is_not_a_heading_and_names_the_place(tmp_path):
    line = "VANCOUVER: Ministers from the United States and Canada met in Vancouver, British"
    assert not looks_like_heading(line)
    path = tmp_path / "statement-2026.txt"
    path.write_text(f"2026 CBCF Joint Statement\n\n{line}\nColumbia, to review the year.\n", encoding="utf-8")
    doc, units = read_document(path)
    assert (doc.meta.title, doc.meta.place) == ("2026 CBCF Joint Statement", "Vancouver")
    assert [(u.sentence, u.section) for u in units] == [
        ("Ministers from the United States and Canada met in Vancouver, British Columbia, to review the year.", None)
    ]


def test_a_numbered_heading_is_named_by_its_words():
    text = (
        "Readout: 2032 Forum\n\n1. Illegal Firearms\n\nMinisters reviewed the tracing centre's work.\n\n"
        "II) Fraud Against Seniors\n\nScams cost older adults millions.\n\n3. Ministers met in 2032 to review it.\n"
    )
    paragraphs = parse_structure(text).paragraphs
    assert [(p.section, p.text) for p in paragraphs] == [
        ("Illegal Firearms", "Ministers reviewed the tracing centre's work."),
        ("Fraud Against Seniors", "Scams cost older adults millions."),
        ("Fraud Against Seniors", "3. Ministers met in 2032 to review it."),
    ]


def test_a_short_line_standing_alone_before_prose_heads_it_even_in_sentence_case():
    text = (
        "Joint statement\n\nMinisters met today.\n\nNext steps\n\nOfficials will report at the next Forum.\n\n"
        "Ministers also\nagreed to meet again.\n"
    )
    paragraphs = parse_structure(text).paragraphs
    assert [(p.section, p.text) for p in paragraphs] == [
        (None, "Ministers met today."),
        ("Next steps", "Officials will report at the next Forum."),
        ("Next steps", "Ministers also agreed to meet again."),
    ]
