"""Create NAME.EXT from NAME-corrected.EXT by replacing `old` with `new` on the one
line that contains `anchor` (used once per pair when the documents were written)."""
import sys, os
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
stem, ext, anchor, old, new = sys.argv[1:6]
good = open(os.path.join(root, stem + "-corrected" + ext), encoding="utf-8").read().split("\n")
hits = [i for i, l in enumerate(good) if anchor in l]
assert len(hits) == 1, hits
i = hits[0]
assert good[i].count(old) == 1, good[i]
bad = list(good)
bad[i] = good[i].replace(old, new)
open(os.path.join(root, stem + ext), "w", encoding="utf-8").write("\n".join(bad))
print(f"{stem}{ext}: line {i+1}\n  - {good[i]}\n  + {bad[i]}")
