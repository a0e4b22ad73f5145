#!/usr/bin/env bash
# The main job on the embedded default store: ingest and extract the bundled example corpus into vndiplo.db.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="${VNDIPLO_DB:-vndiplo.db}"
.venv/bin/vndiplo ingest examples/corpus --db "$db"
.venv/bin/vndiplo extract --db "$db"
.venv/bin/vndiplo summary --db "$db" 2>/dev/null || true
echo
echo "Open the UI:  .venv/bin/vndiplo serve --db $db   (then browse http://127.0.0.1:8000/)"
