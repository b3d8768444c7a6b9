#!/usr/bin/env python3
"""Fault: a correct answer labelled with the wrong id (request id + 1)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

for line in iter(sys.stdin.readline, ""):
    response = json.loads(engine.respond(line))
    response["id"] += 1
    sys.stdout.write(json.dumps(response) + "\n")
    sys.stdout.flush()
