"""The `retro` command line: what needs no screen, and the way into the app.

The commands are read by the standard library's argparse: each is a function of the parsed
arguments (`args`), given to its sub-parser in `parser()`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import checklist as checklists
from .atomic import error_text
from .checklist import ChecklistError
from .dates import default_period, parse_period
from .errors import RetroError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence
from .i18n import LANGS, Lang, pick, system_lang, tr
from .workbook import Workbook, WorkbookExists


def fail(message: object) -> NoReturn:
    say(f"retro: {message}", err=True)
    sys.exit(1)


def say(line: str, err: bool = False) -> None:
    """Lines for the terminal: file names and data in them print as text, never as escapes."""
    from .terminal import printable

    echo("\n".join(map(printable, line.split("\n"))) + "\n", err)


def echo(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a stream set to ASCII (PYTHONIOENCODING, the C locale): the text as UTF-8
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
    stream.flush()  # stdout and stderr in the order they were said


def run_app(workbook: Workbook | None = None, lang: Lang | None = None, notice: str | None = None,
            also_recent: tuple[Path, ...] = ()) -> None:
    import gc

    # Start-up makes many objects and next to no garbage: no collection walks them all again and
    # again before the first frame is on the screen (RetroApp.on_ready switches collecting back on).
    gc.disable()
    switch = sys.getswitchinterval()
    try:
        from .ui.app import SWITCH_INTERVAL, RetroApp

        sys.setswitchinterval(SWITCH_INTERVAL)
        app = RetroApp(workbook=workbook, lang=lang, notice=notice, also_recent=also_recent)
        beside = app.run()
    finally:
        gc.enable()
        sys.setswitchinterval(switch)
    if beside:  # the file could not take this window's answers as the app closed: they are there
        say(tr(app.saved_why, app.lang, path=beside), err=True)
    if app.return_code:  # it stopped on an error (shown above): a script must know
        sys.exit(app.return_code)


def open_workbook(path: Path, for_editing: bool = False) -> Workbook:
    return Workbook.load(path, for_editing)


def start(args: argparse.Namespace) -> None:
    """With no command: the start screen."""
    run_app(lang=args.parent_lang)


def open_cmd(args: argparse.Namespace) -> None:
    """Open the workbook at PATH in the app."""
    run_app(open_workbook(args.path), args.lang or args.parent_lang)


def new(args: argparse.Namespace) -> None:
    """Create a workbook file at PATH without opening the app."""
    from .carry import carry_over

    path, previous, lang = args.path, args.previous, args.lang or system_lang()
    try:
        checklist = checklists.find(args.checklist_id)
        dates, campaign = _period_and_campaign(checklist, args.period, args.campaign)
        new_folder = not path.parent.exists()
        last = Workbook.load(previous) if previous else None  # read first: a bad one creates nothing
        workbook = Workbook.new_file(path, checklist, period=dates, language=lang, title=args.title or "", team=args.team,
                                     facilitator=args.facilitator, campaign=campaign or "", replace=args.force)
        carried = carry_over(last, workbook) if last else []
        if carried:
            workbook.save()
    except WorkbookExists:
        fail(tr("cli_exists", lang, path=path))
    except ValueError as exc:
        fail(exc)
    if new_folder:
        say(tr("cli_created_folder", lang, folder=path.parent))
    say(tr("cli_created", lang, path=path, id=checklist.id, version=checklist.version, start=dates[0], end=dates[1]))
    for entry in carried:
        message = "cli_carried_actuals" if entry.actuals else "cli_carried"
        say(tr(message, lang, n=entry.rows, where=entry.where, file=previous.name if previous else ""))


def _period_and_campaign(checklist, period: str | None, campaign: str | None) -> tuple[tuple[dt.date, dt.date], str | None]:
    """A new workbook's period and, for a checklist of one campaign, its campaign: the one
    given (its latest days when no period is), else the one the period holds."""
    import datetime as dt

    from .promotions import campaign_name, last_days, review_days

    if campaign and not checklist.campaign:
        raise ValueError(f"--campaign: the checklist {checklist.id} is not for one campaign")
    if period is not None:
        dates = parse_period(period)
    elif campaign:
        days = last_days(campaign, dt.date.today())
        if days is None:
            raise ValueError(f"--campaign {campaign}: not in the promotion calendar; give its days with --period")
        dates = days
    else:
        dates = review_days(checklist.campaign, dt.date.today())
    return dates, campaign and campaign_name(campaign)  # Double 11 → 双十一; none: the one the period holds


def export(args: argparse.Namespace) -> None:
    """Write the workbook at PATH as a Markdown report."""
    from .conclusions import conclusion_checks
    from .export.markdown import export as to_markdown
    from .export.markdown import write_report

    workbook, output, lang = open_workbook(args.path), args.output, args.lang
    said = lang or workbook.language  # the report's language, for what is said about it too
    if output is None:
        echo(to_markdown(workbook, lang))
    else:
        try:
            write_report(workbook, output, lang)
        except OSError as exc:
            fail(tr("cli_cannot_write", said, path=output, error=error_text(exc, said)))
        say(tr("exported_to", said, path=output), err=True)
    checks = conclusion_checks(workbook, said)
    if checks:  # on stderr, so a report written to stdout stays clean
        say("\n".join([tr("check_title", said), *("  - " + check.replace("\n", "\n    ") for check in checks)]), err=True)


def imports_cmd(args: argparse.Namespace) -> None:
    """What data WORKBOOK holds: per channel and kind, the files, rows, days covered and the days
    of the review period missing."""
    from .coverage import describe_holdings

    for line in describe_holdings(open_workbook(args.workbook_path), system_lang()):
        say(line)


def import_cmd(args: argparse.Namespace) -> None:
    """Fill WORKBOOK's target tables from shop exports (CSV in UTF-8 or GBK, or Excel)."""
    from .metrics.catalogue import load as load_catalogue
    from .metrics.importer import describe_outcome, describe_report, forget_files, import_files, stored

    files, kind, forget = args.files, args.kind, args.forget
    mapping = {}
    for pair in args.maps:
        column, sep, field = pair.partition("=")
        if not sep:
            fail(f"--map {pair}: expected COLUMN=FIELD")
        mapping[column.strip()] = field.strip()
    if not files and not forget:
        fail("give the files to import (or --forget FILE)")
    if kind is not None and kind not in load_catalogue().kinds:
        fail(f"--kind {kind}: not a kind of file; the kinds: {', '.join(load_catalogue().kinds)}")
    workbook = open_workbook(args.workbook_path, for_editing=True)
    lang = system_lang()
    if forget:
        report = forget_files(workbook, list(forget))
    outcome = import_files(workbook, list(files), kind, mapping, args.overwrite, args.channel) if files else None
    workbook.save()
    for name in forget:
        say(tr("import_forgot", lang, file=name))
    for line in describe_report(report, lang) if forget and not files else []:
        say(line)
    for line in describe_outcome(outcome, lang) if outcome else []:
        say(line)
    for done in ([report] if forget else []) + ([outcome.report] if outcome else []):
        if problem := stored(done):
            say(tr("import_not_stored", lang, why=problem))


