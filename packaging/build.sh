#!/usr/bin/env bash
# Build the one-folder bundle (dist/rlstracker/) and, on Linux, a .tar.gz of it, from the
# versions pinned in packaging/constraints.txt, in a build environment of its own
# (build/bundle-venv, made again whenever the constraints, pyproject.toml or Python change).
#     bash packaging/build.sh [python]      (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-}
if [ -z "$python" ]; then
    if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi
venv=build/bundle-venv
stamp="$("$python" -c 'import sys; print(sys.version)' | head -1) $(cat packaging/constraints.txt pyproject.toml | cksum)"
venv_python="$venv/bin/python"
[ -x "$venv_python" ] || venv_python="$venv/Scripts/python.exe"  # Windows (Git Bash)
if [ ! -f "$venv/stamp" ] || [ "$(cat "$venv/stamp")" != "$stamp" ]; then
    echo "Making the build environment $venv from packaging/constraints.txt"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    venv_python="$venv/bin/python"
    [ -x "$venv_python" ] || venv_python="$venv/Scripts/python.exe"
    "$venv_python" -m pip install --quiet --constraint packaging/constraints.txt . pyinstaller babel
    echo "$stamp" > "$venv/stamp"
fi
rm -rf build/pyinstaller dist/rlstracker
"$venv_python" -m PyInstaller packaging/rlstracker.spec --noconfirm --clean \
    --workpath build/pyinstaller --distpath dist
# The licence and the notices where a person unpacking the bundle looks first.
if [ -d dist/rlstracker/_internal ]; then
    cp LICENSE dist/rlstracker/LICENSE
    cp dist/rlstracker/_internal/resources/licenses/THIRD-PARTY-NOTICES.txt dist/rlstracker/
fi
version=$("$venv_python" -c "import rlstracker; print(rlstracker.__version__)")
if [ "$(uname -s)" = "Linux" ]; then
    archive="dist/rlstracker-$version-linux-$(uname -m).tar.gz"
    rm -f dist/rlstracker-*.tar.gz
    tar -czf "$archive" -C dist rlstracker
    echo "Built dist/rlstracker/ and $archive"
else
    echo "Built dist/rlstracker/"
fi
