"""The command line: open the app, or script the diary (interfaces in the README)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import secrets
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO, cast

from rlstracker import __version__, backups
from rlstracker.diary_csv import CsvRefused, read_csv_file, read_diary_csv, write_diary_csv
from rlstracker.domain import language
from rlstracker.domain.forms import (
    FORM_IDS,
    FORMS,
    UNIT_NAMES,
    LabelBasis,
    Product,
    ProductError,
    unit_label,
)
from rlstracker.domain.iron import iron_advice
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import N_, _, ngettext, pgettext
from rlstracker.domain.models import InvalidRecord, Night, evening_of
from rlstracker.domain.plan import (
    PLAN_FIELD_LABELS,
    ApprovalNeeded,
    Plan,
    Region,
    plan_field_problems,
)
from rlstracker.domain.plan_steps import nothing_fits_words
from rlstracker.domain.safety import (
    AGE_LABELS,
    DISCLAIMER,
    KIDNEY_LABELS,
    MEDICINE_LABELS,
    QUESTIONS,
    AgeGroup,
    Clearance,
    Kidney,
    Medicine,
    SafetyAnswers,
    cleared,
    concerns,
    safety_status,
)
from rlstracker.domain.titration import ACTION_TITLES, Action
from rlstracker.domain.trial import (
    Guide,
    Trial,
    TrialDesign,
    TrialView,
    tonight_answer,
    trial_offer,
)
from rlstracker.domain.trial import design as trial_design
from rlstracker.domain.trial import guide as trial_guide
from rlstracker.domain.trial import view as trial_view
from rlstracker.domain.trial import words as trial_words
from rlstracker.domain.trial.reveal import TrialEvening
from rlstracker.domain.wording import mg
from rlstracker.failures import describe_os_error
from rlstracker.files import write_atomically
from rlstracker.locations import DataDirRefused, data_dir, shown_path
from rlstracker.logs import debugging, log, log_folder, start_logging
from rlstracker.storage import Diary, ImportConflict, StorageError
from rlstracker.translations import speak_chosen

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
PROBLEMS_LISTED = 50  # of a refused file's problems; the rest are counted
STANDARD_OUTPUT = "-"  # -o -: standard output
PDF_OUT_HELP = N_("- for standard output (not a terminal)")
# The metavars, as the options take them: never translated.
DATE_METAVAR = "YYYY-MM-DD"  # not user text: a metavar
CSV_METAVAR = "FILE.csv"  # not user text: a metavar
PDF_METAVAR = "FILE.pdf"  # not user text: a metavar
_DECIMAL = re.compile(r"[0-9]{1,7}(\.[0-9]{1,6})?")  # ASCII digits of a sane length
_WHOLE = re.compile(r"[0-9]{1,6}")

PLAN_OPTIONS = {  # not user text: option names
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
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31").format(
                text=repr(text)
            )
        ) from None


def _number(text: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise argparse.ArgumentTypeError(
            _(
                "{text} is not a number; write it with the digits 0-9 and at most one dot, e.g. "
                "62.5"
            ).format(text=repr(shown_path(text[:40])))
        )
    return float(text)


AGE_OPTIONS = {"under-18": AgeGroup.UNDER_18, "18-64": AgeGroup.ADULT, "65-plus": AgeGroup.OLDER}
AGE_NAMES = {group: name for name, group in AGE_OPTIONS.items()}
# The options of `safety`, by question, for the message that names the missing ones.
SAFETY_OPTIONS = {  # not user text: option names
    "kidney": "--kidney",
    "heart_block": "--heart-block",
    "pregnant": "--pregnant",
    "age_group": "--age",
    "medicines": "--medicines",
}


def _yes_no(text: str) -> bool:
    if text not in ("yes", "no"):
        raise argparse.ArgumentTypeError(_("{text}: answer yes or no").format(text=repr(text)))
    return text == "yes"


def _medicines(text: str) -> frozenset[Medicine]:
    ids = [part.strip() for part in text.split(",")]
    if ids == ["none"]:
        return frozenset()
    known = [m.value for m in Medicine]
    unknown = [part for part in ids if part not in known]
    if unknown or not all(ids):
        raise argparse.ArgumentTypeError(
            _("{text}: give none, or ids joined by commas from: {ids}").format(
                text=repr(text), ids=" ".join(known)
            )
        )
    return frozenset(Medicine(part) for part in ids)


def _reminder(text: str) -> time | None:
    if text == "off":
        return None
    try:
        if len(text) != 5 or text[2] != ":":
            raise ValueError
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text}: give the time as HH:MM (24-hour), e.g. 20:30, or off").format(
                text=repr(text)
            )
        ) from None


def _note(text: str) -> str:
    if len(text) > 2000:
        raise argparse.ArgumentTypeError(
            _("the note is longer than {most} characters").format(
                most=language.number(2000, grouped=True)
            )
        )
    return text


def _whole(text: str) -> int:
    if not _WHOLE.fullmatch(text):
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number; write it with the digits 0-9").format(
                text=repr(shown_path(text[:40]))
            )
        )
    return int(text)


# argparse's own words (Python 3.10 to 3.13), for the catalogue: argparse looks them up with
# its module's `_`, which _speak_argparse points at ours. Those not listed stay English.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
)


def _speak_argparse() -> None:
    """Let argparse's own words ('usage:', 'error:', 'invalid choice') speak the chosen
    language: it looks them up through its module's `_` and `ngettext` (the standard library's
    gettext, default domain), which now are ours. In English they are unchanged."""
    argparse._ = language._  # type: ignore[attr-defined]
    argparse.ngettext = language.ngettext  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _speak_argparse()
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(  # not user text: an option name
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_(
            "the folder that holds the diary (default: $RLSTRACKER_DATA_DIR, else the "
            "platform's user data folder)"
        ),
    )
    parser = argparse.ArgumentParser(
        prog="rlstracker",
        description=_(
            "RLS Tracker: a diary and a cautious guide for trying magnesium for "
            "restless legs. With no command, opens the app."
        ),
        epilog=_(DISCLAIMER),
        parents=[data],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"rlstracker {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--language",
        choices=list(language.OFFERED),
        help=_("the language to speak (default: the one chosen in Settings, else the desktop's)"),
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help=_("start without a window, for the evening reminder (as at login)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    settings = commands.add_parser(
        "settings", parents=[data], help=_("show the reminder settings; with options, change them")
    )
    settings.add_argument(
        "--reminder",
        type=_reminder,
        metavar="HH:MM|off",  # not user text: a metavar
        default=argparse.SUPPRESS,  # "off" is None: absent must differ from it
        help=_("the evening reminder's time"),
    )
    settings.add_argument(  # not user text: an option name
        "--start-at-login",
        type=_yes_no,
        metavar="yes|no",
        help=_("start in the background when you log in, for the reminder"),
    )
    settings.add_argument("--json", action="store_true")

    commands.add_parser(
        "demo", parents=[data], help=_("fill an EMPTY diary with a realistic 16-week example")
    )

    importing = commands.add_parser(
        "import", parents=[data], help=_("add the nights of a diary CSV file, all or nothing")
    )
    importing.add_argument("file", metavar=CSV_METAVAR, type=Path)
    importing.add_argument(
        "--replace",
        action="store_true",
        help=_("overwrite nights already in the diary that the file gives differently"),
    )

    exporting = commands.add_parser("export", parents=[data], help=_("write the diary as CSV"))
    exporting.add_argument(
        "-o", dest="output", metavar=CSV_METAVAR, required=True, help=_("- for standard output")
    )

    plan = commands.add_parser(
        "plan", parents=[data], help=_("show the plan; with options, change it")
    )
    plan.add_argument("--start-mg", type=_number, metavar="N")  # not user text: an option
    plan.add_argument("--step-mg", type=_number, metavar="N")  # not user text: an option
    plan.add_argument("--interval-nights", type=_whole, metavar="N")  # not user text: an option
    plan.add_argument("--ceiling-mg", type=_number, metavar="N")  # not user text: an option
    approval = plan.add_mutually_exclusive_group()
    approval.add_argument(  # not user text: an option name
        "--clinician-approved",
        action="store_true",
        help=_("your clinician approved this ceiling (needed above the region's limit)"),
    )
    approval.add_argument(  # not user text: an option name
        "--no-clinician-approved",
        action="store_true",
        help=_("withdraw that approval; a higher ceiling comes down to the region's limit"),
    )
    plan.add_argument(
        "--region",
        choices=[r.value for r in Region],
        help=_("whose upper limit to keep to (us 350 mg, eu 250 mg); never raises the ceiling"),
    )
    plan.add_argument("--baseline-nights", type=_whole, metavar="N")  # not user text: an option
    plan.add_argument("--json", action="store_true")

    safety = commands.add_parser(
        "safety",
        parents=[data],
        help=_("show the safety answers; with options, set them (dated today)"),
        description=_(
            "Show the safety answers; with options, set them, dated today. There are "
            "no default answers: the first time, all five must be given."
        ),
    )
    safety.add_argument("--kidney", choices=[k.value for k in Kidney], help=_("kidney disease"))
    safety.add_argument(  # not user text: an option name
        "--heart-block", type=_yes_no, metavar="yes|no", help=_("heart block or a slow heart rate")
    )
    safety.add_argument(
        "--pregnant", type=_yes_no, metavar="yes|no", help=_("pregnant or breastfeeding")
    )
    safety.add_argument("--age", choices=list(AGE_OPTIONS), help=_("your age group"))
    safety.add_argument(
        "--medicines",
        type=_medicines,
        metavar="none|ID[,ID...]",
        help=_("medicines you take: none, or {ids}").format(
            ids=", ".join(m.value for m in Medicine)
        ),
    )
    safety.add_argument(
        "--confirm", action="store_true", help=_("confirm the present answers, unchanged")
    )
    safety.add_argument("--json", action="store_true")

    clearance = commands.add_parser(
        "clearance",
        parents=[data],
        help=_("record that a clinician said you may take magnesium; --list shows them"),
    )
    clearance.add_argument(
        "--date", type=_iso_date, metavar=DATE_METAVAR, help=_("when they said so (default today)")
    )
    clearance.add_argument("--note", type=_note, metavar="TEXT", help=_("who said what"))
    clearance.add_argument("--list", action="store_true", help=_("list the clearances recorded"))
    clearance.add_argument("--json", action="store_true")

    product = commands.add_parser(
        "product",
        parents=[data],
        help=_("show the product you take; with options, set it from tonight on"),
    )
    product.add_argument("--name", metavar="TEXT", help=_("as on the label"))
    product.add_argument("--form", choices=list(FORM_IDS), help=_("the form of magnesium"))
    product.add_argument(
        "--unit", choices=list(UNIT_NAMES), help=_("what one unit is (default capsule)")
    )
    product.add_argument(  # not user text: an option name
        "--label-mg", type=_number, metavar="N", help=_("the milligrams per unit on the label")
    )
    product.add_argument(  # not user text: an option name
        "--label-gives",
        choices=[b.value for b in LabelBasis],
        help=_("whether the label's mg are the magnesium itself (elemental) or the compound"),
    )
    product.add_argument("--json", action="store_true")

    next_dose = commands.add_parser(  # not user text: a command name
        "next-dose", parents=[data], help=_("tonight's suggested dose and why")
    )
    next_dose.add_argument("--today", type=_iso_date, metavar=DATE_METAVAR)
    next_dose.add_argument("--json", action="store_true")

    report = commands.add_parser(
        "report", parents=[data], help=_("write the doctor-visit report as a PDF")
    )
    report.add_argument("--from", dest="first", type=_iso_date, metavar=DATE_METAVAR)
    report.add_argument("--to", dest="last", type=_iso_date, metavar=DATE_METAVAR)
    report.add_argument(
        "-o",
        dest="output",
        metavar=PDF_METAVAR,
        required=True,
        help=_(PDF_OUT_HELP),
    )

    _add_trial_parser(commands, data)

    desktop = commands.add_parser(  # not user text: a command name
        "install-desktop-entry",
        help=_("put RLS Tracker into this Linux desktop's applications menu (for pip installs)"),
    )
    desktop.add_argument("--remove", action="store_true", help=_("take it out again"))
    return parser


def _add_trial_parser(commands, data: argparse.ArgumentParser) -> None:
    trial = commands.add_parser(
        "trial",
        parents=[data],
        # Translators: start, status, stop and helper-sheet are the steps as typed.
        help=_("a personal trial: does magnesium help you? (start, status, stop, helper-sheet)"),
        description=_(
            "A personal on/off trial of magnesium at the dose the guide held: pairs of periods "
            "on and off, in an order drawn at random, compared at the end."
        ),
    )
    steps = trial.add_subparsers(dest="trial_command", metavar="STEP", required=True)
    start = steps.add_parser("start", parents=[data], help=_("set up a trial from tonight"))
    start.add_argument(
        "--pairs",
        type=_whole,
        metavar="N",
        default=trial_design.PAIRS_DEFAULT,
        help=_("pairs of periods, {least}-{most} (default {default})").format(
            least=trial_design.PAIRS_MIN,
            most=trial_design.PAIRS_MAX,
            default=trial_design.PAIRS_DEFAULT,
        ),
    )
    start.add_argument(  # not user text: an option name
        "--period-nights",
        type=_whole,
        metavar="N",
        default=trial_design.PERIOD_NIGHTS_DEFAULT,
        help=_("nights a period, {least}-{most} (default {default})").format(
            least=trial_design.PERIOD_NIGHTS_MIN,
            most=trial_design.PERIOD_NIGHTS_MAX,
            default=trial_design.PERIOD_NIGHTS_DEFAULT,
        ),
    )
    start.add_argument(
        "--blind",
        action="store_true",
        help=_("a helper fills a pill box from a sheet; the order stays sealed until the end"),
    )
    start.add_argument(  # not user text: an option name
        "--min-difference",
        type=_number,
        metavar="X",
        default=trial_design.MIN_DIFFERENCE_DEFAULT,
        # Translators: {default} is written as the option takes it, with a dot (1.5).
        help=_(
            "the difference in symptoms (0-10 points) that would matter to you (default {default})"
        ).format(default=f"{trial_design.MIN_DIFFERENCE_DEFAULT:g}"),
    )
    status = steps.add_parser(
        "status", parents=[data], help=_("where the trial stands; its result")
    )
    status.add_argument("--json", action="store_true")
    steps.add_parser("stop", parents=[data], help=_("stop the running trial (no result)"))
    sheet = steps.add_parser(  # not user text: a step's name
        "helper-sheet", parents=[data], help=_("write the helper's sheet (it shows the order)")
    )
    sheet.add_argument(
        "-o", dest="output", metavar=PDF_METAVAR, required=True, help=_(PDF_OUT_HELP)
    )


def attach_windows_console() -> None:
    """`rlstracker` is a GUI script, so on Windows it starts without a console. A command typed
    in a console prints there: attach to it, or the output would be lost."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = Path("CONOUT$").open("w", encoding="utf-8")  # noqa: SIM115 - kept open
        sys.stderr = sys.stdout


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        why = describe_os_error(error) if isinstance(error, OSError) else str(error)
        super().__init__(why)


