"""The package's imports point one way: ui → charts/report → storage → domain. The domain knows
no Qt, SQL, matplotlib or clock, so that the guide's rules can be read, tested and reused alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "rlstracker"

# Lowest first: a module may import its own layer and the ones before it, never a later one.
LAYERS = [
    ("domain", ["domain"]),
    (
        "storage",
        [
            "schema",
            "rows",
            "storage",
            "backups",
            "diary_csv",
            "files",
            "failures",
            "preferences",
            "locations",
            "translations",
            "logs",
        ],
    ),
    (
        "charts and report",
        ["charts", "chart_room", "report", "demo", "desktop_entry", "autostart", "qt_references"],
    ),
    ("ui", ["ui"]),
    ("wiring", ["app", "cli", "__main__"]),
]


def layer_of(module: str) -> int:
    """The layer of `rlstracker.<module>` (its first part names it)."""
    first = module.split(".")[0]
    for index, (_, parts) in enumerate(LAYERS):
        if first in parts:
            return index
    raise AssertionError(f"rlstracker.{module} belongs to no layer: add it to LAYERS")


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue
        name = ".".join(p for p in parts if p != "__init__")
        found.append((name, path))
    return found


def imported(path: Path) -> set[str]:
    """Every rlstracker module `path` imports, anywhere in it (lazy imports count too; those
    under `if TYPE_CHECKING:` are for the type checker only and do not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking_only.update(id(inner) for inner in ast.walk(node))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(("name", "path"), modules(), ids=[name for name, _ in modules()])
def test_no_module_imports_a_later_layer(name: str, path: Path):
    own = layer_of(name)
    for target in imported(path):
        if not target.startswith("rlstracker."):
            continue
        inner = target.removeprefix("rlstracker.")
        if inner.split(".")[0] in {"APP_NAME", "APP_ID", "__version__", "ICON_SIZES"}:
            continue  # names from the package's __init__
        try:
            theirs = layer_of(inner)
        except AssertionError:
            continue  # a name imported from a module, not a module
        assert theirs <= own, (
            f"rlstracker.{name} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]})"
        )


DOMAIN_MAY_IMPORT = {
    "__future__",
    "calendar",
    "collections",
    "dataclasses",
    "datetime",
    "enum",
    "functools",
    "gettext",
    "itertools",
    "json",
    "math",
    "random",
    "re",
    "statistics",
    "typing",
    "rlstracker",
}


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_the_domain_imports_only_the_standard_library_it_needs(path: Path):
    for target in imported(path):
        assert target.split(".")[0] in DOMAIN_MAY_IMPORT, f"{path.name} imports {target}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_the_domain_never_reads_the_clock(path: Path):
    source = path.read_text(encoding="utf-8")
    for call in (".now(", ".today(", "time.time(", "time.monotonic(", ".utcnow("):
        assert call not in source, f"{path.name} reads the clock ({call}): take a date instead"


def test_the_domain_storage_and_csv_load_without_qt_or_matplotlib():
    """In a fresh interpreter, as the command line's readers start."""
    domain = [f"rlstracker.{name}" for name, _ in modules() if name.startswith("domain")]
    wanted = [
        *domain,
        "rlstracker.storage",
        "rlstracker.rows",
        "rlstracker.diary_csv",
        "rlstracker.backups",
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {wanted!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'matplotlib', "
        "'numpy', 'shiboken6'})\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE.parent,
        check=True,
    )
    assert result.stdout.strip() == "none"
