#!/usr/bin/env bash
# Create .venv (if missing) and install the project with the CPU build of torch.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
[ -x .venv/bin/python ] || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
# torch first, pinned: 2.13.0 resolves to the local CPU wheel here instead of a multi-GB CUDA build.
python -m pip install -q "torch==2.13.0"
python -m pip install -q -e ".${extra}"
# Export the embedding model to ONNX now (once per machine, ~10 s) rather than on the service's first start.
python -c "from index.embedding.embedder import Embedder; from index.settings import EngineSettings; Embedder.from_settings(EngineSettings())"
