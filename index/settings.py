"""The engine's configuration (data, Chroma, model, answer limits); each field is a CBCF_ environment variable.

The surfaces' settings (HTTP, Slack) and the LLM's live with them, under the same CBCF_ prefix.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "statements"


class EngineSettings(BaseSettings):
    """What the answer engine needs, read from CBCF_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="CBCF_", extra="ignore")

    data_dir: Path = Field(Path(".cbcf"), description="Where every file the tool writes lives.")
    corpus_dir: Path = Field(BUNDLED_CORPUS, description="Statements ingested by default.")
    chroma_host: str | None = Field(None, description="Chroma server host; embedded if unset.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    collection_prefix: str = Field("cbcf", description="Prefix of the Chroma collections.")
    embed_model: str = Field(
        "bundled:all-MiniLM-L6-v2",
        description="Sentence-transformers model folder, or 'bundled:all-MiniLM-L6-v2'.",
    )
    embed_runtime: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the model exported once to ONNX Runtime (no torch at serve time); torch: as is."
    )
    model_cache_dir: Path | None = Field(None, description="Where the ONNX export is kept (default ~/.cache/cbcf).")
    embed_batch_size: int = Field(16, ge=1, le=1024, description="Texts per model call at ingest.")
    top_k: int = Field(3, ge=1, le=10, description="Most sentences quoted in one answer.")
    answer_max_chars: int = Field(600, ge=100, le=4000)
    compared_years: int = Field(
        6, ge=1, le=12, description="Most statements a comparison quotes, one sentence each (those that say most)."
    )
    min_relevance: float | None = Field(
        None, ge=0.0, le=1.0, description="Answer only above this probability (default: the calibration's cut-off)."
    )
    lexicon_dir: Path = Field(
        PROJECT_ROOT / "data" / "lexicon",
        description="Everyday words, acronyms and places' short names (everyday.toml, acronyms.toml, places.toml).",
    )
    calibration_file: Path | None = Field(
        None, description="Answer-or-abstain weights (default: the calibration shipped with the engine)."
    )
    max_question_chars: int = Field(1000, ge=10)
    query_cache_size: int = Field(1024, ge=0)
    exact_search_max_units: int = Field(
        20_000, ge=0, description="Search vectors exactly in memory up to this many units; beyond, Chroma's HNSW."
    )
    hnsw_search_ef: int = Field(
        1000,
        ge=20,
        description="Breadth of a search in Chroma's HNSW index (set when a write creates the unit collection): "
        "higher finds more of the true nearest units, at some speed.",
    )

    @property
    def chroma_dir(self) -> Path:
        """Folder of the embedded Chroma database."""
        return self.data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> EngineSettings:
    """The process-wide engine settings, read once from the environment."""
    return EngineSettings()
