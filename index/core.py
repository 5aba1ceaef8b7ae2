"""What the surfaces use: open an engine from settings, then answer, stream or search with it.

This is the one place that chooses the answerer (extractive, or an LLM whose sentences are verified).
"""

from __future__ import annotations

from index.answering.base import Answerer
from index.answering.engine import Engine, IndexNotReady
from index.answering.extractive import ExtractiveAnswerer
from index.answering.pipeline import answer, answer_async, answer_events, evidence, search
from index.answering.statements import Statement, StatementUnit, answered_questions, statement, statements
from index.embedding.priority import yield_bulk_work
from index.generation.answerer import LLMAnswerer
from index.generation.clients import LLMUnavailable, check_local, make_llm
from index.generation.settings import LLMSettings
from index.generation.weights import MODELS as LOCAL_MODELS
from index.generation.weights import WeightsError, fetch_weights
from index.models import Answer, Citation, QuestionError
from index.question.followup import follow_up, in_context, is_follow_up, topic_question
from index.question.plan import topic_terms
from index.question.validate import check_year, validate_question
from index.retrieval.calibration import ANSWER_FEATURES, FEATURES, Calibration, log_odds
from index.retrieval.calibration import DEFAULT_PATH as CALIBRATION_PATH
from index.settings import EngineSettings
from index.store.chroma import StoreUnavailable
from index.store.lease import WriteConflict
from index.store.writer import IngestFailed, ingest_paths, remove_documents

__all__ = [
    "ANSWER_FEATURES",
    "CALIBRATION_PATH",
    "FEATURES",
    "Calibration",
    "Answer",
    "Citation",
    "Engine",
    "EngineSettings",
    "IndexNotReady",
    "IngestFailed",
    "LLMSettings",
    "LLMUnavailable",
    "LOCAL_MODELS",
    "WeightsError",
    "fetch_weights",
    "QuestionError",
    "Statement",
    "StatementUnit",
    "StoreUnavailable",
    "WriteConflict",
    "answer",
    "answer_async",
    "answer_events",
    "answered_questions",
    "check_local",
    "check_year",
    "evidence",
    "follow_up",
    "in_context",
    "is_follow_up",
    "log_odds",
    "ingest_paths",
    "make_answerer",
    "open_engine",
    "remove_documents",
    "search",
    "statement",
    "statements",
    "topic_question",
    "topic_terms",
    "validate_question",
    "yield_bulk_work",
]


def make_answerer(llm_settings: LLMSettings) -> Answerer:
    """The LLM answerer when CBCF_LLM names a provider, else the extractive one."""
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms import LLM, MockLLM

    llm = make_llm(llm_settings)
    # Set explicitly, so nothing in llama-index ever reaches for its default (OpenAI) LLM.
    LlamaSettings.llm = llm if isinstance(llm, LLM) else MockLLM()
    return LLMAnswerer(llm) if llm is not None else ExtractiveAnswerer()


def open_engine(settings: EngineSettings | None = None, llm_settings: LLMSettings | None = None, **parts) -> Engine:
    """The engine for these settings (read from the environment when not given), with its answerer.

    parts: an already loaded embedder or store to share (tests, the benchmark).
    """
    answerer = make_answerer(llm_settings or LLMSettings())
    return Engine(settings or EngineSettings(), answerer=answerer, **parts)
