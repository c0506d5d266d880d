"""The command line: open the app, or script the diary (interfaces in the README)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from rlstracker import __version__
from rlstracker.diary_csv import CsvRefused, read_diary_csv, write_diary_csv
from rlstracker.domain.models import (
    PLAN_FIELD_LABELS,
    Plan,
    Region,
    plan_field_problems,
)
from rlstracker.domain.safety import DISCLAIMER
from rlstracker.domain.titration import ACTION_TITLES, suggest
from rlstracker.files import write_atomically
from rlstracker.locations import data_dir
from rlstracker.storage import Diary, ImportConflict, StorageError

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2

PLAN_OPTIONS = {
    "start_mg": "--start-mg",
    "step_mg": "--step-mg",
    "interval_nights": "--interval-nights",
    "ceiling_mg": "--ceiling-mg",
    "baseline_nights": "--baseline-nights",
}


class Refused(Exception):
    """The command can't act: bad input or a state it can't act on. Nothing was changed."""


def _iso_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31"
        ) from None


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def build_parser() -> argparse.ArgumentParser:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the folder that holds the diary (default: $RLSTRACKER_DATA_DIR, else the "
        "platform's user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="rlstracker",
        description="RLS Tracker: a diary and a cautious guide for trying magnesium for "
        "restless legs. With no command, opens the app.",
        epilog=DISCLAIMER,
        parents=[data],
    )
    parser.add_argument("--version", action="version", version=f"rlstracker {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser(
        "demo", parents=[data], help="fill an EMPTY diary with a realistic 16-week example"
    )

    importing = commands.add_parser(
        "import", parents=[data], help="add the nights of a diary CSV file, all or nothing"
    )
    importing.add_argument("file", metavar="FILE.csv", type=Path)
    importing.add_argument(
        "--replace",
        action="store_true",
        help="overwrite nights already in the diary that the file gives differently",
    )

    exporting = commands.add_parser("export", parents=[data], help="write the diary as CSV")
    exporting.add_argument(
        "-o", dest="output", metavar="FILE.csv", required=True, help="- for standard output"
    )

    plan = commands.add_parser(
        "plan", parents=[data], help="show the plan; with options, change it"
    )
    plan.add_argument("--start-mg", type=_number, metavar="N")
    plan.add_argument("--step-mg", type=_number, metavar="N")
    plan.add_argument("--interval-nights", type=_whole, metavar="N")
    plan.add_argument("--ceiling-mg", type=_number, metavar="N")
    plan.add_argument(
        "--clinician-approved",
        action="store_true",
        help="your clinician approved this plan (needed above the region's limit)",
    )
    plan.add_argument("--region", choices=[r.value for r in Region])
    plan.add_argument("--baseline-nights", type=_whole, metavar="N")
    plan.add_argument("--json", action="store_true")

    next_dose = commands.add_parser(
        "next-dose", parents=[data], help="tonight's suggested dose and why"
    )
    next_dose.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD")
    next_dose.add_argument("--json", action="store_true")

    report = commands.add_parser(
        "report", parents=[data], help="write the doctor-visit report as a PDF"
    )
    report.add_argument("--from", dest="first", type=_iso_date, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="last", type=_iso_date, metavar="YYYY-MM-DD")
    report.add_argument("-o", dest="output", metavar="FILE.pdf", required=True)

    desktop = commands.add_parser(
        "install-desktop-entry",
        help="put RLS Tracker into this Linux desktop's applications menu (for pip installs)",
    )
    desktop.add_argument("--remove", action="store_true", help="take it out again")
    return parser


def attach_windows_console() -> None:
    """`rlstracker` is a GUI script, so on Windows it starts without a console. A command typed
    in a console prints there: attach to it, or the output would be lost."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = Path("CONOUT$").open("w", encoding="utf-8")  # noqa: SIM115 - kept open
        sys.stderr = sys.stdout


