#!/bin/sh
# Run every verification script; outputs go to verify/out/.
cd "$(dirname "$0")"
mkdir -p out
status=0
for f in p[0-9][0-9]_*.py; do
  python3 "$f" > "out/${f%.py}.txt" 2>&1 || status=1
  tail -n 4 "out/${f%.py}.txt" | grep -E 'RESULT|Error' | sed "s|^|$f: |"
done
exit $status
