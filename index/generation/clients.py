"""The optional LLM: llama-index's OpenAI-like or Ollama client, built from settings, and its messages."""

from __future__ import annotations

import importlib.util

from index.generation.local import LocalLLM
from index.generation.prompts import format_sources, render
from index.generation.settings import LLMSettings
from index.generation.weights import WeightsError


class LLMUnavailable(RuntimeError):
    """The configured LLM integration is not installed or not configured."""


def make_llm(settings: LLMSettings):
    """The llama-index LLM for CBCF_LLM, or None when generation is off."""
    if not settings.enabled:
        return None
    if settings.llm == "local":
        return _local(settings)
    if not settings.llm_model:
        raise LLMUnavailable("CBCF_LLM_MODEL must name a model")
    try:
        if settings.llm == "openai":
            from llama_index.llms.openai_like import OpenAILike

            return OpenAILike(
                model=settings.llm_model,
                api_base=settings.llm_base_url or "https://api.openai.com/v1",
                api_key=settings.llm_api_key or "not-needed",
                is_chat_model=True,
                context_window=8192,
                max_tokens=settings.llm_max_tokens,
                temperature=settings.llm_temperature,
                timeout=settings.llm_timeout_s,
                max_retries=0,
            )
        from llama_index.llms.ollama import Ollama

        return Ollama(
            model=settings.llm_model,
            base_url=settings.llm_base_url or "http://localhost:11434",
            request_timeout=settings.llm_timeout_s,
            temperature=settings.llm_temperature,
        )
    except ImportError as exc:
        raise LLMUnavailable(f"install the LLM extra: pip install -e '.[llm]' ({exc})") from exc


def check_local(settings: LLMSettings) -> None:
    """LLMUnavailable, saying what to fix, unless CBCF_LLM=local can load: a model file, the extra installed.

    Cheap: nothing is loaded (start-up checks call it before the engine loads the model once).
    """
    path = settings.llm_model_path
    if path is None or not path.is_file():
        raise LLMUnavailable(f"CBCF_LLM_MODEL_PATH={path}: no such GGUF file (`cbcf llm fetch` assembles one)")
    if importlib.util.find_spec("xllamacpp") is None:
        raise LLMUnavailable("install the local LLM extra: pip install -e '.[local-llm]'")


def _local(settings: LLMSettings):
    check_local(settings)
    try:
        return LocalLLM(
            settings.llm_model_path,
            threads=settings.llm_threads,
            context=settings.llm_context,
            max_tokens=settings.llm_max_tokens,
            temperature=settings.llm_temperature,
            timeout_s=settings.llm_timeout_s,
        )
    except WeightsError as exc:
        raise LLMUnavailable(str(exc)) from exc


def build_messages(question: str, sources: list[dict], compare: bool) -> list:
    """System and user chat messages for a question and its numbered sources."""
    from llama_index.core.llms import ChatMessage, MessageRole

    user = render("compare" if compare else "answer", question=question, sources=format_sources(sources))
    return [
        ChatMessage(role=MessageRole.SYSTEM, content=render("system")),
        ChatMessage(role=MessageRole.USER, content=user),
    ]
