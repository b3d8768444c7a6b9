#!/usr/bin/env python3
"""Fault: answers with one line of several megabytes (--megabytes M, default 3).
With --endless it writes digits forever without a newline."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

import argparse  # noqa: E402

options = argparse.ArgumentParser()
options.add_argument("--megabytes", type=int, default=3)
options.add_argument("--endless", action="store_true")
arguments = options.parse_args()

chunk = "9" * 65536
for line in iter(sys.stdin.readline, ""):
    request_id = json.loads(line)["id"]
    sys.stdout.write('{"id": %d, "y": 1' % request_id)
    written = 0
    while arguments.endless or written < arguments.megabytes << 20:
        sys.stdout.write(chunk)
        written += len(chunk)
    sys.stdout.write(', "gradient": {}}\n')
    sys.stdout.flush()
