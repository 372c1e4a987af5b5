#!/usr/bin/env bash
# Re-baselines the golden cases from the current build: review `git diff tests/golden` before
# committing, never commit it blindly. Usage: tests/rebaseline.sh [CASE...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/SfbPolicyGen.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/SfbPolicyGen.Cli/bin/Release/net10.0/SfbPolicyGen.Cli.dll)
root=$(pwd)
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=($(ls tests/golden))
for name in "${cases[@]}"; do
  dir="tests/golden/$name"
  case "$name" in
    1*) # invalid input: the expected diagnostics and exit code
        inputs=$(cd "$dir" && ls *.yaml | sort)
        set +e; out=$(cd "$dir" && "${cli[@]/#src/../../../src}" validate $inputs 2>&1); code=$?; set -e
        printf '%s\nexit code: %s\n' "$out" "$code" > "$dir/expected.txt" ;;
    2*) # import: sources/ copied to a scratch folder, import run there with arguments.txt (one per
        # line); the policy file it writes, and its output and exit code
        scratch=$(mktemp -d)
        cp -R "$dir/sources" "$scratch/"
        mapfile -t args < "$dir/arguments.txt"
        set +e; out=$(cd "$scratch" && dotnet "$root/${cli[1]}" "${args[@]}" 2>&1); code=$?; set -e
        printf '%s\nexit code: %s\n' "$out" "$code" > "$dir/expected.txt"
        rm -f "$dir/expected.yaml"
        if [ -f "$scratch/policies.yaml" ]; then cp "$scratch/policies.yaml" "$dir/expected.yaml"; fi
        rm -rf "$scratch" ;;
    *)  inputs=$(cd "$dir" && ls *.yaml | sort)
        rm -rf "$dir/expected"
        (cd "$dir" && "${cli[@]/#src/../../../src}" generate $inputs --out expected >/dev/null) ;;
  esac
  echo "re-baselined $name"
done
