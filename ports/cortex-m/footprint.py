#!/usr/bin/env python3
"""Footprint of tinykm in the Cortex-M4 firmwares: flash and RAM that tinykm's own code takes in
each profile (from the GNU ld link maps), and the worst-case stack of each public entry point
(from gcc's -fcallgraph-info=su call graphs). Prints a table; with --check, exits 1 when a
profile exceeds its budget, the library owns any .data/.bss, or (with --figures) a profile's
library .text or an entry point's stack leaves its pin in figures.txt by more than
figures.MARGIN.

usage: footprint.py [--check] --map NAME=FILE:BUDGET ... --callgraph DIR --entry NAME ...
                    [--figures FIGURES]
Calls through function pointers (a caller's parallel_for, the kernel table on hosts) are not
followed: on a scalar-only firmware the kernel calls are direct.
"""
import argparse
import pathlib
import re
import sys

import figures

LIBRARY = "libtinykm.a("


def section_kind(name):
    """Which memory a section's bytes occupy: flash (code, constants) or RAM (.data, .bss)."""
    if name.startswith((".text", ".rodata", ".ARM.exidx", ".ARM.extab")):
        return "text"
    if name.startswith(".data"):
        return "data"
    if name.startswith((".bss", "COMMON")):
        return "bss"
    return None


def library_sizes(map_file):
    """Bytes of tinykm's input sections that the linker kept, by kind, and per object file."""
    totals = {"text": 0, "data": 0, "bss": 0}
    per_object = {}
    text = pathlib.Path(map_file).read_text()
    kept = text.split("Linker script and memory map", 1)[1]
    # An input section: " .name  0xADDR  0xSIZE object", the name sometimes alone on its line.
    pattern = re.compile(r"^ (\.\S+|COMMON)\s*\n?\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)$", re.M)
    for name, size, obj in pattern.findall(kept):
        kind = section_kind(name)
        if kind is None or LIBRARY not in obj:
            continue
        totals[kind] += int(size, 16)
        member = obj[obj.index(LIBRARY) + len(LIBRARY):].rstrip(")")
        per_object[member] = per_object.get(member, 0) + int(size, 16)
    return totals, per_object


def read_callgraphs(folder):
    """From every .ci file under folder: each function's frame size, the functions it calls, and
    its readable name."""
    frames, calls, names = {}, {}, {}
    node = re.compile(r'node: \{ title: "([^"]+)" label: "([^"\\]*)\\n[^"]*\\n(\d+) bytes \((\w+)\)')
    edge = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
    for ci in pathlib.Path(folder).rglob("*.ci"):
        text = ci.read_text()
        for title, name, size, kind in node.findall(text):
            # "dynamic" frames (alloca, VLAs) have no static bound: treat them as unbounded.
            frames[title] = int(size) if kind == "static" else float("inf")
            names[title] = name
        for source, target in edge.findall(text):
            calls.setdefault(source, set()).add(target)
    return frames, calls, names


def worst_stack(function, frames, calls, visiting=()):
    """Largest sum of frames on a call path from function; recursion is reported as unbounded."""
    if function in visiting:
        return float("inf")
    below = [worst_stack(c, frames, calls, visiting + (function,)) for c in calls.get(function, ())]
    return frames.get(function, 0) + max(below, default=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--map", action="append", default=[], help="NAME=FILE:BUDGET_BYTES")
    parser.add_argument("--callgraph", help="folder with the library's .ci files")
    parser.add_argument("--entry", action="append", default=[],
                        help="part of a readable function name, e.g. 'tinykm::predict('")
    parser.add_argument("--figures", help="pins file (figures.txt) whose stack figures to check")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--objects", action="store_true", help="also list bytes per object file")
    args = parser.parse_args()

    ok = True
    pins = figures.read(args.figures) if args.figures else {"text": {}, "stack": {}}
    print(f"{'profile':<34}{'.text':>8}{'.data':>7}{'.bss':>6}{'budget':>8}")
    for spec in args.map:
        name, rest = spec.split("=", 1)
        map_file, budget = rest.rsplit(":", 1)
        totals, per_object = library_sizes(map_file)
        over = totals["text"] > int(budget) or totals["data"] or totals["bss"]
        ok = ok and not over
        flag = "  OVER BUDGET" if over else ""
        print(f"{name:<34}{totals['text']:>8}{totals['data']:>7}{totals['bss']:>6}"
              f"{int(budget):>8}{flag}")
        if name in pins["text"]:
            ok = figures.within("text", name, totals["text"], pins["text"][name]) and ok
        if args.objects:
            for obj, size in sorted(per_object.items(), key=lambda item: -item[1]):
                print(f"    {obj:<30}{size:>8}")

    if args.callgraph:
        frames, calls, names = read_callgraphs(args.callgraph)
        print(f"\n{'entry point':<72}{'stack':>7}")
        for entry in args.entry:
            matches = sorted(t for t, name in names.items() if entry in name)
            if not matches:
                print(f"{entry:<72}{'missing':>7}")
                ok = False
            for title in matches:
                name = names[title].removeprefix("tinykm::status ")
                print(f"{name[:72]:<72}{worst_stack(title, frames, calls):>7}")
        if args.figures:
            print()
            ok = stack_pins_hold(pins["stack"], frames, calls, names) and ok
    return 0 if ok or not args.check else 1


def stack_pins_hold(pins, frames, calls, names):
    """Each pinned entry point (the one function whose readable name starts with the pin's key)
    within figures.MARGIN of its pinned stack."""
    ok = True
    for key, pinned in pins.items():
        titles = [t for t, name in names.items()
                  if name.removeprefix("tinykm::status ").startswith(key)]
        if len(titles) != 1:
            print(f"stack {key}: {len(titles)} functions match, not 1")
            ok = False
            continue
        ok = figures.within("stack", key, worst_stack(titles[0], frames, calls), pinned) and ok
    return ok


if __name__ == "__main__":
    sys.exit(main())
