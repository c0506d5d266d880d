"""The translation catalogues, with Babel: extract the messages, update the translations,
compile them, check them.

    python packaging/catalogues.py extract    po/rlstracker.pot from the source and the help
    python packaging/catalogues.py update     merge the template into every po/LANG.po
    python packaging/catalogues.py compile    resources/locale/LANG/LC_MESSAGES/rlstracker.mo
    python packaging/catalogues.py check      what is stale, missing, fuzzy or mismatched
    python packaging/catalogues.py init LANG  a new po/LANG.po (then add LANG to LANGUAGES)

The .po files are the sources; the .mo files are built from them (by the wheel's build hook,
hatch_build.py, and by the bundle's build) and never edited. Babel is a build and development
tool only: at run time the app reads the .mo files with the standard library's gettext.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "po"
TEMPLATE = PO / "rlstracker.pot"
HELP = ROOT / "resources" / "help" / "guide.html"
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "rlstracker"
BUGS = "https://github.com/rlstracker/rlstracker/issues"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

# The gettext manual's forms; the app counts nights, days and rows, never millions, so CLDR's
# third French and Spanish form (for a million and more) is not needed.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
}
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("Translators:",)
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def languages() -> list[str]:
    return sorted(path.stem for path in PO.glob("*.po"))


def _help_blocks() -> list[tuple[int, str]]:
    sys.path.insert(0, str(ROOT))
    try:
        from rlstracker.translations import help_blocks
    finally:
        sys.path.pop(0)
    return help_blocks(HELP.read_text(encoding="utf-8"))


def offered() -> tuple[str, ...]:
    """The languages the app offers (rlstracker.domain.language.OFFERED): their catalogues
    must be complete."""
    sys.path.insert(0, str(ROOT))
    try:
        from rlstracker.domain.language import OFFERED
    finally:
        sys.path.pop(0)
    return OFFERED


def _sources() -> Iterator[Path]:
    yield from sorted((ROOT / "rlstracker").rglob("*.py"))


def extracted() -> Catalog:
    """Every message of the source and the help, as the template should hold them."""
    catalog = Catalog(
        project="RLS Tracker",
        domain=DOMAIN,
        fuzzy=False,
        copyright_holder="RLS Tracker developers",
        msgid_bugs_address=BUGS,
    )
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        for line, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=COMMENT_TAGS
        ):
            catalog.add(
                message,
                locations=[(relative, line)],
                auto_comments=comments,
                context=context,
                flags=_flags(message),
            )
    for line, message in _help_blocks():
        catalog.add(message, locations=[("resources/help/guide.html", line)])
    return catalog


def _flags(message: str | tuple[str, ...]) -> tuple[str, ...]:
    texts = message if isinstance(message, tuple) else (message,)
    return ("python-brace-format",) if any(PLACEHOLDER.search(t) for t in texts) else ()


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False)
    text = buffer.getvalue().decode("utf-8")
    # The creation and revision dates change at every run: the file changes only with its text.
    text = re.sub(r'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', "", text)
    path.write_text(text, encoding="utf-8")


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, abort_invalid=True)


def extract() -> None:
    PO.mkdir(exist_ok=True)
    _write(extracted(), TEMPLATE)


def update() -> None:
    template = _read(TEMPLATE)
    for code in languages():
        path = PO / f"{code}.po"
        catalog = _read(path)
        catalog.update(template, no_fuzzy_matching=False)
        catalog.obsolete.clear()
        _write(catalog, path)


def init(code: str) -> None:
    if code not in PLURAL_FORMS:
        raise SystemExit(f"add {code}'s Plural-Forms to PLURAL_FORMS first")
    template = _read(TEMPLATE)
    catalog = Catalog(locale=code, project="RLS Tracker", domain=DOMAIN, fuzzy=False)
    catalog.update(template)
    _write(catalog, PO / f"{code}.po")
    _fix_plural_forms(PO / f"{code}.po", code)


def _fix_plural_forms(path: Path, code: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'"Plural-Forms: [^"]*\\n"', f'"Plural-Forms: {PLURAL_FORMS[code]}\\\\n"', text)
    path.write_text(text, encoding="utf-8")


def compiled(code: str) -> bytes:
    """The .mo of po/CODE.po: fuzzy entries left out, as gettext's own msgfmt does."""
    catalog = _read(PO / f"{code}.po")
    # Babel dates a catalogue without dates "now": a fixed date keeps the .mo reproducible.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def mo_path(code: str, locale: Path = LOCALE) -> Path:
    return locale / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compile_all(locale: Path = LOCALE) -> list[Path]:
    written = []
    for code in languages():
        target = mo_path(code, locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = compiled(code)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(target)
    return written


def _ids(catalog: Catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    return {(m.context, m.id) for m in catalog if m.id}


def template_problems() -> list[str]:
    """Messages in the source but not in po/rlstracker.pot, and the other way round."""
    fresh, kept = _ids(extracted()), _ids(_read(TEMPLATE))
    problems = [
        f"not in the template (run extract): {m!r}" for _, m in sorted(fresh - kept, key=str)
    ]
    problems += [f"in the template but gone from the source: {m!r}" for _, m in kept - fresh]
    return problems


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def translation_problems(code: str, complete: bool = True) -> list[str]:
    """Mismatched translations in po/CODE.po, and messages it lacks; with `complete` (a
    language the app offers), missing and fuzzy translations too."""
    catalog = _read(PO / f"{code}.po")
    problems = []
    template = _ids(_read(TEMPLATE))
    lacking = template - _ids(catalog)
    problems += [f"{code}: not merged (run update): {m!r}" for _, m in sorted(lacking, key=str)]
    for message in catalog:
        if not message.id:
            continue
        problems += _message_problems(code, message, complete)
    return problems


def untranslated(code: str) -> int:
    """How many messages of po/CODE.po are not translated yet, or fuzzy."""
    return sum(
        1
        for m in _read(PO / f"{code}.po")
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    )


def _message_problems(code: str, message: Message, complete: bool = True) -> list[str]:
    name = f"{code}: {message.id!r}"
    if message.fuzzy:
        return [f"{name} is fuzzy"] if complete else []
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    if not all(strings):
        return [f"{name} is not translated"] if complete else []
    problems = []
    # Every form of a translation names the placeholders of the English, no more, no fewer
    # (the English singular and plural of a message name the same ones).
    wanted = placeholders(ids[-1])
    for string in strings:
        found = placeholders(string)
        if set(found) != set(wanted):
            problems.append(f"{name}: placeholders {found} differ from {wanted}")
    tags = re.compile(r"</?\w+>")
    if sorted(tags.findall(ids[0])) != sorted(tags.findall(strings[0])):
        problems.append(f"{name}: HTML tags differ")
    return problems


def compiled_problems(locale: Path = LOCALE) -> list[str]:
    problems = []
    for code in languages():
        path = mo_path(code, locale)
        if not path.is_file():
            problems.append(f"{path} is missing (run compile, or reinstall)")
        elif path.read_bytes() != compiled(code):
            problems.append(f"{path} is older than po/{code}.po (run compile, or reinstall)")
    return problems


def check() -> list[str]:
    problems = template_problems()
    chosen = offered()
    problems += [
        f"{code} is offered but has no po/{code}.po"
        for code in chosen
        if code != "en" and code not in languages()
    ]
    for code in languages():
        problems += translation_problems(code, complete=code in chosen)
    return problems + compiled_problems()


def main(arguments: list[str]) -> int:
    command = arguments[0] if arguments else "check"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(path.relative_to(ROOT))
    elif command == "init" and len(arguments) == 2:
        init(arguments[1])
    elif command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        for code in languages():
            state = "offered" if code in offered() else "not offered yet"
            print(f"{code}: {untranslated(code)} messages to translate ({state})")
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
