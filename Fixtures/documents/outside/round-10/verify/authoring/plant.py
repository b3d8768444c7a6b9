# helper used while authoring: plant.py CORRECTED PLANTED OLD NEW
import sys
src, dst, old, new = sys.argv[1:5]
lines = open(src).read().split('\n')
hits = [i for i, l in enumerate(lines) if old in l]
assert len(hits) == 1, hits
i = hits[0]
assert lines[i].count(old) == 1
lines[i] = lines[i].replace(old, new)
open(dst, 'w').write('\n'.join(lines))
print(f"planted on line {i+1}: {lines[i]}")
