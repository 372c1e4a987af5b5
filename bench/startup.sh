#!/usr/bin/env bash
# The start-up measurements of docs/PERFORMANCE.md, "Start-up (issue 25)": how many pages the Native AOT
# tool touches to start, and how long it takes, for several sets of build properties side by side with an
# AOT hello world (the floor). Publishes the tool once per variant (`dotnet publish src/SfbPolicyGen.Cli
# -c Release -r linux-x64 -o DIR -p:...`, each variant with its own native intermediate folder, so that
# no variant reuses another's object or link) and the hello world into /var/tmp, then runs rounds: each
# round runs `--version` and `validate policies.yaml` (from the repository root) of every variant once,
# and the hello world, so a noisy neighbour slows all of them alike. Each run is timed with bash's
# EPOCHREALTIME around `/usr/bin/time -f %R` (minor page faults of the process), the same wrapper for
# every contender. Prints a Markdown table: variant, binary size, faults (median), time (median, min-max),
# ratio to hello world; and, from the first variant's mstat file, what each assembly brings.
#
# Usage: bench/startup.sh [--runs N] [--variants LIST] [--binary NAME=PATH]... [--report FILE] [--no-mstat] [--keep DIR]
#   --runs N         rounds (default 15)
#   --variants LIST  comma-separated names among those below (default: the list docs/PERFORMANCE.md
#                    records), in table order
#   --binary NAME=PATH  also time a native tool already built (another commit's publish folder, an
#                    installed release), as the variant NAME, after the others; it must print a version
#   --report FILE    also write the Markdown report there (it always goes to stdout)
#   --no-mstat       skip the size by assembly (it needs the first variant and `dotnet run --file`)
#   --keep DIR       build into DIR and keep it (default: a temporary folder under /var/tmp, removed)
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME and awk with a decimal point
repo=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The variants: NAME=PROPERTIES (semicolon-separated -p: properties; empty for the build as committed).
# "current" is whatever the csproj says at this commit; the others add to it.
declare -A props=(
  [current]=""
  [dehydrate-off]="IlcDehydrate=false"
  [no-pie]="PositionIndependentExecutable=false"
  [dehydrate-off+no-pie]="IlcDehydrate=false;PositionIndependentExecutable=false"
  [size]="OptimizationPreference=Size"
  [resource-keys]="UseSystemResourceKeys=true"
  [no-stacktrace]="StackTraceSupport=false"
  [stacktracedata-off]="IlcGenerateStackTraceData=false"
  [invariant]="InvariantGlobalization=true"
  [feature-switches]="EventSourceSupport=false;HttpActivityPropagationSupport=false;MetadataUpdaterSupport=false;DebuggerSupport=false;UseNativeHttpHandler=false"
  [dehydrate-off+no-pie+size]="IlcDehydrate=false;PositionIndependentExecutable=false;OptimizationPreference=Size"
  [dehydrate-off+no-pie+no-stacktrace]="IlcDehydrate=false;PositionIndependentExecutable=false;StackTraceSupport=false"
  [before-i25]="IlcDehydrate=true;PositionIndependentExecutable=true"
  [all]="IlcDehydrate=false;PositionIndependentExecutable=false;OptimizationPreference=Size;UseSystemResourceKeys=true;StackTraceSupport=false;InvariantGlobalization=true;EventSourceSupport=false;HttpActivityPropagationSupport=false;MetadataUpdaterSupport=false;DebuggerSupport=false"
)
# The default list is the one docs/PERFORMANCE.md records. Also known, on request: stacktracedata-off
# (ILCompiler 10.0.12's targets do not read IlcGenerateStackTraceData: the same binary as current) and
# all (every property above at once, some of which change what users read: a probe, not a candidate);
# before-i25 (the csproj's IlcDehydrate=false and PositionIndependentExecutable=false undone: since issue
# 25, "current" is the kept pair, so this is the build the table calls current).
order="current,dehydrate-off,no-pie,dehydrate-off+no-pie,no-stacktrace,size,invariant,feature-switches,resource-keys,dehydrate-off+no-pie+no-stacktrace,dehydrate-off+no-pie+size"
known="$order,stacktracedata-off,before-i25,all"

