#!/bin/sh
# Run every verification script; stop at the first failure.
set -e
cd "$(dirname "$0")"
for f in nielsen-quadratic nielsen-crossentropy goodfellow-tanh goodfellow-regression \
         cs231n-gates cs231n-vectorised bishop-regression bishop-multilabel \
         d2l-weightdecay d2l-deep index-homework index-residual minibatch-mean softmax-ce; do
    echo "== $f"
    python3 "$f.py"
done
echo "ALL 14 PAIRS VERIFIED"