class Output:
    """Standard output, telling a failure to write it apart from a failure of the command."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.buffer = _BytesOutput(stream) if hasattr(stream, "buffer") else None

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as error:  # ValueError: standard output is closed
            raise OutputFailed(error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError) as error:
            raise OutputFailed(error) from error


class _BytesOutput:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        try:
            self._stream.flush()
            return self._stream.buffer.write(data)
        except (OSError, ValueError) as error:
            raise OutputFailed(error) from error

    def flush(self) -> None:
        try:
            self._stream.buffer.flush()
        except (OSError, ValueError) as error:
            raise OutputFailed(error) from error


def _language_option(argv: Sequence[str]) -> str | None:
    """--language's value, read before the parser is made (argparse checks it again)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--language="):
            return word.partition("=")[2] or None
        if word == "--language" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _say(message: str) -> None:
    """A message on standard error, control characters escaped (a file name may hold them)."""
    shown = "\n".join(shown_path(line) for line in message.split("\n"))
    with contextlib.suppress(OSError, ValueError):
        print(f"rlstracker: {shown}", file=sys.stderr)
        sys.stderr.flush()


def _silence_stdout() -> None:
    """After standard output failed: point it at nothing, so that Python's own flush at exit
    does not fail again with a traceback."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def writes(arguments: argparse.Namespace) -> bool:
    """Whether this command line writes to the diary (see WRITERS)."""
    return WRITERS.get(arguments.command, _never)(arguments)


def _never(arguments: argparse.Namespace) -> bool:
    return False


def main(
    argv: Sequence[str] | None = None, today: date | None = None, now: datetime | None = None
) -> int:
    """The command line; `today` (an evening and a date) or `now` stand in for the clock."""
    if argv is None and len(sys.argv) > 1:
        attach_windows_console()
    # The language first, so that the help and argparse's own complaints speak it too; once
    # the diary is open, the one chosen in Settings may replace the desktop's.
    option = _language_option(sys.argv[1:] if argv is None else argv)
    speak_chosen(option)
    arguments = build_parser().parse_args(argv)
    now = now or datetime.now()
    # "Tonight" turns at 04:00, as in the window; other dates are the calendar's.
    arguments.evening = today or evening_of(now)
    today = today or now.date()
    try:
        folder = data_dir(getattr(arguments, "data_dir", None))
    except DataDirRefused as error:
        _say(_("{error} Nothing was changed.").format(error=error))
        return EXIT_REFUSED
    log_file = start_logging(log_folder(), debugging())
    log.info("command: %s", arguments.command or "open the window")
    if arguments.command is None:
        from rlstracker.app import run_app  # Qt is loaded only to open the window

        return run_app(folder, background=arguments.background, log_file=log_file, language=option)
    if arguments.command == "install-desktop-entry":  # not user text: a command name
        return _desktop_entry(arguments.remove, sys.stdout)
    # The commands print to it as to any text stream; it tells a failed write apart.
    out = cast(TextIO, Output(sys.stdout))
    diary: Diary | None = None
    changes_before = 0

    def changed() -> bool:
        return diary is not None and diary.total_changes > changes_before

    try:
        prepare = PREPARE.get(arguments.command)
        if prepare is not None:
            prepare(arguments, today)  # checks that need no diary: nothing is opened or made
        # Only a command that writes may make a new diary, and only in a folder that never
        # held one; one that reads never creates anything.
        diary = Diary.open(folder, create=writes(arguments))
        changes_before = diary.total_changes
        if option is None:
            speak_chosen(None, diary.preferences().language)
        status = COMMANDS[arguments.command](diary, arguments, today, out)
        out.flush()
        return status
    except OutputFailed as failure:
        _silence_stdout()
        if changed():
            assert diary is not None
            _say(
                _(
                    "the change was made and saved in {path}, but its report could not be "
                    "written to standard output ({failure})."
                ).format(path=diary.path, failure=failure)
            )
        else:
            _say(
                _(
                    "the output could not be written to standard output ({failure}). The diary "
                    "was not changed."
                ).format(failure=failure)
            )
        return EXIT_FAILED
    except (Refused, StorageError) as error:
        _say(str(error))
        return EXIT_REFUSED
    except Exception as error:
        log.exception("unexpected error in %s", arguments.command)
        what = f"{type(error).__name__}: {error}"
        if changed():
            said = _(
                "unexpected error ({error}). The diary was changed before the error; check it "
                "in the app. Please report this."
            )
        else:
            said = _("unexpected error ({error}). Nothing was changed. Please report this.")
        said = said.format(error=what)
        if log_file:
            said += " " + _("The details are in {file}.").format(file=log_file)
        _say(said)
        return EXIT_FAILED
    finally:
        if diary is not None:
            diary.close()


def _demo(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    from rlstracker.demo import save_demo

    if not diary.is_empty():
        count = diary.night_count()
        raise Refused(
            ngettext(
                "the diary in {folder} already holds {count} night. demo only fills an empty "
                "diary, so your own data is never mixed with invented data. Try it with "
                "--data-dir and an empty folder.",
                "the diary in {folder} already holds {count} nights. demo only fills an empty "
                "diary, so your own data is never mixed with invented data. Try it with "
                "--data-dir and an empty folder.",
                count,
            ).format(folder=diary.path.parent, count=count)
        )
    if (
        diary.has_plan()
        or diary.safety_answers().any_answered
        or diary.product_in_use() is not None
    ):
        raise Refused(
            _(
                "the diary in {folder} already holds your plan or answers. demo only fills an "
                "empty diary. Try it with --data-dir and an empty folder."
            ).format(folder=diary.path.parent)
        )
    example = save_demo(diary, today)
    first, last = example.nights[0].date, example.nights[-1].date
    print(
        _(
            "Wrote an example diary of {count} nights ({first} to {last}) to {path}. It is "
            "invented data, for trying the app."
        ).format(
            count=len(example.nights),
            first=language.listed_date(first),
            last=language.listed_date(last),
            path=diary.path,
        ),
        file=out,
    )
    return EXIT_OK


def _read_import(arguments: argparse.Namespace, today: date) -> None:
    """The file read and checked before the diary is opened: a refused file makes nothing."""
    path: Path = arguments.file
    name = shown_path(path)
    try:
        data = read_csv_file(path)
        arguments.nights = read_diary_csv(data, today)
    except OSError as error:
        raise Refused(
            _("{file}: can't be read ({why}). Nothing was imported.").format(
                file=name, why=describe_os_error(error)
            )
        ) from None
    except CsvRefused as refused:
        count = len(refused.problems)
        lines = [
            ngettext(
                "{file} was not imported; nothing was changed. {count} problem:",
                "{file} was not imported; nothing was changed. {count} problems:",
                count,
            ).format(file=name, count=count)
        ]
        lines += [f"  {problem.describe(name)}" for problem in refused.problems[:PROBLEMS_LISTED]]
        if count > PROBLEMS_LISTED:
            more = count - PROBLEMS_LISTED
            lines.append(
                "  "
                + ngettext(
                    "... and {count} more problem, not listed.",
                    "... and {count} more problems, not listed.",
                    more,
                ).format(count=more)
            )
        raise Refused("\n".join(lines)) from None


def _import(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    path: Path = arguments.file
    nights = arguments.nights
    try:
        # Storage keeps a copy of the diary first when the import changes it.
        summary = diary.import_nights(nights, replace=arguments.replace)
    except ImportConflict as conflict:
        raise Refused(f"{shown_path(path)}: {conflict}") from None
    plan = diary.plan()
    for night in nights:
        if night.dose_mg is not None and night.dose_mg > plan.ceiling_mg:
            print(
                "rlstracker: "
                + _(
                    "note: {day}: {dose} is above your plan's ceiling of {ceiling} (kept as "
                    "recorded)."
                ).format(
                    day=language.listed_date(night.date),
                    dose=mg(night.dose_mg),
                    ceiling=mg(plan.ceiling_mg),
                ),
                file=sys.stderr,
            )
    print(
        ngettext(
            "Imported {file}: {added} night added, {replaced} replaced, {unchanged} already there.",
            "Imported {file}: {added} nights added, {replaced} replaced, {unchanged} already "
            "there.",
            summary.added,
        ).format(
            file=shown_path(path),
            added=summary.added,
            replaced=summary.replaced,
            unchanged=summary.unchanged,
        ),
        file=out,
    )
    if summary.backup is not None:
        kept = backups.KEEP_OCCASIONAL
        print(
            # Translators: File → Restore from a backup… is the window's menu and its item.
            ngettext(
                "The diary as it was before is kept as a backup ({file}); File → Restore from a "
                "backup… in the window can bring it back. The copies from before the last "
                "{count} import are kept.",
                "The diary as it was before is kept as a backup ({file}); File → Restore from a "
                "backup… in the window can bring it back. The copies from before the last "
                "{count} imports are kept.",
                kept,
            ).format(file=summary.backup.name, count=kept),
            file=out,
        )
    return EXIT_OK


def _export(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    # A blind trial that has ended is exported as revealed, without writing it here.
    nights = diary.trial_evening(arguments.evening, write=False).nights
    text = write_diary_csv(nights).encode("utf-8")
    if arguments.output == STANDARD_OUTPUT:
        _write_to_standard_output(out, text)
        return EXIT_OK
    target = _output_file(arguments.output)
    _write(target, text)
    count = len(nights)
    print(
        ngettext("Wrote {count} night to {file}.", "Wrote {count} nights to {file}.", count).format(
            count=count, file=shown_path(target)
        ),
        file=out,
    )
    return EXIT_OK


def _write_to_standard_output(out: TextIO, data: bytes) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # standard output replaced by text only (tests)
        out.write(data.decode("utf-8"))
    else:  # bytes, so that a CSV's line ends are not translated, and a PDF's bytes kept
        out.flush()
        buffer.write(data)
        buffer.flush()


def _pdf_output(name: str) -> Path | None:
    """-o FILE.pdf, refused before any work if its folder is not there; `-` is standard
    output (None), refused on a terminal, where a PDF's bytes would only garble the screen."""
    if name != STANDARD_OUTPUT:
        return _output_file(name)
    if sys.stdout.isatty():
        raise Refused(
            _(
                "-o -: a PDF is not written to a terminal. Give a file name (-o report.pdf), or "
                "send standard output to a file or a program (-o - > report.pdf). Nothing was "
                "written."
            )
        )
    return None


