#!/usr/bin/env python3
"""Fault: answers the first N requests of each process (--after N, default 2),
then reads the next one and never answers. Restarted, it answers N again and
hangs again: without a fault budget a run would pay a timeout every N + 1 cases."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

import argparse  # noqa: E402

options = argparse.ArgumentParser()
options.add_argument("--after", type=int, default=2)
arguments = options.parse_args()

answered = 0
for line in iter(sys.stdin.readline, ""):
    if answered == arguments.after:
        sys.stderr.write("hangs_after: got request %s, sleeping forever\n" % json.loads(line)["id"])
        sys.stderr.flush()
        while True:
            time.sleep(3600)
    sys.stdout.write(engine.respond(line) + "\n")
    sys.stdout.flush()
    answered += 1
