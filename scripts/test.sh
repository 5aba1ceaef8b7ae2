#!/usr/bin/env bash
# Install with test extras, lint, and run every test (the eval gate included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "[test]"
# The browser test drives Debian's Chromium (no browser download); install it when it is missing.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
. .venv/bin/activate
export HF_HUB_OFFLINE=1
ruff check .
ruff format --check .
pytest