def _write_pdf(target: Path | None, data: bytes, out: TextIO) -> str:
    """The PDF written to `target` (None: standard output); where it went, in words."""
    if target is None:
        _write_to_standard_output(out, data)
        return _("standard output")
    _write(target, data)
    return shown_path(target)


def _output_file(name: str) -> Path:
    """-o FILE: refused before any work if its folder is not there."""
    target = Path(name)
    if not target.parent.is_dir():
        raise Refused(
            _("{file}: the folder {folder} does not exist. Nothing was written.").format(
                file=shown_path(target), folder=shown_path(target.parent)
            )
        )
    if target.is_dir():
        raise Refused(_("{file} is a folder. Nothing was written.").format(file=shown_path(target)))
    return target


def _check_output(arguments: argparse.Namespace, today: date) -> None:
    if arguments.output != STANDARD_OUTPUT:
        _output_file(arguments.output)


def _write(target: Path, data: bytes) -> None:
    """Temporary file, fsync, rename: the old file or the new one, never half of either."""
    try:
        write_atomically(target, data)
    except OSError as error:
        raise Refused(
            _("{file}: can't be written ({why}). Nothing was written.").format(
                file=shown_path(target), why=describe_os_error(error)
            )
        ) from None


def _plan(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    plan = diary.plan()
    changes = {
        name: getattr(arguments, name)
        for name in PLAN_OPTIONS
        if getattr(arguments, name) is not None
    }
    base = plan
    if arguments.no_clinician_approved and plan.ceiling_approved:
        base = base.without_ceiling_approval()
    if arguments.region is not None:
        base = base.with_region(arguments.region)
    saved = False
    if changes or base != plan or arguments.clinician_approved:
        fields = {**_plan_fields(base), **changes}
        if arguments.clinician_approved:  # the approval is of this ceiling, dated today
            fields["ceiling_approved_on"] = today
            fields["ceiling_approved_mg"] = fields["ceiling_mg"]
        problems = plan_field_problems(fields)
        if problems:
            lines = [_("the plan was not changed:")]
            for name, why in problems:
                option = PLAN_OPTIONS.get(name)
                given = f"{option} {changes[name]:g}: " if option and name in changes else ""
                said = why
                if isinstance(why, ApprovalNeeded):
                    said = _("{why} (add --clinician-approved if they did)").format(why=why)
                lines.append(f"  {given}{said}")
            raise Refused("\n".join(lines))
        plan = Plan(**fields)
        diary.save_plan(plan)
        saved = True
    if arguments.json:
        print(json.dumps(_plan_json(plan)), file=out)
    else:
        if saved:
            print(_("Plan saved."), file=out)
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
        "clinician_approved": plan.ceiling_approved,
        "ceiling_approved_on": _iso(plan.ceiling_approved_on),
        "ceiling_approved_mg": (
            None if plan.ceiling_approved_mg is None else _whole_if_whole(plan.ceiling_approved_mg)
        ),
        "baseline_nights": plan.baseline_nights,
        "target_severity": _whole_if_whole(plan.target_severity),
        "review_nights": plan.review_nights,
    }


