#!/usr/bin/env bash
# Create .venv (if missing) and install the project with the CPU build of torch, saying what each step does.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
log=.cbcf/setup.log
mkdir -p .cbcf
: >"$log"
started=$SECONDS

step() { # "==> [n/5] what" and, for the step before, how long it took
  [ -n "${step_started:-}" ] && echo "    done in $((SECONDS - step_started)) s"
  step_started=$SECONDS
  echo "==> [$1/5] $2"
}

pip_install() { # pip's lines on what it fetches and installs (not the packages already there); all of it in $log
  if ! python -m pip install --progress-bar off "$@" 2>&1 | tee -a "$log" \
    | { grep --line-buffered -E '^ *(Collecting|Downloading|Installing collected|Successfully installed|ERROR)' || true; }; then
    echo "setup: pip failed; the last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

step 1 "Python environment in .venv"
if [ -x .venv/bin/python ]; then
  echo "    .venv already exists: reusing it"
else
  python3 -m venv .venv
fi
. .venv/bin/activate
step 2 "pip itself"
pip_install --upgrade pip
# torch first, pinned: 2.13.0 resolves to the local CPU wheel here instead of a multi-GB CUDA build.
step 3 "torch 2.13.0, CPU build (the largest download; skipped when installed)"
pip_install "torch==2.13.0"
step 4 "the project and its dependencies (-e .${extra})"
pip_install -e ".${extra}"
# Export the embedding model to ONNX now (once per machine, ~10 s) rather than on the service's first start.
step 5 "the embedding model exported to ONNX (once per machine, about 10 s)"
python -c "from index.embedding.embedder import Embedder; from index.settings import EngineSettings; Embedder.from_settings(EngineSettings())"
step_started_last=$step_started
echo "    done in $((SECONDS - step_started_last)) s"
echo "==> set up in $((SECONDS - started)) s (pip's full output: $log)"
