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
if [ -z "$extras" ]; then  # the base install is part of every install with extras
  for other in .venv/.installed-*; do
    if [ -f "$other" ] && [ ! pyproject.toml -nt "$other" ]; then stamp="$other"; fi
  done
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # pip's own progress (each package, download bars) on a terminal; one line per package in CI logs
  quiet=(--progress-bar off)
  [ -t 2 ] && [ -z "${CI:-}" ] && quiet=()
  echo "setup: installing vndiplo${extras:+[$extras]} and its dependencies into .venv (a minute or two the first time)" >&2
  .venv/bin/pip install -q --upgrade pip >&2
  if [ -n "$extras" ]; then
    .venv/bin/pip install "${quiet[@]}" -e ".[${extras}]" >&2
  else
    .venv/bin/pip install "${quiet[@]}" -e . >&2
  fi
  touch "$stamp"
fi
