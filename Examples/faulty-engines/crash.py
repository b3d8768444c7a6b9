#!/usr/bin/env python3
"""Fault: on reading a request, kills itself with SIGSEGV (as a native crash would)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

import signal  # noqa: E402

for line in iter(sys.stdin.readline, ""):
    sys.stderr.write("crash: segfaulting on request %s\n" % json.loads(line)["id"])
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSEGV)
