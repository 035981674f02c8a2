#!/usr/bin/env bash
# Installs onrecord and analyses the bundled example article (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet -e .
onrecord analyze examples/articles/nk-russia-followup.txt --format table