def _plan_text(plan: Plan) -> str:
    limit = plan.region.limit_mg
    approved = _("no")
    if plan.ceiling_approved_on and plan.ceiling_approved_mg is not None:
        approved = _("yes, up to {dose}, by your clinician (recorded {day})").format(
            dose=mg(plan.ceiling_approved_mg), day=language.listed_date(plan.ceiling_approved_on)
        )
    rows = [
        (_("start dose"), mg(plan.start_mg)),
        (_("step"), mg(plan.step_mg)),
        (PLAN_FIELD_LABELS["interval_nights"], f"{plan.interval_nights}"),
        (
            _("ceiling"),
            _("{ceiling} ({authority} is {limit} a day)").format(
                ceiling=mg(plan.ceiling_mg), authority=plan.region.authority, limit=mg(limit)
            ),
        ),
        (_("ceiling approved"), approved),
        (PLAN_FIELD_LABELS["baseline_nights"], f"{plan.baseline_nights}"),
        (
            _("target severity"),
            _("{target} of 10 or less").format(target=language.number(plan.target_severity)),
        ),
        (
            _("review after"),
            ngettext(
                "{count} night at a steady dose",
                "{count} nights at a steady dose",
                plan.review_nights,
            ).format(count=plan.review_nights),
        ),
    ]
    width = max(len(label) for label, _value in rows)
    body = "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)
    return _("Plan (doses are mg of elemental magnesium):") + "\n" + body


