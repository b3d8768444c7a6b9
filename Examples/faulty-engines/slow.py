#!/usr/bin/env python3
"""Not a fault by itself: the correct example engine, slow. --startup S sleeps
S seconds before reading anything (like `import torch`); --sleep S --on K
sleeps S seconds before answering the K-th request of the process (0-based)."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

import argparse  # noqa: E402

options = argparse.ArgumentParser()
options.add_argument("--startup", type=float, default=0)
options.add_argument("--sleep", type=float, default=0)
options.add_argument("--on", type=int, default=-1)
arguments = options.parse_args()

time.sleep(arguments.startup)
answered = 0
for line in iter(sys.stdin.readline, ""):
    if answered == arguments.on:
        time.sleep(arguments.sleep)
    sys.stdout.write(engine.respond(line) + "\n")
    sys.stdout.flush()
    answered += 1
