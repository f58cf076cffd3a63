#!/usr/bin/env bash
# Mutation check, run on demand: plants each small bug of scripts/mutants.txt in the source tree
# one at a time, rebuilds the tests (build/mutate, Release, incremental), runs ctest and reports
# which mutants survive (the whole suite stays green) and the score, killed / (killed + survived).
# The mutated file is restored after each mutant, also on Ctrl-C or any error.
#   bash scripts/mutate.sh                 # every mutant
#   bash scripts/mutate.sh 3 7             # mutants 3 and 7 (numbers as the report prints them)
# MUTANTS (file), BUILD_DIR (build/mutate), CTEST_TIMEOUT (seconds per test, 300) and
# CTEST_ARGS (default "-E ^consumer": the consumer projects rebuild tinykm from scratch and test
# its packaging, not its behaviour) adjust a run.
set -euo pipefail
cd "$(dirname "$0")/.."
mutants="${MUTANTS:-scripts/mutants.txt}"
build="${BUILD_DIR:-build/mutate}"
timeout="${CTEST_TIMEOUT:-300}"
read -r -a ctest_args <<< "${CTEST_ARGS--E ^consumer}"

# The one file under mutation and its saved copy, put back by restore().
target=""
saved="$(mktemp)"
restore() {
  if [ -n "$target" ]; then
    cat "$saved" > "$target"  # a new mtime, so the next build recompiles it
    target=""
  fi
}
trap 'restore; rm -f "$saved"' EXIT
trap 'exit 130' INT TERM

# Replaces the first occurrence of $2 by $3 in file $1 ("\n" = newline); fails if $2 is absent.
plant() {
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, search, replacement = sys.argv[1:]
unescape = lambda s: s.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
text = open(path, encoding="utf-8").read()
search, replacement = unescape(search), unescape(replacement)
if search not in text:
    sys.exit(f"mutate: search text not found in {path}: {search!r}")
open(path, "w", encoding="utf-8").write(text.replace(search, replacement, 1))
EOF
}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTINYKM_WARNINGS_AS_ERRORS=ON \
  -DTINYKM_BUILD_BENCH=OFF -DTINYKM_BUILD_EXAMPLES=OFF -DTINYKM_BUILD_CLI=OFF \
  -DTINYKM_WITH_MPI=OFF >/dev/null
echo "mutate: building the unmutated tree and checking that its suite passes" >&2
cmake --build "$build" >/dev/null
ctest --test-dir "$build" -j "$(nproc)" --timeout "$timeout" "${ctest_args[@]}" >/dev/null ||
  { echo "mutate: the unmutated suite fails; fix that first" >&2; exit 1; }

killed=0 survived=0 broken=0 number=0
survivors=()
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  number=$((number + 1))
  if [ $# -gt 0 ] && [[ " $* " != *" $number "* ]]; then continue; fi
  file="${line%% @@ *}"; rest="${line#* @@ }"
  search="${rest%% @@ *}"; rest="${rest#* @@ }"
  replacement="${rest%% @@ *}"; description="${rest#* @@ }"
  cp "$file" "$saved"
  target="$file"
  if ! plant "$file" "$search" "$replacement"; then
    verdict="stale (its search text is no longer in the file: update mutants.txt)"
    broken=$((broken + 1))
  elif ! cmake --build "$build" >/dev/null 2>&1; then
    verdict="does not build"
    broken=$((broken + 1))
  elif ctest --test-dir "$build" -j "$(nproc)" --timeout "$timeout" --stop-on-failure \
         "${ctest_args[@]}" >/dev/null 2>&1; then
    verdict="SURVIVED"
    survived=$((survived + 1))
    survivors+=("$number: $description ($file)")
  else
    verdict="killed"
    killed=$((killed + 1))
  fi
  restore
  printf '%3d %-15s %s (%s)\n' "$number" "$verdict" "$description" "$file"
done < "$mutants"
cmake --build "$build" >/dev/null  # leave the build matching the restored tree

total=$((killed + survived))
echo
echo "mutants: $killed killed, $survived survived, $broken stale or did not build"
[ "$total" -eq 0 ] || echo "score: $killed / $total = $((100 * killed / total)) %"
for s in "${survivors[@]+"${survivors[@]}"}"; do echo "survivor $s"; done
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
