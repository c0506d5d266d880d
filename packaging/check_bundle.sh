#!/usr/bin/env bash
# Build the Linux bundle and try it: the report of the example diary twice (the second start
# must read matplotlib's font list from the user cache folder, not build it again), the window
# started headless, the licences inside, no library needing a glibc newer than Ubuntu 22.04's,
# the notices in the repository still those of the pinned packages, and the size budget.
#     bash packaging/check_bundle.sh [python]
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_FOLDER_MIB=240   # dist/rlstracker/, unpacked
BUDGET_ARCHIVE_MIB=95   # dist/rlstracker-*.tar.gz
GLIBC_MAX=2.35          # Ubuntu 22.04

fail() { echo "check_bundle: $*" >&2; exit 1; }

bash packaging/build.sh "${1:-}"
venv_python=build/bundle-venv/bin/python
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME="$scratch/cache" RLSTRACKER_LOG_DIR="$scratch/log"
unset MPLCONFIGDIR
bundle=dist/rlstracker/rlstracker
"$bundle" --version
"$bundle" demo --data-dir "$scratch/diary"

# Two starts: the first builds the font list in the cache folder, the second only reads it.
report() {
    local started finished
    started=$(date +%s.%N)
    "$bundle" report --data-dir "$scratch/diary" -o "$scratch/report.pdf" >/dev/null
    finished=$(date +%s.%N)
    head -c 5 "$scratch/report.pdf" | grep -q '%PDF-' || fail "the bundle wrote no PDF"
    python3 -c "print(f\"report from the bundle, $1 start: {$finished - $started:.2f} s\")"
}
report first
fontlist=$(find "$XDG_CACHE_HOME/rlstracker/matplotlib" -name 'fontlist-*.json' 2>/dev/null | head -1)
[ -n "$fontlist" ] || fail "no font list in $XDG_CACHE_HOME/rlstracker/matplotlib after the first start"
written=$(stat -c '%i %y' "$fontlist")
report second
[ "$(stat -c '%i %y' "$fontlist")" = "$written" ] \
    || fail "the second start wrote the font list again ($fontlist)"
echo "font list: built at the first start, read from $fontlist at the second"

# The window, headless: up, and said so in the log.
QT_QPA_PLATFORM=offscreen "$bundle" --data-dir "$scratch/diary" &
window=$!
for _ in $(seq 100); do
    grep -q "window shown" "$scratch/log/rlstracker.log" 2>/dev/null && break
    sleep 0.2
done
kill "$window" 2>/dev/null || true
wait "$window" 2>/dev/null || true
grep -q "window shown" "$scratch/log/rlstracker.log" || fail "the window did not come up"
echo "window: shown, and logged in $RLSTRACKER_LOG_DIR"

# Licences: the app's, Qt's, and the notices of everything inside, Python and fonts included.
notices=dist/rlstracker/THIRD-PARTY-NOTICES.txt
grep -q "GNU GENERAL PUBLIC LICENSE" dist/rlstracker/LICENSE || fail "no LICENSE in the bundle"
grep -q "GNU LESSER GENERAL PUBLIC LICENSE" dist/rlstracker/_internal/resources/licenses/LGPL-3.0.txt \
    || fail "no LGPL text in the bundle"
for expected in "PySide6_Essentials 6" "shiboken6 6" "matplotlib 3" "numpy 2" "platformdirs" \
        "Python 3" "pyinstaller 6" "LICENSE_DEJAVU" "LICENSE_STIX" "libssl.so.3"; do
    grep -q "$expected" "$notices" || fail "the notices lack $expected"
done
"$venv_python" packaging/notices.py "$scratch/notices.txt" >/dev/null
cmp -s "$scratch/notices.txt" resources/licenses/THIRD-PARTY-NOTICES.txt \
    || fail "resources/licenses/THIRD-PARTY-NOTICES.txt is not that of packaging/constraints.txt: run $venv_python packaging/notices.py and commit it"
echo "licences: LICENSE, LGPL-3.0 and the notices of $(grep -c '^  .*==' "$notices") packages, Python and the system libraries inside"

python3 packaging/glibc_check.py dist/rlstracker --max "$GLIBC_MAX"

folder_mib=$(( $(du -sk dist/rlstracker | cut -f1) / 1024 ))
archive_mib=$(( $(du -sk dist/rlstracker-*.tar.gz | tail -1 | cut -f1) / 1024 ))
echo "bundle: ${folder_mib} MiB unpacked (budget ${BUDGET_FOLDER_MIB}), ${archive_mib} MiB as .tar.gz (budget ${BUDGET_ARCHIVE_MIB})"
if (( folder_mib > BUDGET_FOLDER_MIB || archive_mib > BUDGET_ARCHIVE_MIB )); then
    fail "the bundle is over its size budget"
fi
