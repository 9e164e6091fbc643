#!/usr/bin/env bash
# The one test command (README and .ci/run): install what is missing, lint, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
python3 -m ruff check src tests benchmarks corpora models
python3 -m pytest "$@"
