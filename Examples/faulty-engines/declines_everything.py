#!/usr/bin/env python3
"""Not a fault, and not a conforming engine either: declines every request as a
capability it lacks ("unsupported network NAME"), so it evaluates no case.
The kit reports it as not conforming (docs/tolerance.md, "Coverage")."""
import json
import sys

for line in iter(sys.stdin.readline, ""):
    if not line.strip():
        continue
    request = json.loads(line)
    network = request.get("network")
    name = network if isinstance(network, str) else (network or {}).get("name", "of this form")
    cases = request["batch"] if "batch" in request else [request]
    answers = [{"id": case.get("id"), "error": "unsupported network %s" % name} for case in cases]
    print(json.dumps({"batch": answers} if "batch" in request else answers[0]), flush=True)
