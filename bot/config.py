"""Read every part's settings at start and say, in one line, which setting is wrong and how to fix it."""

from __future__ import annotations

from pydantic import ValidationError

from bot.api.settings import HTTPSettings
from bot.slack.settings import SlackSettings
from index.core import EngineSettings, LLMSettings, LLMUnavailable, check_local, make_answerer


def describe(exc: ValidationError) -> str:
    """The first invalid setting as 'CBCF_NAME=value: what is wrong'."""
    error = exc.errors()[0]
    name = "CBCF_" + str(error["loc"][0]).upper() if error.get("loc") else "a CBCF_ setting"
    given = error.get("input")
    shown = f"={given!r}" if isinstance(given, str | int | float) else ""
    return f"{name}{shown}: {error['msg']}"


def configuration_error() -> str | None:
    """None when every setting parses and the configured LLM can be built; else what to fix."""
    try:
        EngineSettings()
        llm = LLMSettings()
        HTTPSettings()
        SlackSettings()
    except ValidationError as exc:
        return describe(exc)
    try:
        if llm.llm == "local":  # checked without loading the model, which the engine then does once
            check_local(llm)
        else:
            make_answerer(llm)
    except LLMUnavailable as exc:
        return f"CBCF_LLM={llm.llm}: {exc}"
    return None
