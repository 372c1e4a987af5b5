#!/usr/bin/env bash
# Measures the output stage of a native (AOT) sfbpolicygen at scale (issue 14, points 2-4):
# a synthetic repository of N tenants x M domains (profiles and proxy kinds mixed), then on a RAM
# file system (/dev/shm, where timings are stable) a fresh generate against cp -r of its output, and
# unchanged generate/check/plan against reading the tree once; peak RSS of each command
# (/usr/bin/time -v); and on disk the system calls of a fresh and an unchanged generate (strace -f -c),
# which do not vary from run to run.
#
# usage: tests/perf/measure-output.sh BINARY [TENANTS] [DOMAINS] [RUNS] [DISK_DIR]
#   BINARY  the published native binary (dotnet publish src/SfbPolicyGen.Cli -c Release -r linux-x64
#           -p:PublishAot=true -o /tmp/aot, then /tmp/aot/SfbPolicyGen.Cli)
# Needs strace and GNU time (apt-get install strace time).
set -euo pipefail

bin=$(realpath "$1")
tenants=${2:-1000}
domains=${3:-20}
runs=${4:-3}
disk=${5:-/tmp}
shm=$(mktemp -d /dev/shm/sfb-perf.XXXXXX)
ondisk=$(mktemp -d "$disk/sfb-perf.XXXXXX")
trap 'rm -rf "$shm" "$ondisk"' EXIT

# tNNNN.yaml: dns profiles, proxy kinds and clients mixed over the tenants; every domain its own.
make_repo() {
  mkdir -p "$1/tenants"
  local profiles=(troubleshooting skype-online teams-only) proxies=(tmg other none)
  for ((t = 1; t <= tenants; t++)); do
    local name list="" profile=${profiles[t % 3]}
    name=$(printf 't%04d' "$t")
    for ((d = 1; d <= domains; d++)); do list+="${list:+, }d$d.$name.example"; done
    # lyncdiscover set, as the tool asks of skype-online tenants (warning SFB107 otherwise).
    [ "$profile" = skype-online ] && profile+=", lyncdiscover: true"
    printf 'tenant: {name: %s}\ndomains: [%s]\ntrustModelData: {clients: [communicator, lync2013]}\ndns: {profile: %s}\nproxy: {kind: %s}\n' \
      "$name" "$list" "$profile" "${proxies[(t / 3) % 3]}" >"$1/tenants/$name.yaml"
  done
}

# Median and spread (min-max) of the seconds a command takes, over $runs runs; $prepare runs before
# each (not timed).
timed() {
  local label=$1 prepare=$2
  shift 2
  local times=()
  for ((r = 0; r < runs; r++)); do
    eval "$prepare"
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END { printf "%-34s median %6.3f s  (min %.3f, max %.3f, %d runs)\n", label, t[int((NR + 1) / 2)], t[1], t[NR], NR }'
}

peak() {
  local label=$1
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$shm/time.txt" || true
  awk -v label="$label" '/Maximum resident set size/ { printf "%-34s peak RSS %6.1f MiB\n", label, $6 / 1024 }' "$shm/time.txt"
}

syscalls() {
  local label=$1 files
  shift
  strace -f -c -o "$ondisk/strace.txt" "$@" >/dev/null 2>&1 || true
  files=$(find "$ondisk/out" -type f | wc -l)
  # strace -c columns: % time, seconds, usecs/call, calls, [errors,] syscall.
  awk '$NF ~ /^(openat|open|read|pread64|write|pwrite64|close|stat|lstat|fstat|newfstatat|statx|readlink|readlinkat|getcwd|mkdir|mkdirat|rename|renameat|renameat2|unlink|unlinkat|rmdir|flock|fsync|fdatasync|syncfs|getdents64|access|faccessat|faccessat2|ftruncate|lseek|fstatfs|statfs)$/ { print $4, $NF, (NF == 6 ? $5 : 0) }' \
    "$ondisk/strace.txt" | sort -rn >"$ondisk/calls.txt"
  awk -v label="$label" -v files="$files" '
    { total += $1; calls[$2] = $1; if (NR <= 10) top = top sprintf(" %s %d%s,", $2, $1, $3 ? " (" $3 " failed)" : "") }
    END {
      printf "%-34s %d file-system calls for %d files (%.1f a file); flushes: fsync %d, fdatasync %d, syncfs %d\n", label, total, files, total / files, calls["fsync"], calls["fdatasync"], calls["syncfs"]
      printf "%-34s  most:%s\n", "", top
    }' "$ondisk/calls.txt"
}

cd "$shm"
make_repo "$shm"
echo "repository: $tenants tenant(s) x $domains domain(s); binary $bin; $(nproc) core(s)"

echo "== /dev/shm, time"
timed "fresh generate" 'rm -rf out' "$bin" generate tenants --out out --quiet
echo "   output: $(find out -type f | wc -l) files, $(du -sm out | cut -f1) MB"
timed "cp -r of its output" 'rm -rf out2' cp -r out out2
timed "read the tree once (find|cat)" '' sh -c 'find out -type f -exec cat {} + >/dev/null'
timed "unchanged generate" '' "$bin" generate tenants --out out --quiet
timed "unchanged check" '' "$bin" check tenants --out out
timed "unchanged plan" '' "$bin" plan tenants --out out

echo "== /dev/shm, peak RSS"
rm -rf out
peak "fresh generate" "$bin" generate tenants --out out --quiet
peak "unchanged generate" "$bin" generate tenants --out out --quiet
peak "unchanged check" "$bin" check tenants --out out
peak "unchanged plan" "$bin" plan tenants --out out

echo "== on disk ($disk), system calls"
cd "$ondisk"
cp -r "$shm/tenants" .
syscalls "fresh generate" "$bin" generate tenants --out out --quiet
syscalls "unchanged generate" "$bin" generate tenants --out out --quiet
syscalls "unchanged check" "$bin" check tenants --out out
syscalls "unchanged plan" "$bin" plan tenants --out out
