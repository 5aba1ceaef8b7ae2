#!/usr/bin/env bash
# Install with test extras, lint, and run every test (the eval gate included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "[test]"
. .venv/bin/activate
export HF_HUB_OFFLINE=1
ruff check .
ruff format --check .
pytest
