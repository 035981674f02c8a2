#!/usr/bin/env bash
# Installs onrecord with its test dependencies and runs every test (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet -e '.[test]'
python3 -m pytest -q "$@"
