"""Every sentence the program shows goes through the catalogue: a string literal that reads like
words (two words, or one capitalised word) must be inside `_()`, `N_()`, `ngettext()` or
`pgettext()`, be a docstring or a log message, or say why it is not user text with a
`# not user text` comment on its line or on the first line of its statement (a file name, a Qt
style name, the languages' own names, SQL).

Run as a script to list what is left in some files:
    python tests/test_user_text.py rlstracker/storage.py rlstracker/ui
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rlstracker"

MARKER = "not user text"
TRANSLATING = {"_", "N_", "ngettext", "pgettext", "_said"}
# Calls whose string arguments are never shown as the program's words: logging, SQL, regular
# expressions, Qt object names and properties, dates' machine formats.
NOT_SHOWN = {
    "debug",
    "info",
    "warning",
    "error",
    "exception",
    "critical",
    "getLogger",
    "execute",
    "executemany",
    "executescript",
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "setObjectName",
    "setProperty",
    "property",
    "strftime",
    "strptime",
    "TypeVar",
}
# Modules that hold no user text at all: the SQL of the diary's tables and rows.
NO_USER_TEXT = {"schema.py", "rows.py"}

WORDS = re.compile(r"[A-Za-z]{2,}[^\S\n]*[ ,.;:!?'()-][^\S\n]*[A-Za-z]{2,}")
CAPITALISED = re.compile(r"[A-Z][a-z]{2,}")


def _called(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _docstrings(tree: ast.AST) -> set[ast.AST]:
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(first.value)
    return found


def _reads_like_words(text: str) -> bool:
    return bool(WORDS.search(text) or CAPITALISED.fullmatch(text.strip()))


def problems_in(path: Path) -> Iterator[str]:
    """'file:line: text' for each literal of `path` that reads like words and is shown
    untranslated, and for each f-string given to the catalogue (it can never be found there)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = _docstrings(tree)
    name = path.relative_to(ROOT)

    def marked(node: ast.AST) -> bool:
        """The marker on the literal's line, on the first line of the f-string it is part of
        (Python 3.12 gives each part of an f-string its own line), or of its statement."""
        rows = {getattr(node, "lineno", 0)}
        statement = node
        while statement in parents and not isinstance(statement, ast.stmt):
            statement = parents[statement]
            if isinstance(statement, ast.JoinedStr):
                rows.add(statement.lineno)
        rows.add(getattr(statement, "lineno", 0))
        return any(0 < row <= len(lines) and MARKER in lines[row - 1] for row in rows)

    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _called(node.func) in TRANSLATING
            and any(isinstance(argument, ast.JoinedStr) for argument in node.args)
        ):
            yield f"{name}:{node.lineno}: an f-string given to {_called(node.func)}()"
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if node in docstrings or not _reads_like_words(node.value):
            continue
        above: ast.AST = node
        shown = True
        while above in parents:
            above = parents[above]
            if isinstance(above, ast.Call) and _called(above.func) in TRANSLATING | NOT_SHOWN:
                shown = False
                break
            if isinstance(above, ast.stmt):
                break
        if shown and isinstance(above, ast.stmt):
            # a literal deep in a statement: look further up, to the statement's own call
            while above in parents and not isinstance(above, ast.Module):
                above = parents[above]
                if isinstance(above, ast.Call) and _called(above.func) in NOT_SHOWN:
                    shown = False
                    break
        if shown and not marked(node):
            yield f"{name}:{node.lineno}: {node.value.strip()[:70]!r}"


def modules(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        yield from (module for module in found if module.name not in NO_USER_TEXT)


def test_every_sentence_of_the_program_goes_through_the_catalogue():
    problems = [problem for path in modules([PACKAGE]) for problem in problems_in(path)]
    assert not problems, (
        f"{len(problems)} strings read like words but are not translated. Wrap each in _() "
        "(then `python packaging/catalogues.py extract` and `update`, and translate), or say "
        f"why it is not user text with a `# {MARKER}` comment:\n" + "\n".join(problems[:60])
    )


def test_the_check_finds_a_bare_sentence_and_an_f_string_and_passes_the_rest(tmp_path):
    sample = ROOT / "rlstracker" / "_sample_for_the_check.py"
    sample.write_text(
        '"""A docstring is not shown."""\n'
        "import logging\n"
        "from rlstracker.domain.language import _\n"
        "log = logging.getLogger(__name__)\n"
        "def f(dose):\n"
        '    log.info("saved a night")\n'
        '    ok = _("Stay at {dose}.").format(dose=dose)\n'
        '    style = "Fusion"  # not user text: a Qt style name\n'
        '    shown = "Go down a step."\n'
        '    glued = _(f"Go down to {dose}.")\n'
        "    return ok, style, shown, glued\n",
        encoding="utf-8",
    )
    try:
        problems = list(problems_in(sample))
    finally:
        sample.unlink()
    assert len(problems) == 2, problems
    assert "Go down a step." in problems[0] or "Go down a step." in problems[1]
    assert any("f-string" in problem for problem in problems)


if __name__ == "__main__":
    given = [Path(argument).resolve() for argument in sys.argv[1:]] or [PACKAGE]
    found = [problem for path in modules(given) for problem in problems_in(path)]
    print("\n".join(found))
    print(f"{len(found)} left", file=sys.stderr)
    sys.exit(1 if found else 0)
