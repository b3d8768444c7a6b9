#!/usr/bin/env python3
"""Fault: answers every request with a line that is not JSON (a debug print on standard output)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

for line in iter(sys.stdin.readline, ""):
    sys.stdout.write("computing the gradient now...\n")
    sys.stdout.flush()
