#!/usr/bin/env bash
# Install, index the bundled statements and answer one question (default: ghost guns).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
export HF_HUB_OFFLINE=1
cbcf ingest
cbcf ask "${1:-what was agreed on ghost guns?}"
