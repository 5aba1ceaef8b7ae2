"""The LLM's configuration: which provider, where, and the limits of one call (CBCF_LLM_* variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class LLMSettings(BaseSettings):
    """Generative answers: off unless CBCF_LLM names a provider."""

    model_config = SettingsConfigDict(env_prefix="CBCF_", extra="ignore")

    llm: Literal["none", "openai", "ollama", "local"] = Field(
        "none", description="Generative answers: off by default; local runs a GGUF model in this process."
    )
    llm_base_url: str = Field("", description="OpenAI-compatible API base (…/v1) or the Ollama server URL.")
    llm_model: str = Field("", description="Model name on that server.")
    llm_api_key: str = Field("", description="API key for an OpenAI-compatible server, if it needs one.")
    llm_timeout_s: float = Field(20.0, gt=0, le=600, description="Deadline for one LLM call; then extractive.")
    llm_temperature: float = Field(0.0, ge=0, le=2)
    llm_max_tokens: int = Field(400, ge=16, le=4096)
    llm_model_path: Path | None = Field(None, description="The GGUF file for CBCF_LLM=local (`cbcf llm fetch`).")
    llm_threads: int = Field(2, ge=1, le=256, description="CPU threads of the local model.")
    llm_context: int = Field(4096, ge=512, le=131072, description="Context size (tokens) of the local model.")

    @property
    def enabled(self) -> bool:
        """Whether an LLM rewrites the extractive answers."""
        return self.llm != "none"
