"""Load prompt files from prompts/ by name and fill in their fields."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from index.settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"


@lru_cache(maxsize=16)
def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> str:
    """The text of prompts/<name>.txt."""
    path = folder / f"{name}.txt"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt named {name!r} in {folder}")
    return path.read_text(encoding="utf-8").strip()


def render(name: str, **fields: str) -> str:
    """A prompt with its {fields} filled in (every field must be given)."""
    return load_prompt(name).format(**fields)


def format_sources(sources: list[dict]) -> str:
    """Numbered, delimited source blocks; quotes are XML-escaped so they cannot close their tag."""
    blocks = []
    for src in sources:
        attrs = f"n={quoteattr(str(src['n']))} year={quoteattr(src['date'][:4])}"
        for key in ("place", "section"):
            if src.get(key):
                attrs += f" {key}={quoteattr(src[key])}"
        blocks.append(f"<source {attrs}>\n{escape(src['quote'])}\n</source>")
    return "\n".join(blocks)
