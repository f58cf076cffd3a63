#!/usr/bin/env python3
"""Checks that README.md is true: compiles and runs its code blocks, runs its shell sessions.

    readme_check.py README.md --config readme_config.txt --work DIR [--expect-failure]

Every fenced block (``` at the start of a line) is checked by its language:

- ```cpp and ```c: compiled with -Wall -Wextra -Werror -Wunused-result (an ignored [[nodiscard]]
  status fails) against the built library and public headers, linked and run (exit 0, in DIR).
  A block must be a whole program (it has main) unless marked wrap-main. One that includes
  tinykm/mpi.hpp also links tinykm::mpi; it is skipped (and says so) in a build without MPI.
- ```console, ```sh, ```bash: a session, run by one bash in DIR with the built tools (tinykm,
  tinykm-mpi, the examples) first on PATH. Lines that begin with "$ " are commands (a trailing
  backslash continues one on the next line); the lines under a command are its expected output,
  stdout and stderr together, compared exactly after masking what differs from run to run:
  elapsed times ("0.084 s") and kernel backend names (hwy:AVX3, xsimd:avx2, scalar). A block
  without any "$ " line is a list of commands, one a line, with no output shown. A command must
  exit 0, unless it shows output that is compared and matches (a documented error).
- ```cmake: a consumer's CMakeLists.txt (after a prelude that declares project(app) and its
  executable `app` from a main that calls tinykm, unless the block has its own project()),
  configured, built and run against an install of this build into a temporary prefix.
- ```python: run as a script by the build's python3 with PYTHONPATH at the package this build
  made (skipped, and says so, in a build without TINYKM_BUILD_PYTHON); it must exit 0.
- ```text: not code, not checked. Any other language fails until this script gets a rule for it
  or the block is marked skip.

Markers are HTML comments (invisible on GitHub) on the lines just above a block's fence:

    <!-- readme-test: skip REASON -->          not checked; a reason is required; keep it rare
    <!-- readme-test: wrap-main                a C/C++ fragment: its # lines go first, the rest
    hidden line                                into int main(); hidden lines under the marker
    -->                                        go first too (# lines) or open main (the others)
    <!-- readme-test: no-run REASON -->        C/C++: compiled and linked, not run
    <!-- readme-test: illustrative REASON -->  shell: commands run, shown output not compared
    <!-- readme-test: needs PROGRAM -->        shell: skipped (and says so) if PROGRAM is not on
                                               PATH in this build (e.g. tinykm-mpi without MPI)
    <!-- readme-test: run-by-ci -->            shell: not run here (it would recurse or needs
                                               cross tools); each command's first two words
                                               must begin a line of .ci/run instead

The config file (written by tests/readme/CMakeLists.txt) holds key=value lines, lists joined by
';': cxx, cc, compile (flags and -I dirs), link, mpi_compile, mpi_link, path (folders put on
PATH), python (put on PATH as python3), ci (the CI script), cmake, generator, make, build (the
build tree), config, install (1 when it has install rules), global_compile and global_link
(the build's own flags, e.g. sanitizers, for the consumer project). With --expect-failure the checker must refuse exactly one block, with
a message that contains the README's line "Expected failure: TEXT" (the fixtures/ of the suite).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

FENCE = re.compile(r"^```\s*([\w+-]*)\s*$")
MARKER = re.compile(r"^<!--\s*readme-test:\s*(.*)$")
MAIN = re.compile(r"\bint\s+main\s*\(")
MASKS = [(re.compile(r"\b\d+\.\d+ s\b"), "<time> s"),
         (re.compile(r"\b(?:hwy|xsimd):\w+|\bscalar\b"), "<backend>")]
TIMEOUT = 300
KNOWN = {"skip": True, "no-run": True, "illustrative": True, "needs": True,  # True: takes an argument
         "wrap-main": False, "run-by-ci": False}
SEPARATOR = "@@readme-test-status@@"


class Block:
    def __init__(self, lang, line, text, markers):
        self.lang, self.line, self.text, self.markers = lang, line, text, markers

    def marker(self, name):
        """The marker `name`: (argument, hidden lines), or None."""
        for key, arg, hidden in self.markers:
            if key == name:
                return arg, hidden
        return None


def parse_markers(lines, end):
    """The readme-test comments on the lines just above lines[end] (blank lines between allowed)."""
    markers, i = [], end - 1
    while i >= 0:
        if not lines[i].strip():
            i -= 1
            continue
        if not lines[i].rstrip().endswith("-->"):
            break
        start = i  # walk up to the comment's first line
        while start > 0 and not lines[start].lstrip().startswith("<!--"):
            start -= 1
        m = MARKER.match(lines[start].strip())
        if not m:
            break
        body = [m.group(1)] + [l.rstrip() for l in lines[start + 1:i + 1]]
        body[-1] = body[-1].rstrip()[:-3].rstrip()  # drop the closing -->
        first = body[0].split(None, 1)
        if not first:
            raise SystemExit(f"line {start + 1}: an empty readme-test marker")
        hidden = [l for l in body[1:] if l.strip()]
        markers.append((first[0], first[1].strip() if len(first) > 1 else "", hidden))
        i = start - 1
    return markers


def parse_blocks(text):
    lines, blocks, i = text.split("\n"), [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            i += 1
        if i == len(lines):
            raise SystemExit(f"line {start + 1}: a code block that is never closed")
        blocks.append(Block(m.group(1).lower(), start + 1, "\n".join(lines[start + 1:i]) + "\n",
                            parse_markers(lines, start)))
        i += 1
    return blocks


def read_config(path):
    config = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key:
                config[key] = [v for v in value.split(";") if v]
    return config


def run(cmd, cwd, env=None, stdin=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace", timeout=TIMEOUT)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        return -1, f"timed out after {TIMEOUT} s\n{e.stdout or ''}"


def wrap_main(source, hidden, is_c):
    top = [l for l in hidden + source.splitlines() if l.startswith("#")]
    body = [l for l in hidden if not l.startswith("#")]
    body += [l for l in source.splitlines() if not l.startswith("#")]
    head = "int main(void) {" if is_c else "int main() {"
    return "\n".join(top + [head] + ["  " + l for l in body] + ["  return 0;", "}", ""])


def check_program(block, config, work, env):
    """Compiles, links and runs a C or C++ block; returns (ok, message)."""
    is_c = block.lang == "c"
    source = block.text
    wrap = block.marker("wrap-main")
    if wrap is not None:
        source = wrap_main(source, wrap[1], is_c)
    elif not MAIN.search(source):
        return False, "a fragment (no main): make it a whole program or mark it wrap-main"
    compile_flags, link = list(config.get("compile", [])), list(config.get("link", []))
    if "tinykm/mpi.hpp" in source:
        if not config.get("mpi_link"):
            return True, "skipped: includes tinykm/mpi.hpp and this build has no tinykm::mpi"
        compile_flags += config["mpi_compile"]
        link = config["mpi_link"] + link
    name = os.path.join(work, f"block_{block.line}")
    src = name + (".c" if is_c else ".cpp")
    with open(src, "w", encoding="utf-8") as f:
        f.write(source)
    std = ["-std=c99"] if is_c else ["-std=c++17"]
    compiler = config["cc"] if is_c else config["cxx"]
    warn = ["-Wall", "-Wextra", "-Werror", "-Wunused-result", "-O2"]
    rc, out = run([*compiler, *std, *warn, *compile_flags, "-c", src, "-o", name + ".o"], work)
    if rc != 0:
        return False, f"does not compile ({src}):\n{out}"
    rc, out = run([*config["cxx"], name + ".o", *link, "-o", name], work)
    if rc != 0:
        return False, f"does not link ({src}):\n{out}"
    no_run = block.marker("no-run")
    if no_run is not None:
        return True, f"compiled and linked, not run: {no_run[0]}"
    rc, out = run([name], work, env=env, stdin=subprocess.DEVNULL)
    if rc != 0:
        return False, f"exits {rc} ({name}):\n{out}"
    return True, "compiled, linked, ran" + (f":\n{out.rstrip()}" if out.strip() else "")


CMAKE_PRELUDE = """cmake_minimum_required(VERSION 3.16)
project(app LANGUAGES C CXX)
add_executable(app app.cpp)
"""
CMAKE_APP = """#include <tinykm/tinykm.hpp>
#include <cstdio>
int main() { return std::puts(tinykm::backend_name()) < 0; }
"""


def check_cmake(block, config, work, env):
    """Configures, builds and runs a consumer project; returns (ok, message)."""
    if config.get("install") != ["1"]:
        return True, "skipped: this build has no install rules (TINYKM_INSTALL)"
    cmake, cfg = config["cmake"][0], config["config"][0]
    prefix = os.path.join(work, "prefix")
    rc, out = run([cmake, "--install", config["build"][0], "--prefix", prefix, "--config", cfg], work)
    if rc != 0:
        return False, f"cmake --install fails:\n{out}"
    source = os.path.join(work, "app")
    os.makedirs(source)
    with open(os.path.join(source, "CMakeLists.txt"), "w", encoding="utf-8") as f:
        f.write(block.text if "project(" in block.text else CMAKE_PRELUDE + block.text)
    with open(os.path.join(source, "app.cpp"), "w", encoding="utf-8") as f:
        f.write(CMAKE_APP)
    build = os.path.join(work, "build")
    flags = " ".join(config.get("global_compile", []))
    link = " ".join(config.get("global_link", []))
    rc, out = run([cmake, "-S", source, "-B", build, "-G", config["generator"][0],
                   f"-DCMAKE_MAKE_PROGRAM={config['make'][0]}", f"-DCMAKE_BUILD_TYPE={cfg}",
                   f"-DCMAKE_C_COMPILER={config['cc'][0]}", f"-DCMAKE_CXX_COMPILER={config['cxx'][0]}",
                   f"-DCMAKE_C_FLAGS={flags}", f"-DCMAKE_CXX_FLAGS={flags}",
                   f"-DCMAKE_EXE_LINKER_FLAGS={link}", f"-DCMAKE_PREFIX_PATH={prefix}"], work)
    if rc == 0:
        rc, out = run([cmake, "--build", build], work)
    if rc != 0:
        return False, f"the consumer project ({source}) does not configure or build:\n{out}"
    rc, out = run([os.path.join(build, "app")], work, env=env, stdin=subprocess.DEVNULL)
    if rc != 0:
        return False, f"the consumer exits {rc}:\n{out}"
    return True, f"a consumer project built on an install of this build, ran: {out.strip()}"


def session(text):
    """[(command, [expected output lines])] of a shell block."""
    lines = text.rstrip("\n").split("\n")
    if not any(l.startswith("$ ") for l in lines):
        return [(l, None) for l in lines if l.strip() and not l.lstrip().startswith("#")]
    steps, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise ValueError(f"output line {lines[i]!r} before any command")
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command += "\n" + lines[i]
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        steps.append((command, output))
    return steps


def mask(lines):
    for pattern, replacement in MASKS:
        lines = [pattern.sub(replacement, l) for l in lines]
    return [l.rstrip() for l in lines]


def check_ci(steps, config):
    with open(config["ci"][0], encoding="utf-8") as f:
        ci = [l.strip() for l in f]
    for command, _ in steps:
        words = command.split("#")[0].split()[:2]
        if not any(l.split()[:2] == words for l in ci if l):
            return False, f"run-by-ci, but no line of {config['ci'][0]} begins with {' '.join(words)!r}"
    return True, "run by CI: " + "; ".join(c.split("#")[0].strip() for c, _ in steps)


def check_session(block, config, work, env):
    """Runs a shell block; returns (ok, message)."""
    try:
        steps = session(block.text)
    except ValueError as e:
        return False, str(e)
    if block.marker("run-by-ci") is not None:
        return check_ci(steps, config)
    for key, program, _ in block.markers:
        if key == "needs" and not shutil.which(program, path=env["PATH"]):
            return True, f"skipped: needs {program}, which this build does not make"
    script = "".join(f"{c}\nprintf '\\n{SEPARATOR} %d\\n' $?\n" for c, _ in steps)
    rc, out = run(["bash", "-c", script], work, env=env, stdin=subprocess.DEVNULL)
    parts = re.split(rf"\n?{SEPARATOR} (\d+)\n", out)
    if rc != 0 or len(parts) != 2 * len(steps) + 1:
        return False, f"the session stopped early (bash exits {rc}):\n{out}"
    illustrative = block.marker("illustrative") is not None
    report = []
    for n, (command, expected) in enumerate(steps):
        actual, status = parts[2 * n], int(parts[2 * n + 1])
        report.append(f"$ {command}\n{actual.rstrip()}" if actual.strip() else f"$ {command}")
        compared = expected is not None and not illustrative
        if compared and mask(actual.splitlines()) != mask(expected):
            return False, ("\n".join(report) + f"\noutput differs from the README's:\n"
                           + "\n".join(expected))
        if status != 0 and not (compared and expected):
            return False, "\n".join(report) + f"\nexits {status}"
    return True, "\n".join(report)


def check_python(block, config, work, env):
    """A Python block runs as a script with the package this build made (python/)."""
    if not config.get("pythonpath"):
        return True, "skipped: this build has no Python package (TINYKM_BUILD_PYTHON)"
    script = os.path.join(work, "block.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(block.text)
    env = dict(env, PYTHONPATH=config["pythonpath"][0])
    rc, out = run([config["python"][0], script], work, env)
    if rc != 0:
        return False, f"exits {rc}:\n{out}"
    return True, "ran"


def check(block, config, work, env):
    for key, arg, _ in block.markers:
        if key not in KNOWN:
            return False, f"unknown marker {key!r} (known: {', '.join(sorted(KNOWN))})"
        if KNOWN[key] and not arg:
            return False, f"{key} needs a reason" if key != "needs" else "needs names no program"
    skip = block.marker("skip")
    if skip is not None:
        return True, f"skipped: {skip[0]}"
    folder = os.path.join(work, f"block_{block.line}.d")
    os.makedirs(folder, exist_ok=True)
    if block.lang in ("cpp", "c++", "c"):
        return check_program(block, config, folder, env)
    if block.lang in ("console", "sh", "bash", "shell"):
        return check_session(block, config, folder, env)
    if block.lang == "cmake":
        return check_cmake(block, config, folder, env)
    if block.lang == "python":
        return check_python(block, config, folder, env)
    if block.lang == "text":
        return True, "text, not code"
    return False, (f"no rule for ```{block.lang or '(no language)'} blocks: add one to "
                   f"{os.path.basename(__file__)} or mark the block skip with a reason")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("readme")
    ap.add_argument("--config", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--expect-failure", action="store_true")
    args = ap.parse_args()
    config = read_config(args.config)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(config.get("path", []) + [env.get("PATH", "")])
    env["OMPI_MCA_rmaps_base_oversubscribe"] = "1"  # -np 2 on a one-core machine
    if config.get("python"):  # the README's python3 is the one CMake found (Debian's, numpy)
        bin_dir = os.path.join(args.work, "bin")
        os.makedirs(bin_dir)
        os.symlink(config["python"][0], os.path.join(bin_dir, "python3"))
        env["PATH"] = bin_dir + os.pathsep + env["PATH"]
    with open(args.readme, encoding="utf-8") as f:
        text = f.read()
    blocks = parse_blocks(text)
    failures = []
    for block in blocks:
        ok, message = check(block, config, os.path.abspath(args.work), env)
        if not ok:
            failures.append(message)
        print(f"{'ok' if ok else 'FAILED'}: {args.readme}:{block.line} ```{block.lang}")
        print("  " + message.replace("\n", "\n  "))
    print(f"{len(blocks)} blocks, {len(failures)} failed")
    if args.expect_failure:
        expected = re.search(r"^Expected failure: (.+)$", text, re.M)
        if not expected:
            raise SystemExit("--expect-failure: the README has no 'Expected failure: TEXT' line")
        ok = len(failures) == 1 and expected.group(1) in failures[0]
        print(f"expected one failure with {expected.group(1)!r}: {'so it is' if ok else 'NOT SO'}")
        return 0 if ok else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