def main(argv: Sequence[str] | None = None, today: date | None = None) -> int:
    if argv is None and len(sys.argv) > 1:
        attach_windows_console()
    arguments = build_parser().parse_args(argv)
    today = today or date.today()
    folder = data_dir(getattr(arguments, "data_dir", None))
    if arguments.command is None:
        from rlstracker.app import run_app  # Qt is loaded only to open the window

        return run_app(folder)
    if arguments.command == "install-desktop-entry":
        return _desktop_entry(arguments.remove, sys.stdout)
    try:
        with Diary.open(folder) as diary:
            return COMMANDS[arguments.command](diary, arguments, today, sys.stdout)
    except (Refused, StorageError) as error:
        print(f"rlstracker: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as error:
        print(
            f"rlstracker: unexpected error ({type(error).__name__}: {error}). Nothing was "
            "changed. Please report this.",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _demo(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    from rlstracker.demo import save_demo

    if not diary.is_empty():
        raise Refused(
            f"the diary in {diary.path.parent} already holds {diary.night_count()} nights. "
            "demo only fills an empty diary, so your own data is never mixed with invented "
            "data. Try it with --data-dir and an empty folder."
        )
    if diary.has_plan() or diary.screening() is not None or diary.product_in_use() is not None:
        raise Refused(
            f"the diary in {diary.path.parent} already holds your plan or answers. demo only "
            "fills an empty diary. Try it with --data-dir and an empty folder."
        )
    example = save_demo(diary, today)
    first, last = example.nights[0].date, example.nights[-1].date
    print(
        f"Wrote an example diary of {len(example.nights)} nights ({first} to {last}) to "
        f"{diary.path}. It is invented data, for trying the app.",
        file=out,
    )
    return EXIT_OK


def _import(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    path: Path = arguments.file
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Refused(f"{path}: can't be read ({error.strerror}). Nothing was imported.") from None
    try:
        nights = read_diary_csv(data, today)
    except CsvRefused as refused:
        count = len(refused.problems)
        lines = [
            f"{path} was not imported; nothing was changed. "
            f"{count} {'problem' if count == 1 else 'problems'}:"
        ]
        lines += [f"  {problem.describe(str(path))}" for problem in refused.problems]
        raise Refused("\n".join(lines)) from None
    try:
        if diary.night_count():
            diary.backup("before-import", datetime.now())
        summary = diary.import_nights(nights, replace=arguments.replace)
    except ImportConflict as conflict:
        raise Refused(f"{path}: {conflict}") from None
    plan = diary.plan()
    for night in nights:
        if night.dose_mg is not None and night.dose_mg > plan.ceiling_mg:
            print(
                f"rlstracker: note: {night.date}: {night.dose_mg:g} mg is above your plan's "
                f"ceiling of {plan.ceiling_mg:g} mg (kept as recorded).",
                file=sys.stderr,
            )
    print(
        f"Imported {path}: {summary.added} nights added, {summary.replaced} replaced, "
        f"{summary.unchanged} already there.",
        file=out,
    )
    return EXIT_OK


def _export(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    text = write_diary_csv(diary.nights()).encode("utf-8")
    if arguments.output == "-":
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            out.write(text.decode("utf-8"))
        else:  # bytes, so that the CSV's line ends are not translated
            out.flush()
            buffer.write(text)
            buffer.flush()
        return EXIT_OK
    target = _output_file(arguments.output)
    _write(target, text)
    print(f"Wrote {diary.night_count()} nights to {target}.", file=out)
    return EXIT_OK


def _output_file(name: str) -> Path:
    """-o FILE: refused before any work if its folder is not there."""
    target = Path(name)
    if not target.parent.is_dir():
        raise Refused(f"{target}: the folder {target.parent} does not exist. Nothing was written.")
    return target


def _write(target: Path, data: bytes) -> None:
    """Temporary file, fsync, rename: the old file or the new one, never half of either."""
    try:
        write_atomically(target, data)
    except OSError as error:
        raise Refused(
            f"{target}: can't be written ({error.strerror}). Nothing was written."
        ) from None


def _plan(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    plan = diary.plan()
    changes = {
        name: getattr(arguments, name)
        for name in PLAN_OPTIONS
        if getattr(arguments, name) is not None
    }
    if arguments.clinician_approved:
        changes["clinician_approved"] = True
    if arguments.region is not None:
        region = Region(arguments.region)
        changes["region"] = region
        approved = changes.get("clinician_approved", plan.clinician_approved)
        if "ceiling_mg" not in changes and plan.ceiling_mg > region.limit_mg and not approved:
            changes["ceiling_mg"] = region.limit_mg
    if changes:
        fields = {**_plan_fields(plan), **changes}
        problems = plan_field_problems(fields)
        if problems:
            lines = ["the plan was not changed:"]
            for name, why in problems:
                option = PLAN_OPTIONS.get(name)
                given = f"{option} {changes[name]:g}: " if option and name in changes else ""
                hint = " (add --clinician-approved if they did)" if "approval" in why else ""
                lines.append(f"  {given}{why}{hint}")
            raise Refused("\n".join(lines))
        plan = Plan(**fields)
        diary.save_plan(plan)
    if arguments.json:
        print(json.dumps(_plan_json(plan)), file=out)
    else:
        if changes:
            print("Plan saved.", file=out)
        print(_plan_text(plan), file=out)
    return EXIT_OK


def _plan_fields(plan: Plan) -> dict[str, object]:
    return {name: getattr(plan, name) for name in Plan.__dataclass_fields__}


def _whole_if_whole(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _plan_json(plan: Plan) -> dict[str, object]:
    return {
        "start_mg": _whole_if_whole(plan.start_mg),
        "step_mg": _whole_if_whole(plan.step_mg),
        "interval_nights": plan.interval_nights,
        "ceiling_mg": _whole_if_whole(plan.ceiling_mg),
        "region": plan.region.value,
        "clinician_approved": plan.clinician_approved,
        "baseline_nights": plan.baseline_nights,
        "target_severity": _whole_if_whole(plan.target_severity),
        "review_nights": plan.review_nights,
    }


def _plan_text(plan: Plan) -> str:
    limit = plan.region.limit_mg
    rows = [
        ("start dose", f"{plan.start_mg:g} mg"),
        ("step", f"{plan.step_mg:g} mg"),
        (PLAN_FIELD_LABELS["interval_nights"], f"{plan.interval_nights}"),
        ("ceiling", f"{plan.ceiling_mg:g} mg ({plan.region.authority} is {limit} mg a day)"),
        ("clinician approved", "yes" if plan.clinician_approved else "no"),
        (PLAN_FIELD_LABELS["baseline_nights"], f"{plan.baseline_nights}"),
        ("target severity", f"{plan.target_severity:g} of 10 or less"),
        ("review after", f"{plan.review_nights} nights at a steady dose"),
    ]
    width = max(len(label) for label, _ in rows)
    body = "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)
    return f"Plan (doses are mg of elemental magnesium):\n{body}"


def _next_dose(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    tonight = arguments.today or today
    suggestion = suggest(
        diary.plan(), diary.screening(), diary.nights(), tonight, diary.product_in_use()
    )
    if arguments.json:
        print(json.dumps(suggestion.to_json()), file=out)
        return EXIT_OK
    title = ACTION_TITLES[suggestion.action]
    if suggestion.dose_mg:
        dose = f"{suggestion.dose_mg:g} mg of elemental magnesium"
        if suggestion.units_text:
            dose += f" ({suggestion.units_text})"
    elif suggestion.dose_mg == 0:
        dose = "no magnesium"
    else:
        dose = "no dose suggested"
    lines = [f"{tonight:%A} {tonight.isoformat()}: {title}: {dose}", "", "Why:"]
    lines += [f"  - {reason}" for reason in suggestion.reasons]
    if suggestion.review:
        lines += ["", "Review: talk to your clinician about whether to go on."]
    if suggestion.advice:
        lines += ["", "Also:"]
        lines += [f"  - {line}" for line in suggestion.advice]
    lines += ["", DISCLAIMER]
    print("\n".join(lines), file=out)
    return EXIT_OK


def _report(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    first, last = arguments.first, arguments.last
    if first and last and first > last:
        raise Refused(f"--from {first} is after --to {last}; nothing was written.")
    target = _output_file(arguments.output)
    from rlstracker.report.content import build_report
    from rlstracker.report.paper import report_pdf_for_locale

    content = build_report(
        diary.nights(),
        diary.plan(),
        diary.screening(),
        diary.product_in_use(),
        diary.ferritin_results(),
        today,
        first=first,
        last=last or (today if first else None),
        name=diary.setting("report_name", "") or "",
    )
    data, pages = report_pdf_for_locale(content)
    _write(target, data)
    print(f"Wrote a {pages}-page report to {target}.", file=out)
    return EXIT_OK


def _desktop_entry(remove: bool, out: TextIO) -> int:
    if not sys.platform.startswith("linux"):
        print(
            "rlstracker: install-desktop-entry is for Linux desktops. On Windows and macOS, "
            "install the app bundle (see the README).",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    from rlstracker import desktop_entry

    try:
        changed = desktop_entry.remove() if remove else desktop_entry.install()
    except OSError as error:
        print(f"rlstracker: the menu entry could not be written ({error}).", file=sys.stderr)
        return EXIT_FAILED
    if remove:
        print(
            f"Removed {len(changed)} files: RLS Tracker is out of the applications menu.", file=out
        )
    else:
        entry = changed[0]
        print(
            f"RLS Tracker is in the applications menu ({entry}); the icon and metainfo are "
            f"beside it. Undo with: rlstracker install-desktop-entry --remove",
            file=out,
        )
    return EXIT_OK


COMMANDS = {
    "demo": _demo,
    "import": _import,
    "export": _export,
    "plan": _plan,
    "next-dose": _next_dose,
    "report": _report,
}
