#!/usr/bin/env python3
"""Checks README.md's prose claims that its code blocks do not run.

    readme_claims.py README.md SOURCE_DIR [TINYKM_CLI]

- The packages it says the scripts install are scripts/setup.sh's list, no more, no fewer.
- Every relative link [text](path#anchor) names a file or folder of the tree, and an anchor
  names a heading of the linked Markdown file.
- "every command takes `--json`": `tinykm COMMAND --help` lists --json for every command that
  `tinykm --help` lists (with the CLI built).
"""
import os
import re
import subprocess
import sys


def check_packages(readme, source):
    said = re.search(r"install what is missing with `apt-get` \(([^)]*)\)", readme, re.S)
    with open(os.path.join(source, "scripts", "setup.sh"), encoding="utf-8") as f:
        script = re.search(r"^packages=\(([^)]*)\)", f.read(), re.M | re.S)
    if not said or not script:
        return ["README: no package list after \"install what is missing with `apt-get`\""]
    said = {p.strip() for p in said.group(1).replace("\n", " ").split(",")}
    installed = {p for p in script.group(1).split() if not p.startswith('"$')}
    errors = [f"README lists {p}, which scripts/setup.sh does not install" for p in said - installed]
    errors += [f"scripts/setup.sh installs {p}, which README does not list" for p in installed - said]
    return errors


def anchors(path):
    """GitHub's anchors of a Markdown file's headings."""
    with open(path, encoding="utf-8") as f:
        titles = re.findall(r"^#+\s+(.*)$", f.read(), re.M)
    return {re.sub(r"[^\w\- ]", "", t.strip().lower()).replace(" ", "-") for t in titles}


def check_links(readme, source):
    errors = []
    for target in re.findall(r"\]\(([^)\s]+)\)", readme):
        if re.match(r"^[a-z]+:", target):
            continue  # http:, mailto:
        path, _, anchor = target.partition("#")
        full = os.path.join(source, path) if path else os.path.join(source, "README.md")
        if not os.path.exists(full):
            errors.append(f"link to {target}: no {path} in the tree")
        elif anchor and full.endswith(".md") and anchor not in anchors(full):
            errors.append(f"link to {target}: no heading #{anchor} in {path or 'README.md'}")
    return errors


def check_json(cli):
    def run(*args):
        return subprocess.run([cli, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, check=False).stdout
    listing = run("--help").split("commands:", 1)[-1]
    commands = re.findall(r"^  (\w[\w-]*)\s", listing, re.M)
    if not commands:
        return ["tinykm --help lists no commands"]
    errors = []
    for command in commands:
        has = "--json" in run(command, "--help")
        if not has:
            errors.append(f"README says every command takes --json; tinykm {command} does not")
    print(f"--json checked on: {' '.join(commands)}")
    return errors


def main():
    readme_path, source = sys.argv[1], sys.argv[2]
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    errors = check_packages(readme, source) + check_links(readme, source)
    if len(sys.argv) > 3:
        errors += check_json(sys.argv[3])
    for e in errors:
        print("FAILED:", e)
    print(f"{len(errors)} claims wrong")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
