"""Create NAME.ext from NAME-corrected.ext by changing one substring on exactly one line."""
import sys
src, dst, old, new = sys.argv[1:5]
lines = open(src, encoding="utf-8").read().split("\n")
hits = [i for i, l in enumerate(lines) if old in l]
assert len(hits) == 1, hits
i = hits[0]
assert lines[i].count(old) == 1
lines[i] = lines[i].replace(old, new)
open(dst, "w", encoding="utf-8").write("\n".join(lines))
print(f"{dst}: planted on line {i + 1}")
