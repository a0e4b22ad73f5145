#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, the virtualenv, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/setup.sh test,spark
export VNDIPLO_STRICT=1
exec .venv/bin/python -m pytest "$@"
