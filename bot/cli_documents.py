"""`cbcf ingest`, `cbcf documents` and `cbcf remove`: what the index holds, and changing it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.cli_support import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, fail, open_cli_engine, progress


def cmd_ingest(args) -> int:
    """Bring the index up to date with the given files and folders."""
    from bot.render import render_report
    from index.core import IngestFailed, StoreUnavailable, WriteConflict, ingest_paths

    given = {"title": args.title, "year": args.year, "place": args.place, "url": args.url}
    given = {key: value for key, value in given.items() if value is not None}
    if given and (len(args.paths) != 1 or not args.paths[0].is_file()):
        flags = ", ".join(f"--{key}" for key in given)
        return fail(f"{flags} describe one statement: give exactly one file (not a folder) with them")
    engine = open_cli_engine()
    paths = args.paths or [engine.settings.corpus_dir]
    try:
        report = ingest_paths(
            paths, engine.store, engine.embedder, prune=args.prune, progress=progress, meta=given or None
        )
    except (IngestFailed, StoreUnavailable, WriteConflict) as exc:
        return fail(str(exc), EXIT_FAILED)
    for path, reason in report.skipped:
        print(f"cbcf: skipped {path}: {reason}", file=sys.stderr)
    print(render_report(report))
    return EXIT_PARTIAL if report.skipped else EXIT_OK


def cmd_documents(args) -> int:
    """List the indexed statements."""
    engine = open_cli_engine()
    docs = sorted(engine.documents(), key=lambda d: (d["year"], d["doc_id"]))
    if args.json:
        print(json.dumps(docs, indent=2))
    elif not docs:
        print(f"no statements are indexed yet in {engine.settings.data_dir}: run `cbcf ingest`", file=sys.stderr)
    else:
        for d in docs:
            print(f"{d['doc_id']}  {d['date']}  {d.get('place') or '-'}  {d['units']} units  {d['title']}")
    return EXIT_OK


def cmd_remove(args) -> int:
    """Remove statements from the index by doc_id."""
    from bot.render import render_report
    from index.core import StoreUnavailable, WriteConflict, remove_documents

    engine = open_cli_engine()
    known = {d["doc_id"] for d in engine.documents()}
    unknown = [doc_id for doc_id in args.doc_ids if doc_id not in known]
    if unknown:
        return fail(f"no indexed statement {', '.join(unknown)}; `cbcf documents` lists them", EXIT_USAGE)
    try:
        report = remove_documents(set(args.doc_ids), engine.store, engine.embedder)
    except (StoreUnavailable, WriteConflict) as exc:
        return fail(str(exc), EXIT_FAILED)
    print(render_report(report))
    return EXIT_OK


def _year(text: str) -> int:
    import argparse

    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year between 1900 and 2100")
    return int(text)


def add_document_commands(sub) -> None:
    """Register ingest, documents and remove on the cbcf parser."""
    p = sub.add_parser("ingest", help="index statement files (.txt .md .html .pdf .docx)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: bundled)")
    p.add_argument("--prune", action="store_true", help="drop documents not among the paths")
    one = p.add_argument_group("metadata of a single file (over its sidecar and what its text says)")
    one.add_argument("--title", help="the statement's title")
    one.add_argument("--year", type=_year, help="the year of the meeting")
    one.add_argument("--place", help="where the ministers met")
    one.add_argument("--url", help="where the statement is published")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("documents", help="list the indexed statements")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("remove", help="remove statements from the index")
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="as `cbcf documents` lists them")
    p.set_defaults(func=cmd_remove)