def serve_cmd(args: argparse.Namespace) -> None:
    """Open the workbook at PATH to browsers: the first window edits, the others follow it.
    Prints a link with an access token; without the token a request is refused."""
    path, host, port, lang = args.path, args.host, args.port, args.parent_lang
    open_workbook(path)  # a workbook that cannot be opened is said here, not in every tab
    try:
        from .ui.web.server import RoomServer
    except ImportError:
        fail(tr("serve_needs_web", lang or system_lang()))
    try:
        RoomServer(path.resolve(), host=host, port=port, public_url=args.public_url, lang=lang).serve()
    except OSError as exc:  # the port taken, an address this machine does not have
        fail(tr("serve_cannot_listen", lang or system_lang(), where=f"{host}:{port or ''}", why=exc.strerror or exc))


def calendar_cmd(args: argparse.Namespace) -> None:
    """The platforms' promotion calendar, resolved for a year (checklists/calendar.yaml)."""
    from .promotions import events_in

    lang = args.parent_lang or system_lang()
    year = args.year or default_period()[0].year
    for event in events_in(year):
        phases = "  " + ", ".join(f"{tr(f'phase_{name}', lang)} {a:%m-%d}–{b:%m-%d}"
                                  for name, (a, b) in event.phases.items()) if event.phases else ""
        say(f"{event.start} – {event.end}  {event.title(lang)}{phases}")


