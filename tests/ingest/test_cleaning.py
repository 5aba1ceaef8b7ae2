from index.settings import BUNDLED_CORPUS
from ingest.cleaning import clean_lines, dated_line, is_chrome, split_dateline
from ingest.units import read_document

CHROME = [
    "Log in",
    "Forgot your details",
    "Create Account",
    "Copyright",
    "Tax ID",
    "DUNS",
    "Press Release",
    "Privacy Policy",
    "F.P. Report",
    "NADDI",
]


def test_real_statements_lose_all_site_chrome():
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc, units = read_document(path)
        blob = doc.text + " ".join(u.sentence for u in units)
        for phrase in CHROME:
            assert phrase.lower() not in blob.lower(), (path.name, phrase)


def test_chrome_lines_are_recognised_and_prose_is_kept():
    assert is_chrome("Log in with your credentials")
    assert is_chrome("Forgot your details?")
    assert is_chrome("Copyright © 2024 - NADDI. All Rights Reserved. Privacy Policy")
    assert is_chrome("National Association of Drug Diversion Investigators Federal Tax ID: 52-1660752")
    assert not is_chrome("Ministers called on officials to explore additional opportunities.")
    assert not is_chrome("Human Smuggling")


def test_whitespace_and_non_breaking_spaces_are_normalised():
    assert clean_lines("a\u00a0b  c\r\nPress Release\n") == ["a b c", ""]


def test_news_dateline_is_split_off_as_a_place():
    place, rest = split_dateline("WASHINGTON: Guided by our shared commitment")
    assert place == "Washington" and rest == "Guided by our shared commitment"
    assert split_dateline("Money laundering threatens: the integrity") == (
        None,
        "Money laundering threatens: the integrity",
    )


def test_statement_text_stays_verbatim():
    doc, units = read_document(BUNDLED_CORPUS / "2023-cbcf-joint-statement-ottawa.txt")
    raw = doc.raw_text.replace("\u00a0", " ")
    for unit in units:
        assert unit.sentence in raw


def test_a_sentence_that_mentions_a_policy_is_kept_but_a_menu_of_links_is_not():
    prose = "Ministers urged online platforms to enforce their terms of service against illegal firearm sales."
    assert not is_chrome(prose)
    assert not is_chrome("They also reviewed the privacy policy safeguards for shared biometric data.")
    for furniture in (
        "Privacy Policy | Terms of Service",
        "Terms of Use",
        "Cookie settings",
        "Sitemap · Privacy policy",
    ):
        assert is_chrome(furniture), furniture
    assert is_chrome("Copyright © 2023 NADDI. All rights reserved.")


def test_a_dateline_line_gives_its_city_and_date():
    assert dated_line("Regina, Saskatchewan — May 6, 2031") == ("Regina", "2031-05-06")
    assert dated_line("Ottawa, Ontario - March 31, 2023") == ("Ottawa", "2023-03-31")
    assert dated_line("May 6, 2031") == (None, "2031-05-06")
    assert dated_line("Ministers met on May 6, 2031") is None


def test_a_government_pages_labels_feedback_link_and_date_stamp_are_chrome():
    for line in ["Statement", "Report a problem or mistake on this page", "Date modified: 2024-11-15"]:
        assert is_chrome(line), line
    assert is_chrome("Last updated November 15, 2024")
    for line in ["Updated guidance on firearms", "Ministers issued a joint statement on firearms."]:
        assert not is_chrome(line), line


def test_a_news_release_ends_at_its_end_mark_and_its_furniture_is_chrome():
    text = "Ministers met today.\nFor Immediate Release\nThey agreed.\n###\nTopics\nDrug Trafficking\n"
    assert clean_lines(text) == ["Ministers met today.", "They agreed."]
    assert clean_lines("They agreed.\n\\###\nFirearms Offenses") == ["They agreed."]  # as trafilatura escapes it
    assert clean_lines("They agreed.\n-30-\nContacts") == ["They agreed."]


def test_a_release_ends_where_its_contacts_and_links_begin_but_its_quick_facts_are_kept():
    text = "They agreed.\nQuick facts\nThe Forum was created in 1997.\nContacts\nJane Roe\nPress Secretary\n555-0100"
    assert clean_lines(text) == ["They agreed.", "Quick facts", "The Forum was created in 1997."]
    for heading in ["## Media contacts", "Associated links", "For more information:", "Page details"]:
        assert clean_lines(f"They agreed.\n{heading}\nPublic Safety Canada") == ["They agreed."], heading
    # a sentence that mentions contacts is not a heading
    kept = ["Ministers agreed to share contacts between police services."]
    assert clean_lines(kept[0]) == kept


def test_a_dateline_may_name_the_weekday_or_put_the_date_first():
    assert dated_line("Friday, April 17, 2026") == (None, "2026-04-17")
    assert dated_line("November 14, 2024 — Québec City, Quebec") == ("Québec City", "2024-11-14")


def test_a_us_release_keeps_its_date_but_not_its_label_or_its_tags():
    text = "FOR IMMEDIATE RELEASE | Thursday, May 20, 2027\nMinisters met.\nTopic(s): Drug Trafficking; Firearms\n"
    text += "Component(s): Office of the Attorney General\nPress Release Number: 27-512"
    assert clean_lines(text) == ["Thursday, May 20, 2027", "Ministers met."]
