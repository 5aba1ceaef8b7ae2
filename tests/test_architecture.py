"""The shape of the code: layers import downwards only, no cycles, small modules, each imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bench", "bot", "eval", "index", "ingest")
MAX_LINES = 300
# What each part of index/ may import from the rest of index/ (its own package is always allowed).
INDEX_LAYERS = {
    "text": set(),
    "settings": set(),
    "models": set(),
    "embedding": set(),
    "store": {"settings", "embedding"},
    "question": {"text", "models"},
    "retrieval": {"text", "question", "store", "embedding"},
    "answering": {"text", "models", "settings", "embedding", "store", "question", "retrieval"},
    "generation": {"text", "models", "settings", "answering", "question"},
}
# The only parts of index/ a surface (bot/, eval/) may use.
SURFACE_FACING = {"index.core", "index.settings", "index.models"}


def module_files() -> dict[str, Path]:
    """Every project module by dotted name (packages by their __init__)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = module_files()


def imports_of(name: str) -> set[str]:
    """Project modules a module imports anywhere in its body, function-level imports included."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def test_there_is_no_import_cycle_anywhere():
    """Tarjan's strongly connected components over the import graph: every component is one module."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    assert cycles == []


def _part(name: str) -> str | None:
    """The part of index/ a module belongs to (index.retrieval.hybrid -> retrieval)."""
    parts = name.split(".")
    return parts[1] if parts[0] == "index" and len(parts) > 1 else None


def test_data_flows_one_way_ingest_then_index_then_surfaces():
    wrong = []
    for name, targets in GRAPH.items():
        top = name.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if top == "ingest" and other != "ingest":
                wrong.append((name, target))
            if top == "index" and other in {"bot", "eval", "bench"}:
                wrong.append((name, target))
            if top in {"bot", "eval"} and other == "index" and target not in SURFACE_FACING:
                wrong.append((name, target))
            mine, theirs = _part(name), _part(target)
            if mine in INDEX_LAYERS and theirs and theirs != mine and theirs not in INDEX_LAYERS[mine]:
                wrong.append((name, target))
    assert wrong == []


def test_surfaces_never_import_each_other():
    """bot.api and bot.slack meet only in the composition root (bot.server) and the CLI."""
    for name, targets in GRAPH.items():
        for a, b in (("bot.api", "bot.slack"), ("bot.slack", "bot.api")):
            if name.startswith(a):
                assert not any(t.startswith(b) for t in targets), (name, targets)


def test_every_index_subpackage_says_what_it_owns_and_may_import():
    for part in INDEX_LAYERS:
        init = ROOT / "index" / part / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
            assert len(doc.splitlines()) >= 2 and "import" in doc.lower(), part


def test_no_module_is_over_the_line_limit():
    files = list(MODULES.values()) + sorted((ROOT / "tests").rglob("*.py"))
    long = {
        str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_module_imports_on_its_own():
    """Each module in a fresh child process that has loaded no project module (third-party ones preloaded)."""
    script = """
import importlib, os, sys
for lib in ("numpy", "chromadb", "llama_index.core", "fastapi", "slack_bolt", "onnxruntime", "pydantic_settings"):
    importlib.import_module(lib)
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException as exc:
            print(f"{name}: {type(exc).__name__}: {exc}", flush=True)
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
sys.exit(1 if failed else 0)
"""
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("needs os.fork")
    names = [n for n in MODULES if n != "bench.__main__"] + ["bench.__main__"]
    run = subprocess.run([sys.executable, "-c", script, *names], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
