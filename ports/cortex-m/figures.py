#!/usr/bin/env python3
"""The Cortex-M4 figures README.md quotes, pinned in figures.txt: reads the pins and checks
measurements against them (a figure may move by at most MARGIN of its pin).

usage: figures.py FIGURES -- COMMAND ...
Runs COMMAND (the instruction-count firmware under QEMU) and checks each of its
"<shape>: <count> instructions per stream_update" lines against the instruction pins; every pin
must be measured. footprint.py --figures checks the .text and stack pins the same way.
"""
import re
import subprocess
import sys

MARGIN = 0.03


def read(path):
    """{"instructions": {shape: count}, "text": {profile: bytes}, "stack": {entry name prefix:
    bytes}} from the pins file."""
    pins = {"instructions": {}, "text": {}, "stack": {}}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, value, key = line.split(" ", 2)
        pins[kind][key] = int(value)
    return pins


def within(kind, key, measured, pinned):
    """Prints the comparison; True when measured is within MARGIN of pinned."""
    ok = abs(measured - pinned) <= MARGIN * pinned
    verdict = "ok" if ok else f"OFF BY MORE THAN {MARGIN:.0%}: update figures.txt and README.md"
    print(f"{kind} {key}: measured {measured}, pinned {pinned}: {verdict}")
    return ok


def main():
    split = sys.argv.index("--")
    pins = read(sys.argv[1])["instructions"]
    # QEMU writes the semihosting console to stderr or stdout depending on its version.
    run = subprocess.run(sys.argv[split + 1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, text=True, check=False)
    print(run.stdout, end="")
    line = re.compile(r"^(.+): (\d+) instructions per stream_update", re.M)
    measured = {shape: int(count) for shape, count in line.findall(run.stdout)}
    ok = run.returncode == 0
    for shape, pinned in pins.items():
        if shape not in measured:
            print(f"instructions {shape}: not measured")
            ok = False
        else:
            ok = within("instructions", shape, measured[shape], pinned) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
