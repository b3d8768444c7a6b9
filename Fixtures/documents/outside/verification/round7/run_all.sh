#!/bin/bash
# Runs every verification script and the one-line diff check for every pair.
# Outputs go to verification/out/; exit status is non-zero if anything failed.
cd "$(dirname "$0")"
mkdir -p out
status=0
: > out/pair_diffs.txt
for f in ../*-corrected.md ../*-corrected.tex; do
  p="${f/-corrected/}"
  n=$(diff "$f" "$p" | grep -c '^[<>]')
  nl_a=$(wc -l < "$f"); nl_b=$(wc -l < "$p")
  if [ "$n" -eq 2 ] && [ "$nl_a" -eq "$nl_b" ]; then r=OK; else r=FAIL; status=1; fi
  { echo "== $(basename "$p") vs $(basename "$f"): $r ($n changed-line markers, $nl_a/$nl_b lines)"; diff "$f" "$p"; } >> out/pair_diffs.txt
done
for s in check_*.py; do
  name="${s%.py}"
  if python3 "$s" > "out/${name#check_}.txt" 2>&1; then echo "PASS  $s"; else echo "FAIL  $s"; status=1; fi
done | tee out/summary.txt
grep -q FAIL out/summary.txt && status=1
grep -q FAIL out/pair_diffs.txt && status=1
cat out/pair_diffs.txt | grep '^=='
echo "overall: $([ $status -eq 0 ] && echo ALL PASSED || echo SOME FAILED)" | tee -a out/summary.txt
exit $status