def list_checklists(args: argparse.Namespace) -> None:
    """List the checklists you can make a workbook from."""
    lang = args.lang or system_lang()
    infos = checklists.available()
    width = max((len(info.id) for info in infos), default=0)
    for info in infos:
        say(f"{info.id:<{width}}  v{info.version}  {pick(info.title, lang)}")


def validate(args: argparse.Namespace) -> None:
    """Check checklist FILES; prints each problem as FILE:LINE: FIELD: MESSAGE."""
    bad = 0
    for path in args.files:
        try:
            checklist = checklists.load(path)
        except ChecklistError as exc:
            say(str(exc), err=True)
            bad += 1
        else:
            items = sum(len(s.items) for s in checklist.sections)
            say(tr("cli_valid", system_lang(), path=path, id=checklist.id, version=checklist.version,
                          sections=len(checklist.sections), items=items))
    sys.exit(1 if bad else 0)


def schema(args: argparse.Namespace) -> None:
    """Print the JSON Schema of the checklist format."""
    import json

    echo(json.dumps(checklists.json_schema(), ensure_ascii=False, indent=2) + "\n")


def demo(args: argparse.Namespace) -> None:
    """Copy the filled demo workbooks (the 2025 annual review and its 618 campaign review) into
    DIRECTORY (default ./retro-demo) and open the annual review (or, with --campaign, the 618 one)."""
    from . import demo as bundled
    from . import recent

    directory = args.directory
    try:
        path, fresh = bundled.install(directory)
    except OSError as exc:
        fail(tr("cli_cannot_write", system_lang(), path=directory, error=error_text(exc, system_lang())))
    other = directory / bundled.CAMPAIGN
    if args.campaign:
        path, other = other, path
    notice = None if fresh or args.campaign else tr("demo_kept", system_lang(), path=path)
    if args.no_open:
        recent.remember(other, path)  # both on the start screen's list, the one opened first
        say(tr("cli_demo", system_lang(), path=path))
        say(tr("cli_demo", system_lang(), path=other))
        if notice:
            say(notice, err=True)
        return
    run_app(open_workbook(path), args.lang or args.parent_lang, notice, also_recent=(other,))  # (listed once shown)


# --- the parser ------------------------------------------------------------------------


class _Intermixed(argparse.ArgumentParser):
    """A command's parser that takes its arguments wherever they stand among its options, as
    `retro import WORKBOOK --kind costs costs.csv` is written (argparse alone would take the
    files as unrecognized once an option came between them and the workbook)."""

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if self._intermixing:  # (called again by parse_known_intermixed_args, once for each kind)
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


