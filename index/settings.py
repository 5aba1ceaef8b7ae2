"""The one configuration class; every field can be set with a CBCF_ environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "statements"


class Settings(BaseSettings):
    """Runtime configuration, read from CBCF_* environment variables."""

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
    min_relevance: float = Field(0.45, ge=0.0, le=1.0, description="Relevance below which the bot abstains.")
    max_question_chars: int = Field(1000, ge=10)
    query_cache_size: int = Field(1024, ge=0)
    exact_search_max_units: int = Field(
        20_000, ge=0, description="Search vectors exactly in memory up to this many units; beyond, Chroma's HNSW."
    )
    hnsw_search_ef: int = Field(
        1000,
        ge=20,
        description="Breadth of a search in Chroma's HNSW index (set when an ingest creates a generation): "
        "higher finds more of the true nearest units, at some speed.",
    )

    host: str = Field("127.0.0.1", description="Address `cbcf serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `cbcf serve` listens on.")
    api_keys: str = Field("", description="Comma-separated bearer tokens for read endpoints; empty = open.")
    admin_token: str = Field("", description="Bearer token for document uploads and deletes; empty = disabled.")
    rate_limit_per_minute: int = Field(120, ge=0, description="Requests per client per minute; 0 = no limit.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(10_485_760, ge=1024, description="Largest uploaded statement file.")
    auto_ingest: bool = Field(True, description="Ingest the bundled statements at start-up if the index is empty.")

    llm: Literal["none", "openai", "ollama"] = Field("none", description="Generative answers: off by default.")
    llm_base_url: str = Field("", description="OpenAI-compatible API base (…/v1) or the Ollama server URL.")
    llm_model: str = Field("", description="Model name on that server.")
    llm_api_key: str = Field("", description="API key for an OpenAI-compatible server, if it needs one.")
    llm_timeout_s: float = Field(20.0, gt=0, le=600, description="Deadline for one LLM call; then extractive.")
    llm_temperature: float = Field(0.0, ge=0, le=2)
    llm_max_tokens: int = Field(400, ge=16, le=4096)

    slack_bot_token: str = Field("", description="Bot token (xoxb-…); with the signing secret, enables Slack.")
    slack_signing_secret: str = Field("", description="Verifies requests that Slack sends to /slack/events.")
    slack_app_token: str = Field("", description="App-level token (xapp-…) for Socket Mode (`cbcf slack`).")
    slack_api_url: str = Field("https://slack.com/api/", description="Slack Web API base URL.")
    slack_db: Path | None = Field(None, description="SQLite file for Slack feedback and threads.")

    @property
    def slack_enabled(self) -> bool:
        """Whether the Slack HTTP endpoint should be mounted."""
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def slack_db_path(self) -> Path:
        """Where Slack feedback, answered threads and seen events are stored."""
        return self.slack_db or self.data_dir / "slack.sqlite3"

    @property
    def api_key_set(self) -> frozenset[str]:
        """The configured read API keys."""
        return frozenset(k.strip() for k in self.api_keys.split(",") if k.strip())

    @property
    def chroma_dir(self) -> Path:
        """Folder of the embedded Chroma database."""
        return self.data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
