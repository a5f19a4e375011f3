#!/usr/bin/env python3
"""Prints the display width of every line read from stdin, one number a line, measured
independently of Chorus with Python's Unicode database: East Asian Wide and Fullwidth count
two columns, combining marks and format characters none. Terminal escape sequences and
carriage returns (a pseudo-terminal's line ends, a progress bar's redraws) are dropped first.
Exits 1 if the input holds U+FFFD (a character cut inside its bytes) or is not UTF-8.
"""
import re
import sys
import unicodedata

raw = sys.stdin.buffer.read()
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as error:
    print(f"not UTF-8: {error}", file=sys.stderr)
    sys.exit(1)
if "\ufffd" in text:
    print("U+FFFD in the output", file=sys.stderr)
    sys.exit(1)
text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
for line in text.split("\n"):
    line = line.rstrip("\r").split("\r")[-1]
    width = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    print(width)
