#!/usr/bin/env bash
# The scale measurements of docs/PERFORMANCE.md, to rerun as they are after any change. Builds the
# Native AOT tool of this checkout, an AOT hello world and the npm dns-zonefile baseline; writes
# synthetic repositories; then times each command end to end side by side with `cp -r` of its output,
# reading that tree once, hello world and dns-zonefile writing the same zones, round after round (each
# round runs every contender once, so a noisy neighbour slows all of them alike): median and spread
# (min-max), peak RSS, user and system time. Then counts system calls on disk (strace -f -c), and with
# --perf samples where a fresh generate spends its time. With --cores, every round runs every contender
# once on each CPU set, and the report compares the sets.
#
# Usage: bench/scale.sh [--disk DIR] [--runs N] [--sizes LIST] [--cores LIST] [--report FILE] [--no-strace] [--perf]
#   --disk DIR     time on DIR (a disk folder) instead of /dev/shm, the RAM file system the issue's time
#                  targets are set on (the shared disk varies several-fold from run to run)
#   --runs N       rounds per size (default 5; the sample, which takes milliseconds, gets 4 x N)
#   --sizes LIST   comma-separated, among sample,1000x20,1x1000,1x10000 (TENANTSxDOMAINS; default all)
#   --cores LIST   time every round on each of these CPU sets in turn (even rounds in reverse order).
#                  Comma-separated; each set goes to `taskset -c` as it is: one CPU (0) or a range (0-1),
#                  + joining the CPUs of one set (0+2 is CPUs 0 and 2). --cores 0,0-1 compares CPU 0
#                  alone with CPUs 0 and 1 (sets, not counts: --cores 1,2 is CPU 1, then CPU 2). Adds,
#                  per core count, the ratios of issue 25 and each command's speed-up (its median on the
#                  first set over the last). strace and perf stay unpinned. Needs taskset (util-linux)
#   --report FILE  also write the Markdown report there (it always goes to stdout)
#   --no-strace    skip the system-call counts (1000x20 on disk, under /var/tmp unless --disk)
#   --perf         also sample a fresh generate of 1000x20 with perf (by binary and function)
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME and awk with a decimal point
repo=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage="usage: bench/scale.sh [--disk DIR] [--runs N] [--sizes LIST] [--cores LIST] [--report FILE] [--no-strace] [--perf]"
disk="" runs=5 sizes="sample,1000x20,1x1000,1x10000" cores="" report="" strace=1 perf=0
while [ $# -gt 0 ]; do
  case "$1" in
    --disk) disk=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    --no-strace) strace=0; shift ;;
    --perf) perf=1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

log() { echo "scale: $*" >&2; }

