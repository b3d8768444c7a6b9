#!/usr/bin/env python3
"""A backprop-engine/2 engine that forgot its handshake. Like the JAX and
PyTorch examples it speaks /2 only and declines a /1 request ("unsupported
network seed"); without the handshake the kit never learns it speaks /2, keeps
sending /1 requests, and every case is declined. The kit reports that the
engine evaluated none of its cases: not conforming (docs/tolerance.md, "Coverage")."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

# The mistake: no print(json.dumps({"protocol": "backprop-engine/2", ...})) here.
for line in iter(sys.stdin.readline, ""):
    if not line.strip():
        continue
    request = json.loads(line, parse_int=float)
    network = request.get("network")
    if isinstance(network, str):
        request_id = request.get("id")
        if isinstance(request_id, float) and request_id.is_integer():
            request_id = int(request_id)
        print(json.dumps({"id": request_id, "error": "unsupported network %s" % network}), flush=True)
        continue
    print(engine.respond_v2(line), flush=True)