runs=15 variants=$order report="" mstat=1 keep="" binaries=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    --binary) binaries+=("$2"); shift 2 ;;
    --no-mstat) mstat=0; shift ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: bench/startup.sh [--runs N] [--variants LIST] [--binary NAME=PATH]... [--report FILE] [--no-mstat] [--keep DIR]" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a names <<<"$variants"
for name in "${names[@]}"; do
  [ -n "${props[$name]+set}" ] || { echo "startup: unknown variant $name (known: $known)" >&2; exit 2; }
done

log() { echo "startup: $*" >&2; }
[ -x /usr/bin/time ] || {
  log "installing time"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends time >&2
}

if [ -n "$keep" ]; then
  build=$keep; mkdir -p "$build"
else
  build=$(mktemp -d /var/tmp/sfb-startup.XXXXXX); trap 'rm -rf "$build"' EXIT
fi

# One publish per variant, each with its own native intermediate and output folders: ILC reruns when its
# response file changes, but the link step only looks at file dates, so a shared folder could keep the
# previous variant's binary when only a linker argument changed.
for name in "${names[@]}"; do
  [ -x "$build/$name/SfbPolicyGen.Cli" ] && { log "$name: already built"; continue; }
  args=(-p:NativeIntermediateOutputPath="$build/obj-$name/" -p:NativeOutputPath="$build/native-$name/")
  IFS=';' read -r -a extra <<<"${props[$name]}"
  for p in "${extra[@]}"; do [ -z "$p" ] || args+=("-p:$p"); done
  [ "$name" != "${names[0]}" ] || [ "$mstat" = 0 ] || args+=(-p:IlcGenerateMstatFile=true)
  log "publishing $name (${props[$name]:-as committed})"
  dotnet publish "$repo/src/SfbPolicyGen.Cli" -c Release -r linux-x64 -o "$build/$name" "${args[@]}" >"$build/publish-$name.log" 2>&1 \
    || { tail -n 20 "$build/publish-$name.log" >&2; exit 1; }
done
# Binaries given with --binary: copied in as variants of their own (their properties: the path).
for entry in "${binaries[@]}"; do
  name=${entry%%=*} path=${entry#*=}
  [ -x "$path" ] && [ "$name" != "$entry" ] || { log "--binary $entry: give NAME=PATH of an executable"; exit 2; }
  mkdir -p "$build/$name" && cp "$path" "$build/$name/SfbPolicyGen.Cli"
  props[$name]="(built: $path)" names+=("$name")
done
if [ ! -x "$build/hello-aot/Hello" ]; then
  log "publishing the AOT hello world"
  rm -rf "$build/hello"
  dotnet new console -o "$build/hello" -n Hello >"$build/publish-hello.log" 2>&1
  dotnet publish "$build/hello" -c Release -r linux-x64 -p:PublishAot=true -o "$build/hello-aot" >>"$build/publish-hello.log" 2>&1 \
    || { tail -n 20 "$build/publish-hello.log" >&2; exit 1; }
fi
hello=$build/hello-aot/Hello

# measure LABEL EXPECTED-EXIT COMMAND...: one run from the repository root; appends "LABEL faults ms".
results=$build/results.txt
: >"$results"
measure() {
  local label=$1 expect=$2 start end code
  shift 2
  start=$EPOCHREALTIME
  set +e
  /usr/bin/time -f '%R' -o "$build/time.txt" "$@" >/dev/null 2>"$build/stderr.txt"
  code=$?
  set -e
  end=$EPOCHREALTIME
  if [ "$code" != "$expect" ]; then
    log "$label exited $code, not $expect"; tail -n 5 "$build/stderr.txt" >&2; exit 1
  fi
  echo "$label $(tail -n 1 "$build/time.txt") $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) * 1000 }')" >>"$results"
}

cd "$repo"
version=$(dotnet msbuild src/SfbPolicyGen.Cli -getProperty:Version)
for name in "${names[@]}"; do # each build still answers as the tool does
  case "$("$build/$name/SfbPolicyGen.Cli" --version)" in "$version" | "$version+"*) ;; *) log "$name: --version is not $version"; exit 1 ;; esac
