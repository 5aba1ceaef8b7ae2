"""An LLM in this process: llama.cpp through the xllamacpp wheel, one generation at a time, off the event loop.

It answers the two calls the LLM answerer makes of llama-index's clients, chat() and stream_chat(), with
objects of the same shape, so every timeout, fallback and verification rule applies to it unchanged.
"""

from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from index.generation.weights import MODELS, WeightsError, gguf_name, verify

_DONE = object()


@dataclass
class _Message:
    content: str


@dataclass
class ChatResult:
    """What chat() returns: .message.content, as llama-index's ChatResponse has."""

    message: _Message


@dataclass
class ChatChunk:
    """What stream_chat() yields: .delta, as llama-index's streamed ChatResponse has."""

    delta: str


def check_weights(path: Path) -> None:
    """A pinned model is checked byte for byte; any other file must at least be a GGUF that names itself."""
    pinned = MODELS.get(path.stem)
    if pinned is not None:
        verify(path, pinned)
    elif gguf_name(path) is None:
        raise WeightsError(f"{path} is not a GGUF model file (or gives no general.name)")


class LocalLLM:
    """llama.cpp's server loop in this process (its own thread), asked through handle_chat_completions."""

    def __init__(
        self, model_path: Path, *, threads: int, context: int, max_tokens: int, temperature: float, timeout_s: float
    ):
        import xllamacpp

        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads starve the embedding model
        check_weights(model_path)
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = context
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = -1
        self._server = xllamacpp.Server(params)
        self.max_tokens, self.temperature, self.timeout_s = max_tokens, temperature, timeout_s
        self._one_at_a_time = threading.Lock()
        self.cache_prompt = True  # llama.cpp reuses the longest cached prefix of the last prompt (benches turn it off)

    def _request(self, messages, stream: bool) -> dict:
        turns = [{"role": getattr(m.role, "value", str(m.role)), "content": m.content} for m in messages]
        return {
            "messages": turns,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "stream": stream,
            "cache_prompt": self.cache_prompt,
        }

    def _acquire(self) -> None:
        if not self._one_at_a_time.acquire(timeout=self.timeout_s):
            raise TimeoutError("the local model is busy with another answer")

    def chat(self, messages) -> ChatResult:
        """The whole reply to chat messages (TimeoutError past the deadline)."""
        chunks = list(self.stream_chat(messages))
        return ChatResult(_Message("".join(c.delta for c in chunks)))

    def stream_chat(self, messages):
        """The reply as it is generated, piece by piece (TimeoutError when a piece is later than the deadline)."""
        self._acquire()
        pieces: queue.Queue = queue.Queue()

        def on_chunk(chunk: dict) -> None:
            for choice in chunk.get("choices", []):
                text = (choice.get("delta") or {}).get("content")
                if text:
                    pieces.put(text)

        def generate() -> None:
            try:
                self._server.handle_chat_completions(self._request(messages, stream=True), on_chunk)
            except Exception as exc:  # reported to the reader below
                pieces.put(exc)
            finally:
                pieces.put(_DONE)
                self._one_at_a_time.release()

        threading.Thread(target=generate, name="cbcf-llm", daemon=True).start()
        while True:
            try:
                piece = pieces.get(timeout=self.timeout_s)
            except queue.Empty as exc:
                raise TimeoutError(f"the local model gave nothing for {self.timeout_s:.0f} s") from exc
            if piece is _DONE:
                return
            if isinstance(piece, Exception):
                raise piece
            yield ChatChunk(piece)
