#!/bin/sh
# Regenerate the planted files and re-run every verification script; outputs go to verify/out/.
set -e
cd "$(dirname "$0")"
mkdir -p out
python3 make_planted.py > out/make_planted.out
for s in p[0-9][0-9]_*.py; do
  python3 "$s" > "out/${s%.py}.out" 2>&1 || { echo "FAILED: $s"; exit 1; }
  grep '^RESULT' "out/${s%.py}.out"
done
