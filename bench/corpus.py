"""Deterministic synthetic corpora built from the bundled statements: recombined, perturbed sentences."""

from __future__ import annotations

import random
import re
from pathlib import Path

from index.settings import BUNDLED_CORPUS
from ingest.units import read_document

PLACES = [
    "Ottawa",
    "Washington, D.C.",
    "Toronto",
    "Seattle",
    "Montreal",
    "Detroit",
    "Vancouver",
    "Buffalo",
    "Halifax",
    "Boston",
    "Winnipeg",
    "Chicago",
]
SWAPS = {
    "Ministers": ["Officials", "Leaders", "Delegates"],
    "enhance": ["improve", "strengthen", "expand"],
    "cooperation": ["collaboration", "coordination"],
    "border": ["frontier", "boundary"],
    "committed": ["determined", "resolved"],
    "share": ["exchange", "pool"],
    "criminal": ["illicit", "unlawful"],
    "officials": ["staff", "agencies"],
    "efforts": ["work", "initiatives"],
    "information": ["data", "intelligence"],
    "countries": ["nations", "governments"],
    "communities": ["towns", "neighbourhoods"],
    "support": ["back", "assist"],
    "continue": ["keep", "go on"],
    "ongoing": ["continuing", "current"],
    "including": ["such as", "among them"],
    "strengthen": ["reinforce", "bolster"],
    "and": ["and also", "as well as"],
}
SENTENCES_PER_DOC = 60
NUMBER_SHIFTS = (0, 0, 1, 10)


def source_sentences(corpus: Path = BUNDLED_CORPUS) -> list[tuple[str | None, str]]:
    """(section, sentence) pairs of the real statements."""
    rows = []
    for path in sorted(corpus.glob("*.txt")):
        _, units = read_document(path)
        rows += [(u.section, u.sentence) for u in units]
    return rows


def perturb(sentence: str, rng: random.Random) -> str:
    """Swap a few words for near-synonyms and renumber figures, keeping the sentence readable."""
    words = sentence.split()
    for i, word in enumerate(words):
        core = word.strip(",.;:")
        if core in SWAPS and rng.random() < 0.5:
            words[i] = word.replace(core, rng.choice(SWAPS[core]))
    text = " ".join(words)
    # Figures take one of a few values, so recombined statements repeat sentences as real ones repeat boilerplate.
    return re.sub(r"\b\d{2,}\b", lambda m: str(int(m.group(0)) + rng.choice(NUMBER_SHIFTS)), text)


def generate(units: int, out: Path, seed: int = 7) -> list[Path]:
    """Write .txt statements totalling about `units` sentences into `out`; same seed, same files."""
    rng = random.Random(seed)
    rows = source_sentences()
    out.mkdir(parents=True, exist_ok=True)
    paths, made, index = [], 0, 0
    while made < units:
        count = min(SENTENCES_PER_DOC, units - made)
        year = 1990 + rng.randrange(40)
        place = rng.choice(PLACES)
        picked = [rows[rng.randrange(len(rows))] for _ in range(count)]
        picked.sort(key=lambda r: r[0] or "")
        lines = [f"Synthetic Cross-Border Crime Forum statement {index} ({year}, {place})", ""]
        section = object()
        for sec, sentence in picked:
            if sec != section and sec:
                lines += [sec, ""]
            section = sec
            lines += [perturb(sentence, rng), ""]
        path = out / f"synthetic-{index:05d}-{year}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
        made += count
        index += 1
    return paths
