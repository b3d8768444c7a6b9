#!/usr/bin/env bash
# Runs every ground-truth script; prints PASS/FAIL per pair.
# Each script (a) checks that NAME.ext and NAME-corrected.ext differ in exactly
# the one planted line, (b) checks every claim of the corrected document
# against sympy derivatives of the model as stated, (c) checks the planted
# line's claim is false.
cd "$(dirname "$0")" || exit 2
python3 -c "import sympy, mpmath" 2>/dev/null || pip install -q sympy mpmath
pairs="nielsen-backprop goodfellow-mlp cs231n-gates cs231n-twolayer bishop-twolayer
d2l-weight-decay softmax-index logreg-l2 rnn-bptt tied-autoencoder residual-block
two-hidden-layers softmax-regression-l2 nielsen-cross-entropy"
fail=0
for p in $pairs; do
  if out=$(python3 "$p.py" 2>&1); then
    printf 'PASS  %-24s %s\n' "$p" "$(echo "$out" | tail -1 | sed 's/^PASS [^ ]* //')"
  else
    fail=$((fail+1))
    printf 'FAIL  %-24s\n' "$p"
    echo "$out" | grep -E '\[XX\]|Error|Traceback' | sed 's/^/        /'
  fi
done
echo "----"
if [ "$fail" -eq 0 ]; then echo "ALL 14 PAIRS PASS"; else echo "$fail PAIR(S) FAILED"; exit 1; fi
