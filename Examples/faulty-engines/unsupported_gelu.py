#!/usr/bin/env python3
"""Not a fault: the correct example engine, declining gelu as a capability it lacks."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)


def handle(request):
    if request.get("activation") == "gelu":
        raise engine.Unsupported("unsupported activation gelu")
    return engine.evaluate(request)


engine.serve(handle)
