#!/usr/bin/env python3
"""Fault (judged, not a protocol error): y is right, every partial is NaN."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)


def handle(request):
    response = engine.evaluate(request)
    response["gradient"] = {name: "nan" for name in response["gradient"]}
    return response


engine.serve(handle)
