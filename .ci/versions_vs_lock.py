"""Print the installed packages whose version differs from the lock (stdin: pip freeze)."""

import re
import sys

pin = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;]+)")
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
locked = {}
with open(sys.argv[1], encoding="utf-8") as lock:
    for line in lock:
        if m := pin.match(line):
            locked[norm(m[1])] = m[2]
for line in sys.stdin:
    if (m := pin.match(line)) and norm(m[1]) in locked and locked[norm(m[1])] != m[2]:
        print(f"  {m[1]}: {locked[norm(m[1])]} -> {m[2]}")
