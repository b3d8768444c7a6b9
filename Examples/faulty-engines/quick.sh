#!/bin/sh
# Not a fault: answers every backprop-engine/1 request at once, with made-up
# numbers for the seed network and the request's id, for tests of the kit's
# timing (a shell starts in milliseconds, Python can take seconds on a loaded
# machine). With an argument N, exits with status 3 on request N + 1.
answered=0
while read -r request; do
    if [ -n "$1" ] && [ "$answered" -ge "$1" ]; then
        echo "quick: leaving without answering" >&2
        exit 3
    fi
    id=$(printf '%s\n' "$request" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
    printf '{"id":%s,"y":0.5,"gradient":{"w10":0.1,"b10":0.1,"w11":0.1,"b11":0.1,"w20[0]":0.1,"w20[1]":0.1,"b20[0]":0.1,"b20[1]":0.1}}\n' "$id"
    answered=$((answered + 1))
done
