"""What the `cbcf` subcommands share: exit codes, the one-line error, progress, the engine, a first ingest."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"cbcf: error: {message}", file=sys.stderr)
    return code


def progress(done: int, total: int) -> None:
    end = "\n" if done >= total or not sys.stderr.isatty() else "\r"
    if sys.stderr.isatty() or done >= total or done % 256 == 0:
        print(f"embedding units: {done}/{total}", end=end, file=sys.stderr, flush=True)


def open_cli_engine():
    from index.core import open_engine
    from index.settings import get_settings

    return open_engine(get_settings())


def ensure_index(engine) -> None:
    """Ingest the bundled statements the first time someone asks a question."""
    if engine.ready:
        return
    from index.core import IndexNotReady, ingest_paths

    corpus = engine.settings.corpus_dir
    if not corpus.is_dir() or not any(corpus.iterdir()):
        raise IndexNotReady(
            f"nothing is indexed and the statements folder {corpus} is missing or empty (CBCF_CORPUS_DIR)"
        )
    print("cbcf: no index yet; ingesting the bundled statements first", file=sys.stderr)
    ingest_paths([engine.settings.corpus_dir], engine.store, engine.embedder, progress=progress)
    engine.refresh(force=True)
