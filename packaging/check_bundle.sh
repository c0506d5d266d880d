#!/usr/bin/env bash
# Build the Linux bundle, start it headless on the example diary, and hold it to its size budget.
#     bash packaging/check_bundle.sh [python]
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_FOLDER_MIB=270   # dist/rlstracker/, unpacked
BUDGET_ARCHIVE_MIB=110  # dist/rlstracker-*.tar.gz

bash packaging/build.sh "${1:-}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME="$scratch/cache"
bundle=dist/rlstracker/rlstracker
"$bundle" --version
"$bundle" demo --data-dir "$scratch/diary"
started=$(date +%s.%N)
"$bundle" report --data-dir "$scratch/diary" -o "$scratch/report.pdf"
finished=$(date +%s.%N)
head -c 5 "$scratch/report.pdf" | grep -q '%PDF-' || { echo "the bundle wrote no PDF" >&2; exit 1; }
python3 -c "print(f\"report from the bundle: {$finished - $started:.2f} s\")"

folder_mib=$(( $(du -sk dist/rlstracker | cut -f1) / 1024 ))
archive_mib=$(( $(du -sk dist/rlstracker-*.tar.gz | tail -1 | cut -f1) / 1024 ))
echo "bundle: ${folder_mib} MiB unpacked (budget ${BUDGET_FOLDER_MIB}), ${archive_mib} MiB as .tar.gz (budget ${BUDGET_ARCHIVE_MIB})"
if (( folder_mib > BUDGET_FOLDER_MIB || archive_mib > BUDGET_ARCHIVE_MIB )); then
    echo "the bundle is over its size budget" >&2
    exit 1
fi
