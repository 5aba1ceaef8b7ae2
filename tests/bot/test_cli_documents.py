"""`cbcf ingest` with a single file's metadata given on the command line, run as a real subprocess."""

from __future__ import annotations

import json

import pytest

from tests.bot.test_cli import cbcf

STATEMENT = """Joint Statement of the Forum

Ministers met to review cooperation on firearms trafficking and agreed to share tracing data within thirty days.

Drone Smuggling

Ministers asked officials to study drones that carry contraband across the border.
"""


def test_metadata_given_for_one_file_is_what_the_index_keeps(tmp_path):
    path = tmp_path / "forum-statement.txt"  # no year anywhere: without --year it could not be ingested
    path.write_text(STATEMENT, encoding="utf-8")
    data = tmp_path / "data"
    given = ["--title", "2026 Halifax Joint Statement", "--year", "2026", "--place", "Halifax"]
    result = cbcf(data, "ingest", str(path), *given, "--url", "https://example.org/2026")
    assert result.returncode == 0, result.stderr
    assert "added 1" in result.stdout
    docs = json.loads(cbcf(data, "documents", "--json").stdout)
    assert [(d["doc_id"], d["title"], d["year"], d["date"], d["place"], d["url"]) for d in docs] == [
        ("forum-statement", "2026 Halifax Joint Statement", 2026, "2026", "Halifax", "https://example.org/2026")
    ]
    cited = json.loads(cbcf(data, "ask", "--json", "what about drones carrying contraband?").stdout)["citations"][0]
    assert (cited["title"], cited["place"], cited["url"]) == ("2026 Halifax Joint Statement", "Halifax", docs[0]["url"])


@pytest.mark.parametrize("paths", [["{folder}"], ["{folder}/a-2026.txt", "{folder}/b-2026.txt"], []])
def test_metadata_flags_with_a_folder_or_several_files_are_refused(tmp_path, paths):
    for name in ("a-2026.txt", "b-2026.txt"):
        (tmp_path / name).write_text(STATEMENT, encoding="utf-8")
    args = [p.format(folder=tmp_path) for p in paths]
    result = cbcf(tmp_path / "data", "ingest", *args, "--place", "Halifax", "--year", "2026")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "cbcf: error: --year, --place describe one statement: give exactly one file (not a folder) with them"
    )
    assert not (tmp_path / "data").exists()  # refused before anything was opened or written


def test_a_year_that_is_not_a_year_is_a_usage_error(tmp_path):
    result = cbcf(tmp_path, "ingest", str(tmp_path / "x.txt"), "--year", "soon")
    assert result.returncode == 2 and "'soon' is not a year" in result.stderr
