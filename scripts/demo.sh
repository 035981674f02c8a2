#!/usr/bin/env bash
# Installs onrecord and runs the main job on the bundled examples (the README's first command):
# the record of one article as tables, then the sample corpus into the embedded default store
# (onrecord.duckdb, DuckDB, no server) and the claim threads it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet -e .
onrecord analyze examples/articles/nk-russia-followup.txt --format table
onrecord ingest examples/corpus --db onrecord.duckdb
onrecord threads --db onrecord.duckdb --format table --limit 5
echo "Explore it in the browser: onrecord serve --db onrecord.duckdb  (http://127.0.0.1:8000/)"
