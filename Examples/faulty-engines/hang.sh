#!/bin/sh
# Fault: reads a request and never answers. `sleep` runs as a child of the
# shell, so only killing the whole process group stops everything.
while read -r request; do
    echo "hang: got a request, sleeping forever" >&2
    sleep 100000
done
