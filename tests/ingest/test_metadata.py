import json

import pytest

from index.settings import BUNDLED_CORPUS
from ingest.metadata import MetadataError, build_meta, sidecar_path


def test_bundled_statements_have_sidecar_metadata():
    for path in BUNDLED_CORPUS.glob("*.txt"):
        data = json.loads(sidecar_path(path).read_text())
        assert data["date"].startswith(str(data["year"]))
        assert data["title"] and data["place"] and data["publisher"]


def test_sidecar_overrides_inference(tmp_path):
    path = tmp_path / "x.txt"
    sidecar_path(path).write_text(
        json.dumps({"doc_id": "My Doc", "year": 2024, "date": "2024-05-01", "place": "Banff"})
    )
    meta = build_meta(path, "A Title", "text from 1999", None)
    assert (meta.doc_id, meta.year, meta.date, meta.place, meta.title) == (
        "my-doc",
        2024,
        "2024-05-01",
        "Banff",
        "A Title",
    )


def test_year_is_inferred_from_file_name_then_text(tmp_path):
    assert build_meta(tmp_path / "cbcf-2019.txt", None, "", "Ottawa").year == 2019
    assert build_meta(tmp_path / "cbcf.txt", "Forum", "Met in 2018.", None).date == "2018"


@pytest.mark.parametrize("sidecar", ["{not json", '{"year": "soon"}', '{"year": 2024, "date": "2023-01-01"}', "[1]"])
def test_bad_sidecars_are_errors(tmp_path, sidecar):
    path = tmp_path / "cbcf-2024.txt"
    sidecar_path(path).write_text(sidecar)
    with pytest.raises(MetadataError):
        build_meta(path, None, "", None)


def test_missing_year_is_an_error(tmp_path):
    with pytest.raises(MetadataError, match="no year"):
        build_meta(tmp_path / "notes.txt", "Notes", "no date here", None)


def test_given_fields_win_over_the_sidecar_and_a_given_year_over_its_date(tmp_path):
    path = tmp_path / "x.txt"
    sidecar_path(path).write_text(json.dumps({"year": 2024, "date": "2024-05-01", "place": "Banff", "title": "Old"}))
    meta = build_meta(path, "From Text", "", None, {"year": 2025, "place": "Windsor", "title": None})
    assert (meta.year, meta.date, meta.place, meta.title) == (2025, "2025", "Windsor", "Old")