def _next_dose(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    tonight = arguments.today or arguments.evening
    # During a trial its schedule answers, after every safety rule; a blind trial that has
    # ended is revealed first. An evening after today (--today) is looked at, not lived: what
    # the trial fixes for it is not kept.
    evening = diary.trial_evening(tonight, write=tonight <= arguments.evening)
    suggestion = tonight_answer(evening.trial, _guide(diary, evening.nights), tonight)
    if arguments.json:
        print(json.dumps(suggestion.to_json()), file=out)
        return EXIT_OK
    title = ACTION_TITLES[suggestion.action]
    if suggestion.dose_mg:
        if suggestion.units_text:
            dose = _("{dose} of elemental magnesium ({units})").format(
                dose=mg(suggestion.dose_mg), units=suggestion.units_text
            )
        else:
            dose = _("{dose} of elemental magnesium").format(dose=mg(suggestion.dose_mg))
    elif suggestion.dose_mg == 0:
        dose = _("no magnesium")
    elif suggestion.action is Action.TRIAL_BLIND:
        dose = _("the capsules from the trial's box")
    else:
        dose = _("no dose suggested")
    lines = []
    if suggestion.seek_help:
        lines += [_("SEEK MEDICAL HELP NOW: warning signs are recorded in your diary."), ""]
    # Translators: 'Thursday 2026-11-26: Go up one step: 150 mg of elemental magnesium'.
    headline = _("{weekday} {date}: {title}: {dose}").format(
        weekday=language.weekday(tonight),
        date=language.listed_date(tonight),
        title=title,
        dose=dose,
    )
    lines += [headline, "", _("Why:")]
    lines += [f"  - {reason}" for reason in suggestion.reasons]
    if suggestion.review:
        lines += ["", _("Review: talk to your clinician about whether to go on.")]
    if suggestion.warnings:
        lines += ["", _("To note:")]
        lines += [f"  - {line}" for line in suggestion.warnings]
    if suggestion.advice:
        lines += ["", _("Also:")]
        lines += [f"  - {line}" for line in suggestion.advice]
    iron = iron_advice(diary.iron_results(), tonight)
    if iron is not None:
        lines += ["", _("Iron: {advice}").format(advice=iron.text)]
    lines += ["", _(DISCLAIMER)]
    print("\n".join(lines), file=out)
    return EXIT_OK


def _guide(diary: Diary, nights: Iterable[Night]) -> Guide:
    """What the guide reads, with the nights as the trial's evening left them."""
    return trial_guide(
        diary.plan(),
        diary.safety_answers(),
        nights,
        diary.product_in_use(),
        diary.clearances(),
    )


def _safety(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    answers = diary.safety_answers()
    given = {
        "kidney": Kidney(arguments.kidney) if arguments.kidney else None,
        "heart_block": arguments.heart_block,
        "pregnant": arguments.pregnant,
        "age_group": AGE_OPTIONS[arguments.age] if arguments.age else None,
        "medicines": arguments.medicines,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    saved = None
    if changes:
        missing = dataclasses.replace(answers, **changes).unanswered
        if missing:
            named = ", ".join(f"{SAFETY_OPTIONS[q]} ({QUESTIONS[q]})" for q in missing)
            raise Refused(
                _(
                    "the safety answers were not saved. There are no default answers, so all "
                    "five must be given the first time; missing: {missing}."
                ).format(missing=named)
            )
        saved = answers.with_answers(today, **changes)
    elif arguments.confirm:
        if answers.unanswered:
            raise Refused(
                _(
                    "there are no complete safety answers to confirm yet; give all five first "
                    "(rlstracker safety --help)."
                )
            )
        saved = answers.confirmed(today)
    if saved is not None:
        diary.save_safety_answers(saved)
        answers = saved
    if arguments.json:
        print(json.dumps(_safety_json(answers)), file=out)
        return EXIT_OK
    if saved is not None:
        print(_("Safety answers saved.") if changes else _("Safety answers confirmed."), file=out)
    covered_by = safety_status(answers, diary.clearances(), diary.plan(), today).clearance
    print(_safety_text(answers, covered_by), file=out)
    return EXIT_OK


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _safety_json(answers: SafetyAnswers) -> dict[str, object]:
    return {
        "kidney": answers.kidney.value if answers.kidney else None,
        "heart_block": answers.heart_block,
        "pregnant": answers.pregnant,
        "age": AGE_NAMES[answers.age_group] if answers.age_group else None,
        "medicines": (
            None if answers.medicines is None else sorted(m.value for m in answers.medicines)
        ),
        "answered_on": _iso(answers.answered_on),
        "confirmed_on": _iso(answers.confirmed_on),
        "unanswered": [SAFETY_OPTIONS[q][2:] for q in answers.unanswered],
        "clinician_first": [c.value for c in concerns(answers)],
    }


def _safety_text(answers: SafetyAnswers, covered_by: Clearance | None) -> str:
    english = language.current() == language.SOURCE_LANGUAGE

    def named(words: str, option: str) -> str:
        # The option's own value (as typed), and in another language its words too.
        return option if english else f"{words} ({option})"

    def shown(value: object) -> str:
        if value is None:
            return _("not answered")
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, AgeGroup):
            return named(AGE_LABELS[value], AGE_NAMES[value])
        if isinstance(value, Kidney):
            return named(KIDNEY_LABELS[value], value.value)
        if isinstance(value, frozenset):
            medicines = sorted(value, key=lambda m: m.value)
            # A medicine's words may hold commas: then a semicolon parts them.
            parted = ", " if english else "; "
            return parted.join(named(MEDICINE_LABELS[m], m.value) for m in medicines) or (
                pgettext("medicines", "none")
            )
        return str(getattr(value, "value", value))

    rows = [(QUESTIONS[q], shown(answers.answer(q))) for q in QUESTIONS]
    width = max(len(label) for label, _value in rows)
    given, confirmed = answers.answered_on, answers.confirmed_on
    if given and confirmed:
        head = _("Safety answers (given {given}, confirmed {confirmed}):")
    elif given:
        head = _("Safety answers (given {given}, not confirmed yet):")
    elif confirmed:
        head = _("Safety answers (confirmed {confirmed}):")
    else:
        head = _("Safety answers (not confirmed yet):")
    lines = [
        head.format(
            given=given and language.listed_date(given),
            confirmed=confirmed and language.listed_date(confirmed),
        )
    ]
    lines += [f"  {label:<{width}}  {value}" for label, value in rows]
    if concerns(answers):
        if covered_by is not None:
            lines.append(
                _(
                    "These answers ask for a clinician's word first; your clearance of {day} "
                    "covers them."
                ).format(day=language.listed_date(covered_by.date))
            )
        else:
            lines.append(
                _(
                    "These answers ask for a clinician's word before magnesium. When they say "
                    "you may, record it: rlstracker clearance"
                )
            )
    return "\n".join(lines)


def _clearance(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    if arguments.list:
        if arguments.date or arguments.note:
            raise Refused(_("clearance --list only lists; give --date and --note without it."))
        found = diary.clearances()
        if arguments.json:
            print(json.dumps([_clearance_json(c) for c in found]), file=out)
        elif not found:
            print(_("No clearance recorded."), file=out)
        else:
            for item in found:
                note = f": {item.note}" if item.note else ""
                when = _("{day} (recorded {recorded})").format(
                    day=language.listed_date(item.date),
                    recorded=language.listed_date(item.recorded_on),
                )
                print(f"{when}{note}", file=out)
        return EXIT_OK
    day = arguments.date or today
    if day > today:
        raise Refused(
            _("--date {day}: a clearance can't be dated after today ({today}).").format(
                day=day.isoformat(), today=language.listed_date(today)
            )
        )
    try:
        recorded = diary.record_clearance(day, today, arguments.note or "")
    except InvalidRecord as error:
        raise Refused(_("the clearance was not recorded: {why}").format(why=error)) from None
    if arguments.json:
        print(json.dumps(_clearance_json(recorded)), file=out)
        return EXIT_OK
    lines = [
        _("Recorded: a clinician said you may take magnesium ({day}).").format(
            day=language.listed_date(recorded.date)
        )
    ]
    if recorded.covers:
        signs = sorted({night for night, _flag in recorded.covers})
        lines.append(
            _("It covers the warning signs recorded on {days}.").format(
                days=", ".join(language.listed_date(d) for d in signs)
            )
        )
    clearances = diary.clearances()
    still = [
        language.listed_date(n.date)
        for n in diary.nights()
        if n.red_flags and not cleared(n, clearances)
    ]
    if still:
        lines.append(
            _(
                "Warning signs recorded on {days} are not covered: a clearance must be dated "
                "after the sign's night."
            ).format(days=", ".join(still))
        )
    answers = diary.safety_answers()
    if concerns(answers):
        status = safety_status(answers, clearances, diary.plan(), today)
        if status.clearance is None:
            lines.append(
                _(
                    "It does not cover your safety answers, given on {day}, after its date: "
                    "record a clearance dated on or after that day."
                ).format(day=answers.answered_on and language.listed_date(answers.answered_on))
            )
        else:
            lines.append(_("It covers your safety answers."))
    print("\n".join(lines), file=out)
    return EXIT_OK


def _clearance_json(clearance: Clearance) -> dict[str, object]:
    return {
        "date": clearance.date.isoformat(),
        "recorded_on": clearance.recorded_on.isoformat(),
        "note": clearance.note,
        "covers": [
            {"date": night.isoformat(), "sign": flag.value}
            for night, flag in sorted(clearance.covers, key=lambda item: (item[0], item[1].value))
        ],
    }


def _product(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    current = diary.product_in_use()
    given = {
        "name": arguments.name,
        "form": arguments.form,
        "unit": arguments.unit,
        "amount_per_unit_mg": arguments.label_mg,
        "label_basis": LabelBasis(arguments.label_gives) if arguments.label_gives else None,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    product = current
    if changes:
        if current is None:
            needed = {  # not user text: option names
                "name": "--name",
                "form": "--form",
                "amount_per_unit_mg": "--label-mg",
                "label_basis": "--label-gives",
            }
            missing = [option for name, option in needed.items() if name not in changes]
            if missing:
                raise Refused(
                    _(
                        "the product was not saved: the first time, give {options} too (and "
                        "--unit if it is not a capsule)."
                    ).format(options=", ".join(missing))
                )
            fields = {"unit": "capsule", **changes}
        else:
            fields = {**dataclasses.asdict(current), **changes}
        try:
            product = Product(**fields)
        except ProductError as error:
            raise Refused(_("the product was not saved: {why}.").format(why=error)) from None
        if product != current:
            diary.use_product(product)
    if arguments.json:
        print(json.dumps(None if product is None else _product_json(product)), file=out)
        return EXIT_OK
    if product is None:
        print(
            _("No product set yet. Set it with --name, --form, --label-mg and --label-gives."),
            file=out,
        )
        return EXIT_OK
    if changes:
        print(_("Product saved; the guide uses it from tonight on."), file=out)
    print(_product_text(product, diary.plan()), file=out)
    return EXIT_OK


def _product_json(product: Product) -> dict[str, object]:
    return {
        "name": product.name,
        "form": product.form,
        "unit": product.unit,
        "label_mg": _whole_if_whole(product.amount_per_unit_mg),
        "label_gives": product.label_basis.value,
        "elemental_mg_per_unit": _whole_if_whole(product.elemental_mg_per_unit),
        "upper_mg_per_unit": _whole_if_whole(product.upper_mg_per_unit),
    }


def _product_text(product: Product, plan: Plan) -> str:
    form = FORMS[product.form]
    unit = unit_label(product.unit, 1)
    lines = [
        # Translators: {basis} is the id 'elemental' or 'compound', as --label-gives takes it.
        _("{name}: {form}, {dose} per {unit} on the label ({basis}).").format(
            name=product.name,
            form=form.name.lower() if language.current() == "en" else form.name,
            dose=mg(product.amount_per_unit_mg),
            unit=unit,
            basis=product.label_basis.value,
        ),
        _("= {dose} of elemental magnesium per {unit}.").format(
            dose=mg(product.elemental_mg_per_unit), unit=unit
        ),
    ]
    if product.varies:
        lines.append(
            _(
                "Products of this form vary: one {unit} may hold up to {dose}, and the guide "
                "keeps to your ceiling with that figure."
            ).format(unit=unit, dose=mg(product.upper_mg_per_unit))
        )
    if product.label_basis is LabelBasis.ELEMENTAL and product.amount_per_unit_mg > 120:
        lines.append(
            _(
                "Check the label: {dose} of magnesium itself per {unit} is a lot. If it is the "
                "compound's weight, use --label-gives compound."
            ).format(dose=mg(product.amount_per_unit_mg), unit=unit)
        )
    nothing = nothing_fits_words(plan, product)
    if nothing is not None:
        lines.append(
            _("{why} A lower-strength product would let you take less.").format(why=nothing)
        )
    elif product.elemental_mg_per_unit > plan.step_mg:
        lines.append(
            _(
                "One {unit} is more than a step ({step}): the guide moves by whole {units}, at "
                "most two steps at a time."
            ).format(unit=unit, step=mg(plan.step_mg), units=unit_label(product.unit, 2))
        )
    return "\n".join(lines)


def _settings(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    from rlstracker import autostart
    from rlstracker.locations import data_dir

    preferences = diary.preferences()
    reminder_given = "reminder" in vars(arguments)
    login = arguments.start_at_login
    if reminder_given or login is not None:
        changed = dataclasses.replace(
            preferences,
            reminder_time=arguments.reminder if reminder_given else preferences.reminder_time,
            start_at_login=login if login is not None else preferences.start_at_login,
        )
        if login is not None:
            folder = diary.path.parent
            default = data_dir(None, environ={}) == folder
            try:
                autostart.set_enabled(
                    login, autostart.launch_arguments(None if default else folder)
                )
            except OSError as error:
                if login:
                    said = _("the start at login could not be set ({why}); nothing was changed.")
                else:
                    said = _(
                        "the start at login could not be removed ({why}); nothing was changed."
                    )
                raise Refused(said.format(why=error.strerror)) from None
        diary.save_preferences(changed)
        preferences = changed
    shown = {
        "reminder": preferences.reminder_time.strftime("%H:%M")
        if preferences.reminder_time
        else None,
        "start_at_login": autostart.is_enabled(),
    }
    if arguments.json:
        print(json.dumps(shown), file=out)
        return EXIT_OK
    lines = [
        _("Evening reminder: {time}").format(time=shown["reminder"] or _("off")),
        _("Start at login, in the background: {answer}").format(
            answer=_("yes") if shown["start_at_login"] else _("no")
        ),
    ]
    print("\n".join(lines), file=out)
    return EXIT_OK


def _check_report(arguments: argparse.Namespace, today: date) -> None:
    first, last = arguments.first, arguments.last
    if first and last and first > last:
        # The dates as they were typed: YYYY-MM-DD.
        raise Refused(
            _("--from {first} is after --to {last}; nothing was written.").format(
                first=first.isoformat(), last=last.isoformat()
            )
        )
    _pdf_output(arguments.output)


def _report(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    first, last = arguments.first, arguments.last
    target = _pdf_output(arguments.output)
    from rlstracker.report.content import build_report
    from rlstracker.report.paper import report_pdf_for_locale

    # A report only reads: a blind trial that has ended is revealed in what it shows alone.
    evening = diary.trial_evening(arguments.evening, write=False)
    content = build_report(
        evening.nights,
        diary.plan(),
        diary.safety_answers(),
        diary.product_in_use(),
        diary.iron_results(),
        today,
        first=first,
        last=last or (today if first else None),
        name=diary.report_name(),
        clearances=diary.clearances(),
        trial=_trial_view(evening, arguments.evening),
    )
    if content.long_note:
        print("rlstracker: " + _("note: {note}").format(note=content.long_note), file=sys.stderr)
    data, pages = report_pdf_for_locale(content)
    where = _write_pdf(target, data, out)
    if target is not None:  # on standard output the PDF is all there is
        print(
            ngettext(
                "Wrote a {count}-page report to {file}.",
                "Wrote a {count}-page report to {file}.",
                pages,
            ).format(count=pages, file=where),
            file=out,
        )
    return EXIT_OK


def _check_trial(arguments: argparse.Namespace, today: date) -> None:
    """The design's bounds and the helper's sheet's folder, before the diary is opened."""
    if arguments.trial_command == "helper-sheet":  # not user text: a step's name
        _pdf_output(arguments.output)
    if arguments.trial_command == "start":
        _trial_design(arguments)


def _trial_design(arguments: argparse.Namespace) -> TrialDesign:
    design = TrialDesign(
        arguments.pairs, arguments.period_nights, arguments.min_difference, arguments.blind
    )
    problems = trial_design.design_problems(design)
    if problems:
        options = {  # not user text: the options as typed
            "pairs": f"--pairs {design.pairs}",
            "period_nights": f"--period-nights {design.period_nights}",
            "min_difference": f"--min-difference {design.min_difference:g}",
        }
        raise Refused(
            "\n".join(
                [
                    _("the trial was not set up:"),
                    *(f"  {options[name]}: {why}" for name, why in problems),
                ]
            )
        )
    return design


# Why `trial stop` can't act, by the trial's state (the words of `trial status --json`).
NOT_RUNNING = language.Translated(
    {
        "done": N_("the trial is not running (done)."),
        "stopped": N_("the trial is not running (stopped)."),
    }
)


def _trial(diary: Diary, arguments: argparse.Namespace, today: date, out: TextIO) -> int:
    tonight = arguments.evening
    step = arguments.trial_command
    if step == "start":
        return _trial_start(diary, arguments, tonight, out)
    evening = diary.trial_evening(tonight)
    trial = evening.trial
    if trial is None:
        raise Refused(
            # Translators: the command stays as typed.
            _("there is no trial in this diary. Start one with: rlstracker trial start")
        )
    if step == "stop":
        if not trial.running:
            raise Refused(NOT_RUNNING[_viewed(evening, tonight).state])
        trial = diary.stop_trial(tonight)
        evening = diary.trial_evening(tonight)
        print(
            _(
                "Trial stopped. From tonight the guide alone suggests your dose; a trial stopped "
                "early gives no result."
            ),
            file=out,
        )
        if trial.design.blind:
            print(_("The order is no longer sealed; the diary now shows what was taken."), file=out)
    if step == "helper-sheet":  # not user text: a step's name
        from rlstracker.report.helper_sheet import helper_sheet_pdf

        target = _pdf_output(arguments.output)
        where = _write_pdf(target, helper_sheet_pdf(trial, diary.product_in_use()), out)
        if target is not None:  # on standard output the PDF is all there is
            print(
                _(
                    "Wrote the helper sheet to {file}. It shows the order: give it to your helper "
                    "without reading it."
                ).format(file=where),
                file=out,
            )
        return EXIT_OK
    v = _viewed(evening, tonight)
    if step == "status" and arguments.json:
        print(json.dumps(trial_words.status_json(v)), file=out)
        return EXIT_OK
    print(_trial_text(v, diary.product_in_use()), file=out)
    return EXIT_OK


def _trial_view(evening: TrialEvening, tonight: date) -> TrialView | None:
    trial = evening.trial
    return None if trial is None else trial_view(trial, evening.nights, tonight)


def _viewed(evening: TrialEvening, tonight: date) -> TrialView:
    v = _trial_view(evening, tonight)
    assert v is not None
    return v


def _trial_text(v: TrialView, product: Product | None) -> str:
    ladder = Ladder.of(product)
    lines = [_("Personal trial: {state}").format(state=trial_words.state_line(v)), ""]
    lines += [
        f"  {line}" for line in trial_words.design_lines(v.trial, ladder.describe(v.trial.dose_mg))
    ]
    lines += ["", _("Schedule (as it happened, then as planned):")]
    rows = [trial_words.schedule_headers(), *(trial_words.period_cells(v, p) for p in v.periods)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  " + "  ".join([*cells, row[-1]]))
    if v.result is not None:
        lines += ["", _("Result:")]
        lines += [f"  {line}" for line in trial_words.result_lines(v.result)]
    lines += ["", _("What a trial like this can't show:")]
    lines += [f"  - {line}" for line in trial_words.LIMITS]
    return "\n".join(lines)


def _trial_start(diary: Diary, arguments: argparse.Namespace, tonight: date, out: TextIO) -> int:
    evening = diary.trial_evening(tonight)
    latest = evening.trial
    if latest is not None and latest.running:
        raise Refused(
            _(
                "a trial is already running (from {day}). See it with rlstracker trial status, "
                "or stop it with rlstracker trial stop."
            ).format(day=language.listed_date(latest.first_night))
        )
    design = _trial_design(arguments)
    product = diary.product_in_use()
    offer = trial_offer(_guide(diary, evening.nights), tonight)
    if offer.dose_mg is None:
        raise Refused(_("the trial was not set up. {why}").format(why=offer.why_not))
    tonight_night = diary.night_on(tonight)
    begins_tomorrow = design.blind or (
        tonight_night is not None and tonight_night.dose_mg is not None
    )
    trial = diary.start_trial(
        Trial(
            design=design,
            seed=secrets.randbits(31),
            first_night=tonight + timedelta(days=1) if begins_tomorrow else tonight,
            dose_mg=offer.dose_mg,
            set_up_on=tonight,
        )
    )
    print(_("Trial set up."), file=out)
    print(_trial_text(trial_view(trial, evening.nights, tonight), product), file=out)
    if design.blind:
        print(file=out)
        print(
            # Translators: the commands and FILE.pdf stay as typed.
            _(
                "Blind: write the helper's sheet with rlstracker trial helper-sheet -o FILE.pdf "
                "and give it to your helper without reading it. Tonight and every evening, "
                "rlstracker next-dose says only to take the capsules from the box."
            ),
            file=out,
        )
    return EXIT_OK


def _desktop_entry(remove: bool, out: TextIO) -> int:
    if not sys.platform.startswith("linux"):
        print(
            "rlstracker: "
            + _(
                "install-desktop-entry is for Linux desktops. On Windows and macOS, install the "
                "app bundle (see the README)."
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    from rlstracker import desktop_entry

    try:
        changed = desktop_entry.remove() if remove else desktop_entry.install()
    except OSError as error:
        print(
            "rlstracker: " + _("the menu entry could not be written ({why}).").format(why=error),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if remove:
        print(
            ngettext(
                "Removed {count} file: RLS Tracker is out of the applications menu.",
                "Removed {count} files: RLS Tracker is out of the applications menu.",
                len(changed),
            ).format(count=len(changed)),
            file=out,
        )
    else:
        entry = changed[0]
        print(
            _(
                "RLS Tracker is in the applications menu ({file}); the icon and metainfo are "
                "beside it. Undo with: rlstracker install-desktop-entry --remove"
            ).format(file=entry),
            file=out,
        )
    return EXIT_OK


def _given(*options: str, flags: tuple[str, ...] = ()) -> Callable[[argparse.Namespace], bool]:
    """Writes when any of these options is given (a value, "no" included, or absent from the
    namespace when its default is SUPPRESS), or any of these store_true flags is set."""

    def test(arguments: argparse.Namespace) -> bool:
        given = vars(arguments)
        return any(given.get(name) is not None for name in options) or any(
            given.get(name) for name in flags
        )

    return test


def _settings_writes(arguments: argparse.Namespace) -> bool:
    # --reminder off is None: given or not is told by its presence (default SUPPRESS).
    return "reminder" in vars(arguments) or arguments.start_at_login is not None


def _clearance_writes(arguments: argparse.Namespace) -> bool:
    return not arguments.list


def _always(arguments: argparse.Namespace) -> bool:
    return True


# The commands that write to the diary, each with a test of its options saying whether this
# call writes (plan only shows the plan without options). Only a call that writes may make a
# new diary, and only in a folder that never held one. A command not named here only reads.
# A new command that writes must be added here.
WRITERS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "demo": _always,
    "import": _always,
    "plan": _given(*PLAN_OPTIONS, "region", flags=("clinician_approved", "no_clinician_approved")),
    "safety": _given("kidney", "heart_block", "pregnant", "age", "medicines", flags=("confirm",)),
    "clearance": _clearance_writes,
    "product": _given("name", "form", "unit", "label_mg", "label_gives"),
    "settings": _settings_writes,
    # A trial is set up, kept up to date and stopped in a diary that holds the nights it needs:
    # it never makes a new one.
    "trial": _never,
}

# Checks run before the diary is opened, so that a refusal opens and makes nothing.
PREPARE: dict[str, Callable[[argparse.Namespace, date], None]] = {
    "import": _read_import,
    "export": _check_output,
    "report": _check_report,
    "trial": _check_trial,
}

COMMANDS = {  # not user text: the commands' names
    "demo": _demo,
    "import": _import,
    "export": _export,
    "plan": _plan,
    "settings": _settings,
    "safety": _safety,
    "clearance": _clearance,
    "product": _product,
    "next-dose": _next_dose,
    "report": _report,
    "trial": _trial,
}