done
log "$runs round(s)"
for ((r = 1; r <= runs; r++)); do
  measure "hello|run" 0 "$hello"
  for name in "${names[@]}"; do
    measure "$name|version" 0 "$build/$name/SfbPolicyGen.Cli" --version
    measure "$name|validate" 0 "$build/$name/SfbPolicyGen.Cli" validate policies.yaml
  done
done

# "LABEL|median faults|median ms|min ms|max ms"
awk '{ n[$1]++; f[$1, n[$1]] = $2; t[$1, n[$1]] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
     function median(a, key, count,   i, j, x, v) {
       for (i = 1; i <= count; i++) v[i] = a[key, i]
       for (i = 2; i <= count; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
       lo = v[1]; hi = v[count]
       return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2 }
     END { for (i = 1; i <= k; i++) { l = order[i]; c = n[l]; mf = median(f, l, c); mt = median(t, l, c)
             printf "%s|%d|%.2f|%.2f|%.2f\n", l, mf, mt, lo, hi } }' "$results" >"$build/summary.txt"
col() { awk -F'|' -v l="$1" -v c="$2" '$1 "|" $2 == l { print $c }' "$build/summary.txt"; }
hf=$(col "hello|run" 3) ht=$(col "hello|run" 4)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

out=$(mktemp)
{
  echo "### Start-up run of $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- command: \`bash bench/startup.sh --runs $runs${variants:+ --variants $variants}\`"
  echo "- commit: \`$(git -C "$repo" rev-parse --short HEAD)\` $(git -C "$repo" log -1 --format=%s | cut -c1-80)$([ -z "$(git -C "$repo" status --porcelain)" ] || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), kernel $(uname -r), $(dotnet --version 2>/dev/null | head -n 1) SDK; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $runs rounds, each running every contender once; faults: \`/usr/bin/time -f %R\` (minor page faults); time: wall, around \`/usr/bin/time\`, from the repository root"
  echo "- floor: AOT hello world (\`dotnet new console\`, \`PublishAot\`), $(stat -c %s "$hello") bytes: **$hf faults, $ht ms** ($(col "hello|run" 5)-$(col "hello|run" 6))"
  echo
  echo "| variant | properties | binary bytes | \`--version\` faults | \`--version\` ms (min-max) | x hello | \`validate\` faults | \`validate\` ms (min-max) | x hello |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${names[@]}"; do
    vf=$(col "$name|version" 3) vt=$(col "$name|version" 4) af=$(col "$name|validate" 3) at=$(col "$name|validate" 4)
    echo "| $name | ${props[$name]:-(as committed)} | $(stat -c %s "$build/$name/SfbPolicyGen.Cli") | $vf | $vt ($(col "$name|version" 5)-$(col "$name|version" 6)) | $(ratio "$vt" "$ht") | $af | $at ($(col "$name|validate" 5)-$(col "$name|validate" 6)) | $(ratio "$at" "$ht") |"
  done
  echo
  echo "Targets (issue 25): \`--version\` <= 400 minor faults; \`validate\` of the sample <= 2x hello world ($(awk -v h="$ht" 'BEGIN { printf "%.2f", 2 * h }') ms here)."
} | tee -a "$out"

if [ "$mstat" = 1 ]; then
  file=$(ls "$build/obj-${names[0]}"/*.mstat 2>/dev/null | head -n 1 || true)
  if [ -n "$file" ]; then
    cp "$repo/bench/mstat-by-assembly.cs" "$build/"
    {
      echo
      echo "#### What each assembly brings (\`${names[0]}\`, ILC's mstat file)"
      echo
      (cd "$build" && dotnet run --file mstat-by-assembly.cs -- "$file" 15 2>"$build/mstat.log") || tail -n 20 "$build/mstat.log" >&2
    } | tee -a "$out"
  fi
fi
[ -z "$report" ] || cp "$out" "$report"
rm -f "$out"
