#!/usr/bin/env python3
# Scores outside-author pairs: for each NAME-corrected.* beside NAME.*, the twin must verify (exit 0) and the
# planted file must be flagged (exit 1) only on the line where the pair differs. Usage: scripts/score-outside.py DIR...
import subprocess, sys, os, re, glob
import pathlib
# BACKPROP_CHECK_BIN: another build (e.g. a copy, so that rebuilding during a long run does not disturb it).
bin=os.environ.get("BACKPROP_CHECK_BIN") or str(pathlib.Path(__file__).resolve().parent.parent / ".build/debug/backprop-check")
dirs=sys.argv[1:]
tot={'ok':0}
for d in dirs:
    for f in sorted(glob.glob(d+'/*-corrected.*')):
        planted=f.replace('-corrected','')
        if not os.path.exists(planted): continue
        a=open(planted).read().split('\n'); b=open(f).read().split('\n')
        diffl=[i+1 for i in range(min(len(a),len(b))) if a[i]!=b[i]]
        res=[]
        for path,want in ((f,0),(planted,1)):
            p=subprocess.run([bin,'verify',path],capture_output=True,text=True)
            out=p.stdout+p.stderr
            lines=out.split('\n')
            disc=set()
            for i,l in enumerate(lines):
                if ' discrepant' in l and i+1<len(lines):
                    m=re.search(r':(\d+):\d+:',lines[i+1])
                    if m: disc.add(int(m.group(1)))
            res.append((p.returncode,sorted(disc)))
        (ec0,d0),(ec1,d1)=res
        ok = ec0==0 and ec1==1 and d1 and set(d1)<=set(diffl)
        status='OK' if ok else ('REFUSED' if 2 in (ec0,ec1) else ('ELSEWHERE' if ec0!=0 or (d1 and not set(d1)<=set(diffl)) else 'MISS'))
        tot[status]=tot.get(status,0)+1
        print(f"{status:12} {os.path.basename(planted):40} planted@{diffl} corrected:exit{ec0} {d0} planted:exit{ec1} {d1}")
print(tot)
