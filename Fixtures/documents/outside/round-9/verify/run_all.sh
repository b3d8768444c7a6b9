#!/usr/bin/env bash
# Run every verification script; exits non-zero if any fails.
set -u
cd "$(dirname "$0")"
fail=0
for f in $(ls *.py | grep -v '^common\.py$' | sort); do
    if ! python3 "$f"; then
        echo "FAILED: $f"
        fail=1
    fi
done
if [ "$fail" -eq 0 ]; then
    echo "All $(ls *.py | grep -vc '^common\.py$') verification scripts passed."
fi
exit "$fail"
