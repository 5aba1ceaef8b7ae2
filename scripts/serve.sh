#!/usr/bin/env bash
# Install and run the service (JSON API, streaming, web page) on the bundled statements.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
export HF_HUB_OFFLINE=1
exec cbcf serve "$@"
