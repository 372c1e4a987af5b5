#!/usr/bin/env bash
# The floor of issue 25's speed-up target (docs/PERFORMANCE.md, "Second step: the serial ends of a run, and what a second core gives here (measured)"): how
# much faster a trivially parallel Native AOT program runs on each CPU set than on the first, for the
# three kinds of work a generate run does: arithmetic (nothing allocated), building and hashing strings
# (allocation and the GC, like rendering) and writing small files on tmpfs (like staging). Publishes
# bench/parallel-floor.cs outside the repository (a .NET 10 file-based program), then runs rounds: each
# round runs every mode on every CPU set, even rounds in reverse order. Prints a Markdown table: medians
# of the time the work takes inside the process, and the speed-up of each set over the first.
#
# Usage: bench/parallel-floor.sh [--runs N] [--cores LIST]
#   --runs N      rounds (default 5)
#   --cores LIST  comma-separated CPU sets for `taskset -c` (default 0,0-1)
set -euo pipefail
export LC_ALL=C
repo=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
runs=5 cores=0,0-1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    *) echo "usage: bench/parallel-floor.sh [--runs N] [--cores LIST]" >&2; exit 2 ;;
  esac
done
log() { echo "parallel-floor: $*" >&2; }
IFS=, read -r -a sets <<<"$cores"

build=$(mktemp -d /var/tmp/sfb-parallel-floor.XXXXXX); trap 'rm -rf "$build"' EXIT
cp "$repo/bench/parallel-floor.cs" "$build/"
log "publishing (Native AOT)"
(cd "$build" && dotnet publish parallel-floor.cs -o "$build/out" >"$build/publish.log" 2>&1) || { tail -n 20 "$build/publish.log" >&2; exit 1; }

# The sizes make each mode take about a second on one core of the machine of docs/PERFORMANCE.md.
modes=("compute 400" "alloc 8000" "files 100000")
results=$build/results.txt
: >"$results"
for ((r = 1; r <= runs; r++)); do
  for ((k = 0; k < ${#sets[@]}; k++)); do
    set=${sets[$((r % 2 ? k : ${#sets[@]} - 1 - k))]}
    for mode in "${modes[@]}"; do
      echo "$set $(taskset -c "$set" "$build/out/parallel-floor" $mode)" >>"$results"
    done
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "### What a second core gives here: $runs rounds, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| work |'; for set in "${sets[@]}"; do printf ' CPUs %s, median ms |' "$set"; done; for set in "${sets[@]:1}"; do printf ' speed-up, %s over %s |' "$set" "${sets[0]}"; done; echo
printf '|---|'; for _ in "${sets[@]}" "${sets[@]:1}"; do printf -- '---:|'; done; echo
for mode in "${modes[@]}"; do
  name=${mode%% *}
  printf '| %s |' "$mode"
  declare -A ms=()
  for set in "${sets[@]}"; do
    ms[$set]=$(awk -v s="$set" -v m="$name" '$1 == s && $2 == m { print $3 }' "$results" | median)
    printf ' %s |' "${ms[$set]}"
  done
  for set in "${sets[@]:1}"; do printf ' %s |' "$(awk -v a="${ms[${sets[0]}]}" -v b="${ms[$set]}" 'BEGIN { printf "%.2f", a / b }')"; done
  echo
done