# The CPU sets of --cores (checked before the builds), and their labels: "CPU 0 (1 core)". Without
# --cores, one empty set: nothing is pinned.
sets=("") labels=("")
if [ -n "$cores" ]; then
  if ! command -v taskset >/dev/null; then
    log "--cores needs taskset: install util-linux (apt-get install util-linux), or leave out --cores"; exit 2
  fi
  sets=() labels=()
  for entry in ${cores//,/ }; do
    cpus=${entry//+/,}
    # nproc counts the CPUs its affinity allows (OMP_* would override it).
    if ! count=$(taskset -c "$cpus" env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null); then
      log "--cores: taskset -c $cpus fails; this shell may use CPUs $(taskset -cp $$ | sed 's/.*: //')"; echo "$usage" >&2; exit 2
    fi
    sets+=("$cpus")
    if [ "$count" = 1 ]; then labels+=("CPU $cpus (1 core)"); else labels+=("CPUs $cpus ($count cores)"); fi
  done
  [ ${#sets[@]} -gt 0 ] || { log "--cores: no CPU set in '$cores'"; echo "$usage" >&2; exit 2; }
fi

# Programs the measurements need, installed when missing (Debian's packages).
need=()
[ -x /usr/bin/time ] || need+=(time)
[ "$strace" = 0 ] || command -v strace >/dev/null || need+=(strace)
[ "$perf" = 0 ] || command -v perf >/dev/null || need+=(linux-perf)
command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi

# Builds go to the disk (binaries are paged in once either way); the data goes where it is timed.
build=$(mktemp -d /var/tmp/sfb-scale-build.XXXXXX)
root=$(mktemp -d "${disk:-/dev/shm}/sfb-scale.XXXXXX")
strace_data=""
trap 'rm -rf "$build" "$root" $strace_data' EXIT

log "building the Native AOT tool, the JIT tool and an AOT hello world (a few minutes)"
# The AOT symbols stay beside the binary so that perf can name functions.
dotnet publish "$repo/src/SfbPolicyGen.Cli" -c Release -r linux-x64 -p:CopyOutputSymbolsToPublishDirectory=true -o "$build/aot" >&2
dotnet publish "$repo/src/SfbPolicyGen.Cli" -c Release -p:PublishAot=false -o "$build/jit" >&2
dotnet new console -o "$build/hello" -n Hello >&2
dotnet publish "$build/hello" -c Release -r linux-x64 -p:PublishAot=true -o "$build/hello-aot" >&2
tool=$build/aot/SfbPolicyGen.Cli jit=$build/jit/SfbPolicyGen.Cli hello=$build/hello-aot/Hello
log "installing dns-zonefile 0.3.2 from npm"
(cd "$build" && npm install --no-audit --no-fund --silent dns-zonefile@0.3.2 >&2)
cp "$repo/bench/zonefile-baseline.mjs" "$build/"

# A synthetic repository: N tenant files of M domains each under DIR/tenants, DNS profiles, proxy kinds
# and client sets mixed (tenant k: profile k mod 3, proxy k/3 mod 3, clients k/9 mod 3), and
# DIR/zones.tsv (domain TAB profile) for the dns-zonefile baseline.
make_repository() {
  mkdir -p "$1/tenants"
  awk -v dir="$1" -v n="$2" -v m="$3" 'BEGIN {
    split("troubleshooting skype-online teams-only", profile, " ")
    split("tmg other none", proxy, " ")
    clients[1] = "[communicator]"; clients[2] = "[communicator, skype2016]"; clients[3] = "[communicator, lync2013, skype2016]"
    format = "d%0" length(m "") "d.%s.example"
    for (k = 0; k < n; k++) {
      name = sprintf("t%04d", k + 1); file = dir "/tenants/" name ".yaml"; p = profile[k % 3 + 1]
      printf "tenant:\n  name: %s\ntrustModelData:\n  clients: %s\nproxy:\n  kind: %s\ndns:\n  profile: %s\n", name, clients[int(k / 9) % 3 + 1], proxy[int(k / 3) % 3 + 1], p > file
      if (p == "skype-online") print "  lyncdiscover: true" > file
      print "domains:" > file
      for (j = 1; j <= m; j++) {
        domain = sprintf(format, j, name)
        print "  - " domain > file
        print domain "\t" p > (dir "/zones.tsv")
      }
      close(file)
    }
  }'
}

# measure NAME EXPECTED-EXIT COMMAND...: one timed run from the size's folder; appends
# "NAME ms rss_kib user_s sys_s" to $results. /usr/bin/time wraps every contender alike, and its
# standard output (the contender's) goes to /dev/null.
measure() {
  local name=$1 expect=$2 start end code
  shift 2
  start=$EPOCHREALTIME
  set +e
  /usr/bin/time -f '%M %U %S' -o "$data/time.txt" "$@" >/dev/null 2>"$data/stderr.txt"
  code=$?
  set -e
  end=$EPOCHREALTIME
  if [ "$code" != "$expect" ]; then
    log "$name exited $code, not $expect"; tail -n 5 "$data/stderr.txt" >&2; exit 1
  fi
  echo "$name $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) * 1000 }') $(tail -n 1 "$data/time.txt")" >>"$results"
}

# One round of one size: every contender once, fresh before unchanged.
round() {
  measure "hello world (AOT)" 0 "$hello"
  [ "$size" != sample ] || measure "validate (JIT)" 0 "$jit" validate $inputs
  measure "validate" 0 "$tool" validate $inputs
  rm -rf out
  measure "generate, fresh" 0 "$tool" generate $inputs --out out
  measure "generate, unchanged" 0 "$tool" generate $inputs --out out
  measure "check, unchanged" 0 "$tool" check $inputs --out out
  measure "plan, unchanged" 0 "$tool" plan $inputs --out out
  measure "check, fresh" 1 "$tool" check $inputs --out none
  measure "plan, fresh" 1 "$tool" plan $inputs --out none
  rm -rf copy
  measure "cp -r of out" 0 cp -r out copy
  # find out -type f -exec cat {} + >/dev/null, as issue 25 states it (measure sends stdout there).
  measure "read the tree once" 0 find out -type f -exec cat {} +
  rm -rf zones
  measure "dns-zonefile (npm)" 0 node "$build/zonefile-baseline.mjs" zones.tsv zones
}

# The median and spread of each contender: "NAME|median ms|min ms|max ms|median RSS KiB|median user s|median sys s".
summarise() {
  awk '{ name = $1; for (i = 2; i <= NF - 4; i++) name = name " " $i
         n[name]++; ms[name, n[name]] = $(NF - 3); rss[name, n[name]] = $(NF - 2); us[name, n[name]] = $(NF - 1); sy[name, n[name]] = $NF
         if (!(name in seen)) { seen[name] = 1; order[++names] = name } }
       function median(a, key, count,   i, j, t, v) {
         for (i = 1; i <= count; i++) v[i] = a[key, i]
         for (i = 2; i <= count; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
         lo = v[1]; hi = v[count]
         return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2 }
       END { for (k = 1; k <= names; k++) { name = order[k]; c = n[name]
               m = median(ms, name, c); l = lo; h = hi
               printf "%s|%.1f|%.1f|%.1f|%d|%.2f|%.2f\n", name, m, l, h, median(rss, name, c), median(us, name, c), median(sy, name, c) } }' "$1"
}

value() { awk -F'|' -v name="$2" -v col="$3" '$1 == name { print $col }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# Table cells with one column per CPU set: its label, the header's rule, and for each set FUNCTION I.
columns() { printf ' %s |' "${labels[@]}"; }
rules() { printf -- '---:|%.0s' "${labels[@]}"; }
per_set() { local i; for i in "${!sets[@]}"; do printf ' %s |' "$("$1" "$i")"; done; }

# Each part of the report goes to stdout as soon as it is measured (a later failure keeps it) and to $out.
out=$(mktemp)
emit() { tee -a "$out"; }
{
  echo "## Scale run of $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- commit: \`$(git -C "$repo" rev-parse --short HEAD)\` $(git -C "$repo" log -1 --format=%s | cut -c1-80)$([ -z "$(git -C "$repo" status --porcelain)" ] || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -m | awk '/^Mem:/ { print $2 }') MiB memory, kernel $(uname -r)"
  echo "- timed on: \`$(dirname "$root")\` ($(df -T "$root" | awk 'NR == 2 { print $2 }')); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- tool: Native AOT, $(stat -c %s "$tool") bytes; hello world: Native AOT, $(stat -c %s "$hello") bytes; $(node --version) with dns-zonefile 0.3.2"
  if [ -n "$cores" ]; then
    order=$(printf '%s, then ' "${labels[@]}")
    echo "- pinned (\`--cores $cores\`): each round runs every contender on ${order%, then }, the other way round on even rounds; \`taskset -cp\` pins the shell that starts them"
  fi
} | emit

for size in ${sizes//,/ }; do
  data=$root/$size
  mkdir -p "$data"
  case "$size" in
    sample) cp "$repo/policies.yaml" "$data/"; inputs=policies.yaml; rounds=$((runs * 4))
            printf 'contoso.com\ttroubleshooting\ncontoso.fr\ttroubleshooting\n' >"$data/zones.tsv" ;;
    *x*)    make_repository "$data" "${size%x*}" "${size#*x}"; inputs=tenants; rounds=$runs ;;
    *)      log "unknown size $size"; exit 2 ;;
  esac
  log "$size: $rounds round(s)$([ -z "$cores" ] || echo " on each of ${#sets[@]} CPU sets")"
  cd "$data"
  # Each round runs on every CPU set in turn, even rounds in reverse order, so that no set always
  # follows the other. A pinned round runs in a subshell pinned with taskset: what it starts inherits
  # the CPU set, with no taskset process in what is timed.
  for ((r = 1; r <= rounds; r++)); do
    for ((k = 0; k < ${#sets[@]}; k++)); do
      i=$((r % 2 ? k : ${#sets[@]} - 1 - k))
      results=$data/results-$i.txt
      if [ -z "${sets[i]}" ]; then round; else (taskset -cp "${sets[i]}" "$BASHPID" >/dev/null; round); fi
    done
  done
  files=$(find out -type f | wc -l) zones=$(wc -l <zones.tsv) mib=$(du -sm out | cut -f1)
  for i in "${!sets[@]}"; do
    summary=$data/summary-$i.txt
    summarise "results-$i.txt" >"$summary"
    ms() { value "$summary" "$1" 2; }
    {
      echo
      if [ -z "$cores" ]; then
        echo "### $size: $files files ($mib MiB), $zones zones; $rounds rounds"
      else
        [ "$i" != 0 ] || printf '### %s\n\n' "$size: $files files ($mib MiB), $zones zones; $rounds rounds on each CPU set"
        echo "#### $size on ${labels[i]}"
      fi
      echo
      echo "| command | median ms | spread ms (min-max) | peak RSS MiB | user s | sys s |"
      echo "|---|---:|---:|---:|---:|---:|"
      awk -F'|' '{ printf "| %s | %s | %s-%s | %.1f | %s | %s |\n", $1, $2, $3, $4, $5 / 1024, $6, $7 }' "$summary"
      echo
      echo "| ratio (medians) | value | target |"
      echo "|---|---:|---|"
      if [ "$size" = sample ]; then
        echo "| validate / hello world | $(ratio "$(ms validate)" "$(ms 'hello world (AOT)')") | <= 2 |"
        echo "| generate, fresh / hello world | $(ratio "$(ms 'generate, fresh')" "$(ms 'hello world (AOT)')") | <= 3 |"
        echo "| validate JIT / validate AOT | $(ratio "$(ms 'validate (JIT)')" "$(ms validate)") | |"
      fi
      echo "| generate, fresh / cp -r | $(ratio "$(ms 'generate, fresh')" "$(ms 'cp -r of out')") | <= 2 (1000x20) |"
      per_file=$(awk -v a="$(ms 'generate, fresh')" -v f="$files" 'BEGIN { printf "%.1f", a * 1000 / f }')
      per_zone=$(awk -v a="$(ms 'dns-zonefile (npm)')" -v z="$zones" 'BEGIN { printf "%.1f", a * 1000 / z }')
      echo "| generate, fresh, per file / dns-zonefile, per zone | $(ratio "$per_file" "$per_zone") ($per_file vs $per_zone us) | <= 2 (1000x20) |"
      for command in "generate, unchanged" "check, unchanged" "plan, unchanged"; do
        echo "| $command / read the tree once | $(ratio "$(ms "$command")" "$(ms 'read the tree once')") | <= 1.5 (1000x20) |"
      done
      echo "| largest peak RSS of the tool | $(awk -F'|' '$1 ~ /^(validate|generate|check|plan)/ && $1 !~ /JIT/ { if ($5 > m) m = $5 } END { printf "%.1f MiB", m / 1024 }' "$summary") | <= 100 MB (1000x20, 1x10000) |"
    } | emit
    cp "$summary" "$root/summary-$size-$i.txt"
  done
  # Issue 25: the ratios to the floors on each core count, and how each command speeds up from the
  # first CPU set to the last (its median there divided by its median here).
  if [ -n "$cores" ]; then
    last=$((${#sets[@]} - 1))
    {
      echo
      echo "#### $size: the targets of issue 25, per core count"
      echo
      echo "| ratio (medians) |$(columns) target |"
      echo "|---|$(rules)---|"
      for row in "generate, fresh|cp -r of out|cp -r|<= 1.5" "generate, unchanged|read the tree once|read the tree once|<= 1.0" \
                 "check, unchanged|read the tree once|read the tree once|<= 1.0"; do
        IFS='|' read -r command floor shown target <<<"$row"
        cell() { ratio "$(value "summary-$1.txt" "$command" 2)" "$(value "summary-$1.txt" "$floor" 2)"; }
        echo "| $command / $shown |$(per_set cell) $target |"
      done
      if [ "$last" -gt 0 ]; then
        echo
        echo "| median ms |$(columns) speed-up, ${labels[0]%% (*} / ${labels[last]%% (*} | target |"
        echo "|---|$(rules)---:|---|"
        while IFS='|' read -r command _; do
          cell() { value "summary-$1.txt" "$command" 2; }
          case "$command" in generate*|check*|plan*) target=">= 1.7 (1 to 2 cores)" ;; *) target="" ;; esac
          echo "| $command |$(per_set cell) $(ratio "$(cell 0)" "$(cell "$last")") |${target:+ $target} |"
        done <summary-0.txt
      fi
    } | emit
  fi
  rm -rf out copy zones
  cd "$root"
done

# 10x the domains, <= 11x the time (one tenant), on each CPU set.
if [ -f "$root/summary-1x1000-0.txt" ] && [ -f "$root/summary-1x10000-0.txt" ]; then
  {
    echo
    echo "### One tenant, 10,000 domains against 1,000"
    echo
    if [ -z "$cores" ]; then
      echo "| command | 1x10000 / 1x1000 (medians) | target |"
      echo "|---|---:|---|"
    else
      echo "| 1x10000 / 1x1000 (medians) |$(columns) target |"
      echo "|---|$(rules)---|"
    fi
    for command in "validate" "generate, fresh" "generate, unchanged" "check, unchanged" "plan, unchanged"; do
      cell() { ratio "$(value "$root/summary-1x10000-$1.txt" "$command" 2)" "$(value "$root/summary-1x1000-$1.txt" "$command" 2)"; }
      echo "| $command |$(per_set cell) <= 11 |"
    done
  } | emit
fi

# System calls on disk, 1000x20: what each command costs per file, and the flushes.
if [ "$strace" = 1 ]; then
  log "counting system calls on disk (strace -f -c), 1000x20"
  data=$(mktemp -d "${disk:-/var/tmp}/sfb-strace.XXXXXX")
  strace_data=$data
  make_repository "$data" 1000 20
  cd "$data"
  # File-system calls: every call that names or acts on a file, folder or file descriptor's content.
  fs='^(open|openat|openat2|creat|close|read|write|pread64|pwrite64|readv|writev|lseek|stat|lstat|fstat|newfstatat|statx|statfs|fstatfs|access|faccessat|faccessat2|readlink|readlinkat|getcwd|chdir|mkdir|mkdirat|rmdir|rename|renameat|renameat2|unlink|unlinkat|link|linkat|symlink|symlinkat|fsync|fdatasync|syncfs|sync|sync_file_range|flock|fcntl|ftruncate|fallocate|getdents64|chmod|fchmod|fchmodat|utimensat|fadvise64|copy_file_range|sendfile) '
  traced() { # NAME COMMAND...: one run under strace -f -c; prints a table row
    local name=$1 files
    shift
    strace -f -c -o strace.txt "$@" >/dev/null 2>&1 || true
    files=$(find out -type f | wc -l)
    # strace -c rows: % time, seconds, usecs/call, calls, [errors,] syscall.
    awk '$1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { print $NF, $4 }' strace.txt >calls.txt
    grep -E "$fs" calls.txt | sort -k2,2nr >fs-calls.txt || true
    local all fsn flushes top
    all=$(awk '{ n += $2 } END { print n + 0 }' calls.txt)
    fsn=$(awk '{ n += $2 } END { print n + 0 }' fs-calls.txt)
    flushes=$(awk '$1 ~ /^(fsync|fdatasync|syncfs|sync|sync_file_range)$/ { n += $2 } END { print n + 0 }' calls.txt)
    top=$(head -n 6 fs-calls.txt | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
    echo "| $name | $files | $all | $fsn | $(ratio "$fsn" "$files") | $flushes | $top |"
  }
  {
    echo
    echo "### System calls on disk, 1000x20 (\`strace -f -c\`, $(df -T . | awk 'NR == 2 { print $2 }') at \`$(dirname "$data")\`)"
    echo
    echo "| command | files in out | system calls | file-system calls | per file | flushes | most frequent file-system calls |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    traced "generate, fresh" "$tool" generate tenants --out out
    traced "generate, unchanged" "$tool" generate tenants --out out
    traced "check, unchanged" "$tool" check tenants --out out
    traced "plan, unchanged" "$tool" plan tenants --out out
    rm -rf copy
    traced "cp -r of out" cp -r out copy
    traced "read the tree once" find out -type f -exec cat {} +
  } | emit
  cd "$root"
  rm -rf "$data"
fi

# Where a fresh generate spends its time, by binary and by function (perf's cpu-clock samples).
if [ "$perf" = 1 ]; then
  log "sampling a fresh generate of 1000x20 with perf"
  data=$root/perf
  mkdir -p "$data" && cd "$data"
  make_repository "$data" 1000 20
  perf record -q -e cpu-clock -F 999 -o perf.data "$tool" generate tenants --out out >/dev/null 2>&1
  {
    echo
    echo "### Where a fresh generate of 1000x20 spends its time (\`perf record -e cpu-clock\`)"
    echo
    echo '```text'
    perf report -i perf.data --stdio --no-children --sort dso --percent-limit 2 2>/dev/null | grep -E '^ +[0-9]' | head -n 12
    echo
    perf report -i perf.data --stdio --no-children --sort dso,sym --percent-limit 1 2>/dev/null | grep -E '^ +[0-9]' | head -n 25
    echo '```'
  } | emit
  cd "$root"
fi

printf '\n- load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" | emit
[ -z "$report" ] || cp "$out" "$report"
rm -f "$out"
