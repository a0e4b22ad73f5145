#!/usr/bin/env bash
# Set-up on a fresh Debian machine with Python 3.11: a virtualenv in .venv with vndiplo installed.
# Usage: scripts/setup.sh [extras]   e.g. scripts/setup.sh test,spark
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip >&2
  if [ -n "$extras" ]; then
    .venv/bin/pip install -q -e ".[${extras}]" >&2
  else
    .venv/bin/pip install -q -e . >&2
  fi
  touch "$stamp"
fi
