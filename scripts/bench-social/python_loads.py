#!/usr/bin/env python3
"""json.loads alone over the same files (the floor of the Python peer). Prints `<statuses>`."""
import json
import sys

n = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        n += len(json.loads(f.read()))
print(n)
