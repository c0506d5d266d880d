#!/usr/bin/env bash
# Build the one-folder bundle (dist/rlstracker/) and, on Linux, a .tar.gz of it.
#     bash packaging/build.sh [python]      (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-}
if [ -z "$python" ]; then
    if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi
"$python" -m pip install --quiet "pyinstaller>=6.10"
rm -rf build/pyinstaller dist/rlstracker
"$python" -m PyInstaller packaging/rlstracker.spec --noconfirm --clean \
    --workpath build/pyinstaller --distpath dist
version=$("$python" -c "import rlstracker; print(rlstracker.__version__)")
if [ "$(uname -s)" = "Linux" ]; then
    archive="dist/rlstracker-$version-linux-$(uname -m).tar.gz"
    tar -czf "$archive" -C dist rlstracker
    echo "Built dist/rlstracker/ and $archive"
else
    echo "Built dist/rlstracker/"
fi