class _Version(argparse.Action):
    """`--version`: the installed version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace, values, option_string=None) -> NoReturn:
        from importlib.metadata import version

        echo(f"retro, version {version('retro-tui')}\n")
        parser.exit()


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not in 1..65535")
    return port


def _lang(sub: argparse.ArgumentParser, text: str) -> None:
    sub.add_argument("--lang", choices=LANGS, help=text)


def _open_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH", type=Path)
    _lang(sub, "Interface language.")


def _new_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH", type=Path)
    sub.add_argument("--checklist", dest="checklist_id", required=True,
                     help="Checklist id (see `retro checklists`) or a .yaml file.")
    sub.add_argument("--title", help="Title of the review (default: the checklist's title and the year).")
    sub.add_argument("--period", help="START..END, e.g. 2025-01-01..2025-12-31 (default: last calendar year).")
    _lang(sub, "Language of the workbook and its report (default: the locale's).")
    sub.add_argument("--team", default="", help="Team or shop name.")
    sub.add_argument("--facilitator", default="", help="Who leads the review.")
    sub.add_argument("--force", action="store_true", help="Replace an existing file.")
    sub.add_argument("--from", dest="previous", type=Path,
                     help="Last review's workbook: its open actions and unresolved issues come back in this one.")
    sub.add_argument("--campaign", help="For a campaign review: the campaign (618, 双十一 …; default: the one the period holds).")


def _export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH", type=Path)
    sub.add_argument("-o", "--output", type=Path, help="Write to this file instead of stdout.")
    _lang(sub, "Language of the report (default: the workbook's).")


def _imports_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("workbook_path", metavar="WORKBOOK", type=Path)


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("workbook_path", metavar="WORKBOOK", type=Path)
    sub.add_argument("files", metavar="FILE", nargs="*", type=Path)
    sub.add_argument("--kind", help="What the files are (orders, refunds, costs, customers, targets, ads, shop, items, "
                     "products); default: told by their columns.")
    sub.add_argument("--map", dest="maps", action="append", default=[], metavar="COLUMN=FIELD",
                     help="Read a column as a catalogue field.")
    sub.add_argument("--overwrite", action="store_true", help="Also replace values typed by hand.")
    sub.add_argument("--channel", help="The channel (platform) of files that do not say, e.g. 天猫 for a Taobao/Tmall export.")
    sub.add_argument("--forget", action="append", default=[], metavar="FILE",
                     help="Take an imported file out (retro imports lists them).")


def _serve_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH", type=Path)
    sub.add_argument("--host", default="127.0.0.1",
                     help="Where to listen: 0.0.0.0 to be reached from other machines (default: %(default)s, loopback).")
    sub.add_argument("--port", type=_port, help="The port (default: a free one).")
    sub.add_argument("--public-url", help="The address the others reach it by (a proxy, a tunnel).")


def _calendar_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=int, help="The year (default: last year, like a new review's period).")


def _checklists_arguments(sub: argparse.ArgumentParser) -> None:
    _lang(sub, "Language of the titles.")


def _validate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("files", metavar="FILE", nargs="+", type=Path)


def _demo_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("directory", nargs="?", type=Path, default=Path("retro-demo"))
    sub.add_argument("--no-open", action="store_true", help="Only write the files.")
    sub.add_argument("--campaign", action="store_true", help="Open the 618 campaign review instead of the annual review.")
    _lang(sub, "Interface language.")


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], None], Callable[[argparse.ArgumentParser], None] | None]] = {
    "open": (open_cmd, _open_arguments),
    "new": (new, _new_arguments),
    "export": (export, _export_arguments),
    "imports": (imports_cmd, _imports_arguments),
    "import": (import_cmd, _import_arguments),
    "serve": (serve_cmd, _serve_arguments),
    "calendar": (calendar_cmd, _calendar_arguments),
    "checklists": (list_checklists, _checklists_arguments),
    "validate": (validate, _validate_arguments),
    "schema": (schema, None),
    "demo": (demo, _demo_arguments),
}
"""Each command: what runs it, and what adds its arguments to its parser."""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command, its help and its arguments; with `command`, that one only (the others are
    not needed to read a command line of it, and would cost the start of every command)."""
    top = argparse.ArgumentParser(
        prog="retro", description="retro_tui: a terminal workbook for 复盘, structured business reviews. "
        "With no command, opens the start screen; `retro PATH.toml` opens a workbook.")
    top.add_argument("--lang", dest="parent_lang", choices=LANGS,
                     help="Interface language (default: the workbook's, else the locale's).")
    top.add_argument("--version", action=_Version, nargs=0, help="Show the version and exit.")
    top.set_defaults(run=start)
    commands = top.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Intermixed)
    for name, (run, arguments) in COMMANDS.items():
        if command in COMMANDS and name != command:
            continue
        about = (run.__doc__ or "").strip()
        sub = commands.add_parser(name, help=re.split(r"\.\s", about)[0].rstrip(".") + ".",
                                   description=" ".join(about.split()))
        sub.set_defaults(run=run)
        if arguments:
            arguments(sub)
    return top


def command_line(args: Sequence[str]) -> tuple[list[str], str | None]:
    """The arguments, and the command they name (None: none). `retro PATH.toml` is short for
    `retro open PATH.toml` (after `--lang L`, if given)."""
    args = list(args)
    at = 0
    while at < len(args) and args[at].startswith("--lang"):
        at += 1 if "=" in args[at] else 2
    if at >= len(args) or args[at].startswith("-"):
        return args, None
    if args[at] not in COMMANDS and (args[at].endswith(".toml") or Path(args[at]).is_file()):
        args.insert(at, "open")
    return args, args[at]


def main(argv: Sequence[str] | None = None) -> None:
    """`retro …`: every command's errors said the one way, where and what (see RetroError)."""
    import warnings

    warnings.filterwarnings("ignore", module=r"retro_tui\.metrics\.reader")  # (see reader.RowsReadAgain)
    line, command = command_line(sys.argv[1:] if argv is None else argv)
    args = parser(command).parse_args(line)
    try:
        args.run(args)
    except RetroError as exc:
        fail(exc.said(system_lang()))
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `retro export … | head`: the reader has gone; say nothing more
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
