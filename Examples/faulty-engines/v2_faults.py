#!/usr/bin/env python3
"""backprop-engine/2 engines that break one rule each (--fault NAME), built on
the correct example engine. With --batch N the handshake declares N cases a line.

  strict        correct, but speaks /2 only: exits on a /1 request (the first
                request of a kit told nothing about the protocol)
  layers-only   correct for layer stacks; declines network files
                ("unsupported network NAME")
  transposed    W1's gradient sent transposed ([in][out] instead of [out][in])
  short-batch   one answer too few in every batch answer
  hang-second   answers its first request line, then hangs on the second
  no-handshake  speaks /2 without writing the handshake first
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-engine"))
import engine  # noqa: E402  (the correct example engine)

options = argparse.ArgumentParser()
options.add_argument("--fault", required=True,
                     choices=["strict", "layers-only", "transposed", "short-batch", "hang-second", "no-handshake"])
options.add_argument("--batch", type=int, default=1)
fault = options.parse_args().fault
batch = options.parse_args().batch

if fault != "no-handshake":
    print(json.dumps({"protocol": "backprop-engine/2", "batch": batch}), flush=True)

lines = 0
for line in iter(sys.stdin.readline, ""):
    lines += 1
    request = json.loads(line, parse_int=float)
    network = request.get("network")
    if isinstance(network, str):
        if fault == "strict":
            sys.stderr.write("v2_faults: a backprop-engine/1 request; this engine speaks /2 only\n")
            sys.exit(2)
        print(engine.respond(line), flush=True)
        continue
    if fault == "hang-second" and lines == 2:
        sys.stderr.write("v2_faults: hanging on request line 2\n")
        sys.stderr.flush()
        while True:
            time.sleep(3600)
    if fault == "layers-only" and "layers" not in network:
        evaluator = engine.Unsupported("unsupported network %s" % network.get("name"))
    else:
        evaluator = engine.compile_network(network)
    cases = request["batch"] if "batch" in request else [request]
    answers = [engine.answer_v2(case, evaluator) for case in cases]
    if fault == "transposed":
        for answer in answers:
            W1 = answer.get("gradient", {}).get("W1")
            if W1 is not None:
                answer["gradient"]["W1"] = [list(column) for column in zip(*W1)]
    if fault == "short-batch":
        answers = answers[:-1]
    response = {"batch": answers} if "batch" in request else answers[0]
    print(json.dumps(response, separators=(",", ":"), allow_nan=False), flush=True)
