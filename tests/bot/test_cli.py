"""The cbcf command run as a real subprocess against a real embedded Chroma index."""

import json
import os
import subprocess
import sys

import pytest

from index.settings import BUNDLED_CORPUS

CONTRACT = {"question", "answer", "abstained", "mode", "citations", "latency_ms"}
CITATION = {"n", "doc_id", "title", "date", "place", "section", "quote", "score", "url", "unit_id", "link"}


def cbcf(data_dir, *args, stdin=None):
    env = {**os.environ, "CBCF_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    env.pop("CBCF_CHROMA_HOST", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    result = cbcf(folder, "ingest", str(BUNDLED_CORPUS))
    assert result.returncode == 0, result.stderr
    assert "added 2" in result.stdout and "embedding units" in result.stderr
    return folder


def test_ask_json_in_a_second_process_reads_the_persisted_index(data_dir):
    result = cbcf(data_dir, "ask", "--json", "what was agreed on ghost guns?")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == CONTRACT and data["mode"] == "extractive" and not data["abstained"]
    first = data["citations"][0]
    assert set(first) == CITATION and first["date"].startswith("2023") and "ghost guns" in first["quote"]


def test_readable_output_lists_sources(data_dir):
    result = cbcf(data_dir, "ask", "What did they say about Haiti?")
    assert result.returncode == 0
    assert "Sources:" in result.stdout and "[1] Joint Statement from 2023" in result.stdout


def test_batch_mode_prints_one_json_object_per_question(data_dir):
    questions = "What is the CBFTF?\n\nWho won the Stanley Cup?\n" + "x" * 1001 + "\n"
    result = cbcf(data_dir, "ask", "--json", stdin=questions)
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r.get("abstained") for r in rows] == [False, True, None]
    assert "longer than 1000" in rows[2]["error"]
    assert result.returncode == 1


def test_reingest_is_a_no_op_and_documents_are_listed(data_dir):
    again = cbcf(data_dir, "ingest")
    assert again.returncode == 0 and "unchanged 2" in again.stdout and "embedded 0 units" in again.stdout
    docs = json.loads(cbcf(data_dir, "documents", "--json").stdout)
    assert {d["year"] for d in docs} == {2022, 2023}


@pytest.mark.parametrize(
    "question, message", [("", "question is empty"), ("   ", "question is empty"), ("y" * 1001, "longer than 1000")]
)
def test_bad_questions_exit_non_zero_with_one_line_on_stderr(tmp_path, question, message):
    result = cbcf(tmp_path, "ask", question)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr


def test_bad_file_is_reported_and_skipped(data_dir, tmp_path):
    bad = tmp_path / "broken-2024.pdf"
    bad.write_bytes(b"%PDF-1.4 not a pdf")
    result = cbcf(data_dir, "ingest", str(bad), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert f"skipped {bad}" in result.stderr and "no such file" in result.stderr
    assert json.loads(cbcf(data_dir, "ask", "--json", "Angel Watch").stdout)["citations"]


def test_documents_on_an_empty_index_says_so(tmp_path):
    result = cbcf(tmp_path, "documents")
    assert result.returncode == 0 and result.stdout == "" and "no statements are indexed yet" in result.stderr


def test_a_missing_statements_folder_is_named(tmp_path):
    env_dir = tmp_path / "nowhere"
    env = {**os.environ, "CBCF_DATA_DIR": str(tmp_path), "CBCF_CORPUS_DIR": str(env_dir), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "guns?"], capture_output=True, text=True, env=env)
    assert run.returncode == 3 and str(env_dir) in run.stderr and run.stderr.count("\n") == 1


def test_remove_takes_a_statement_out_and_refuses_unknown_ids(tmp_path):
    assert cbcf(tmp_path, "ingest", str(BUNDLED_CORPUS)).returncode == 0
    unknown = cbcf(tmp_path, "remove", "no-such-statement")
    assert unknown.returncode == 2 and "no-such-statement" in unknown.stderr
    removed = cbcf(tmp_path, "remove", "2022-cbcf-joint-statement-washington")
    assert removed.returncode == 0 and "removed 1" in removed.stdout
    listed = json.loads(cbcf(tmp_path, "documents", "--json").stdout)
    assert [d["doc_id"] for d in listed] == ["2023-cbcf-joint-statement-ottawa"]


def test_serve_logs_json_lines_and_shuts_down_gracefully_on_sigterm(data_dir):
    import signal
    import time
    import urllib.request

    from tests.bot.faults import free_port

    port = free_port()
    env = {**os.environ, "CBCF_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    env.pop("CBCF_CHROMA_HOST", None)
    serve = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--port", str(port)], stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/readyz", headers={"X-Request-ID": "op-1"})
                if urllib.request.urlopen(request, timeout=2).status == 200:
                    break
            except OSError:
                assert serve.poll() is None and time.monotonic() < deadline, "the service did not become ready"
                time.sleep(0.2)
    finally:
        serve.send_signal(signal.SIGTERM)
        _, stderr = serve.communicate(timeout=60)
    lines = [json.loads(line) for line in stderr.splitlines()]  # every line is one JSON object
    # A graceful shutdown, after which uvicorn ends the process by the signal it caught (what systemd expects).
    assert serve.returncode == -signal.SIGTERM and lines[-1]["message"].startswith("Finished server process")
    assert any(line["message"] == "Application shutdown complete." for line in lines)
    assert any("sentences indexed" in line["message"] and f":{port}/" in line["message"] for line in lines)
    ready = [line for line in lines if line.get("path") == "/readyz" and line["correlation_id"] == "op-1"]
    assert ready and ready[-1]["status"] == 200
