#!/usr/bin/env python3
"""Fault: answers the first N requests (--after N, default 0), then exits with
status S (--status S, default 3) on reading the next one, without answering."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

import argparse  # noqa: E402

options = argparse.ArgumentParser()
options.add_argument("--after", type=int, default=0)
options.add_argument("--status", type=int, default=3)
arguments = options.parse_args()

answered = 0
for line in iter(sys.stdin.readline, ""):
    if answered == arguments.after:
        sys.stderr.write("exits_early: leaving without answering request %s\n" % json.loads(line)["id"])
        sys.stderr.flush()
        sys.exit(arguments.status)
    sys.stdout.write(engine.respond(line) + "\n")
    sys.stdout.flush()
    answered += 1
