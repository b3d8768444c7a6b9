#!/usr/bin/env python3
"""Fault: a correct answer, except that the gradient lacks b20[1]."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)


def handle(request):
    response = engine.evaluate(request)
    del response["gradient"]["b20[1]"]
    return response


engine.serve(handle)
