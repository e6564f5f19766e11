"""The `retro` command line: what needs no screen, and the way into the app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from . import checklist as checklists
from .atomic import error_text
from .checklist import ChecklistError
from .dates import default_period, parse_period
from .errors import RetroError

if TYPE_CHECKING:
    import datetime as dt
from .i18n import LANGS, Lang, pick, system_lang, tr
from .workbook import Workbook, WorkbookExists

LANG = click.Choice(LANGS)


class RetroGroup(click.Group):
    """`retro PATH.toml` is short for `retro open PATH.toml`."""

    def invoke(self, ctx: click.Context):
        """Every command's errors said the one way: where, and what (see RetroError)."""
        try:
            return super().invoke(ctx)
        except RetroError as exc:
            fail(exc.said(system_lang()))

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in self.commands and (args[0].endswith(".toml") or Path(args[0]).is_file()):
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)


def fail(message: object) -> NoReturn:
    say(f"retro: {message}", err=True)
    sys.exit(1)


def say(line: str, err: bool = False) -> None:
    """Lines for the terminal: file names and data in them print as text, never as escapes."""
    from .terminal import printable

    click.echo("\n".join(map(printable, line.split("\n"))), err=err)


def run_app(workbook: Workbook | None = None, lang: Lang | None = None, notice: str | None = None) -> None:
    import gc

    # Start-up makes many objects and next to no garbage: no collection walks them all again and
    # again before the first frame is on the screen (RetroApp.on_ready switches collecting back on).
    gc.disable()
    try:
        from .ui.app import RetroApp

        app = RetroApp(workbook=workbook, lang=lang, notice=notice)
        beside = app.run()
    finally:
        gc.enable()
    if beside:  # the file could not take this window's answers as the app closed: they are there
        say(tr(app.saved_why, app.lang, path=beside), err=True)
    if app.return_code:  # it stopped on an error (shown above): a script must know
        sys.exit(app.return_code)


def open_workbook(path: Path, for_editing: bool = False) -> Workbook:
    return Workbook.load(path, for_editing)


@click.group(cls=RetroGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=LANG, help="Interface language (default: the workbook's, else the locale's).")
@click.version_option(package_name="retro-tui")
@click.pass_context
def cli(ctx: click.Context, lang: Lang | None) -> None:
    """retro_tui: a terminal workbook for 复盘, structured business reviews.

    With no command, opens the start screen; `retro PATH.toml` opens a workbook.
    """
    ctx.obj = lang
    if ctx.invoked_subcommand is None:
        run_app(lang=lang)


@cli.command("open")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lang", type=LANG, help="Interface language.")
@click.pass_obj
def open_cmd(parent_lang: Lang | None, path: Path, lang: Lang | None) -> None:
    """Open the workbook at PATH in the app."""
    run_app(open_workbook(path), lang or parent_lang)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--checklist", "checklist_id", required=True, help="Checklist id (see `retro checklists`) or a .yaml file.")
@click.option("--title", help="Title of the review (default: the checklist's title and the year).")
@click.option("--period", help="START..END, e.g. 2025-01-01..2025-12-31 (default: last calendar year).")
@click.option("--lang", type=LANG, help="Language of the workbook and its report (default: the locale's).")
@click.option("--team", default="", help="Team or shop name.")
@click.option("--facilitator", default="", help="Who leads the review.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.option("--from", "previous", type=click.Path(path_type=Path),
              help="Last review's workbook: its open actions and unresolved issues come back in this one.")
@click.option("--campaign", help="For a campaign review: the campaign (618, 双十一 …; default: the one the period holds).")
def new(path: Path, checklist_id: str, title: str | None, period: str | None, lang: Lang | None,
        team: str, facilitator: str, force: bool, previous: Path | None, campaign: str | None) -> None:
    """Create a workbook file at PATH without opening the app."""
    from .carry import carry_over

    lang = lang or system_lang()
    try:
        checklist = checklists.find(checklist_id)
        dates, campaign = _period_and_campaign(checklist, period, campaign)
        new_folder = not path.parent.exists()
        last = Workbook.load(previous) if previous else None  # read first: a bad one creates nothing
        workbook = Workbook.new_file(path, checklist, period=dates, language=lang, title=title or "", team=team,
                                     facilitator=facilitator, campaign=campaign or "", replace=force)
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


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@click.option("--lang", type=LANG, help="Language of the report (default: the workbook's).")
def export(path: Path, output: Path | None, lang: Lang | None) -> None:
    """Write the workbook at PATH as a Markdown report."""
    from .conclusions import conclusion_checks
    from .export.markdown import export as to_markdown
    from .export.markdown import write_report

    workbook = open_workbook(path)
    said = lang or workbook.language  # the report's language, for what is said about it too
    if output is None:
        click.echo(to_markdown(workbook, lang), nl=False)
    else:
        try:
            write_report(workbook, output, lang)
        except OSError as exc:
            fail(tr("cli_cannot_write", said, path=output, error=error_text(exc, said)))
        say(tr("exported_to", said, path=output), err=True)
    checks = conclusion_checks(workbook, said)
    if checks:  # on stderr, so a report written to stdout stays clean
        say("\n".join([tr("check_title", said), *("  - " + check.replace("\n", "\n    ") for check in checks)]), err=True)


@cli.command("imports")
@click.argument("workbook_path", metavar="WORKBOOK", type=click.Path(path_type=Path))
def imports_cmd(workbook_path: Path) -> None:
    """What data WORKBOOK holds: per channel and kind, the files, rows, days covered and the days
    of the review period missing."""
    from .coverage import describe_holdings

    for line in describe_holdings(open_workbook(workbook_path), system_lang()):
        say(line)


@cli.command("import")
@click.argument("workbook_path", metavar="WORKBOOK", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--kind", help="What the files are (orders, refunds, costs, customers, targets, ads, shop, items, products); "
                   "default: told by their columns.")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD", help="Read a column as a catalogue field.")
@click.option("--overwrite", is_flag=True, help="Also replace values typed by hand.")
@click.option("--channel", help="The channel (platform) of files that do not say, e.g. 天猫 for a Taobao/Tmall export.")
@click.option("--forget", "forget", multiple=True, metavar="FILE", help="Take an imported file out (retro imports lists them).")
def import_cmd(workbook_path: Path, files: tuple[Path, ...], kind: str | None, maps: tuple[str, ...], overwrite: bool,
               channel: str | None, forget: tuple[str, ...]) -> None:
    """Fill WORKBOOK's target tables from shop exports (CSV in UTF-8 or GBK, or Excel)."""
    from .metrics.catalogue import load as load_catalogue
    from .metrics.importer import describe_outcome, describe_report, forget_files, import_files, stored

    mapping = {}
    for pair in maps:
        column, sep, field = pair.partition("=")
        if not sep:
            fail(f"--map {pair}: expected COLUMN=FIELD")
        mapping[column.strip()] = field.strip()
    if not files and not forget:
        fail("give the files to import (or --forget FILE)")
    if kind is not None and kind not in load_catalogue().kinds:
        fail(f"--kind {kind}: not a kind of file; the kinds: {', '.join(load_catalogue().kinds)}")
    workbook = open_workbook(workbook_path, for_editing=True)
    lang = system_lang()
    if forget:
        report = forget_files(workbook, list(forget))
    outcome = import_files(workbook, list(files), kind, mapping, overwrite, channel) if files else None
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


@cli.command("serve")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen: 0.0.0.0 to be reached from other machines (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="The port (default: a free one).")
@click.option("--public-url", default=None, help="The address the others reach it by (a proxy, a tunnel).")
@click.pass_obj
def serve_cmd(lang: Lang | None, path: Path, host: str, port: int | None, public_url: str | None) -> None:
    """Open the workbook at PATH to browsers: the first window edits, the others follow it.

    Prints a link with an access token; without the token a request is refused."""
    open_workbook(path)  # a workbook that cannot be opened is said here, not in every tab
    try:
        from .ui.web.server import RoomServer
    except ImportError:
        fail(tr("serve_needs_web", lang or system_lang()))
    try:
        RoomServer(path.resolve(), host=host, port=port, public_url=public_url, lang=lang).serve()
    except OSError as exc:  # the port taken, an address this machine does not have
        fail(tr("serve_cannot_listen", lang or system_lang(), where=f"{host}:{port or ''}", why=exc.strerror or exc))


@cli.command("calendar")
@click.option("--year", type=int, default=None, help="The year (default: last year, like a new review's period).")
@click.pass_obj
def calendar_cmd(parent_lang: Lang | None, year: int | None) -> None:
    """The platforms' promotion calendar, resolved for a year (checklists/calendar.yaml)."""
    from .promotions import events_in

    lang = parent_lang or system_lang()
    year = year or default_period()[0].year
    events = events_in(year)
    for event in events:
        phases = "  " + ", ".join(f"{tr(f'phase_{name}', lang)} {a:%m-%d}–{b:%m-%d}"
                                  for name, (a, b) in event.phases.items()) if event.phases else ""
        say(f"{event.start} – {event.end}  {event.title(lang)}{phases}")


@cli.command("checklists")
@click.option("--lang", type=LANG, help="Language of the titles.")
def list_checklists(lang: Lang | None) -> None:
    """List the checklists you can make a workbook from."""
    lang = lang or system_lang()
    infos = checklists.available()
    width = max((len(info.id) for info in infos), default=0)
    for info in infos:
        say(f"{info.id:<{width}}  v{info.version}  {pick(info.title, lang)}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check checklist FILES; prints each problem as FILE:LINE: FIELD: MESSAGE."""
    bad = 0
    for path in files:
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


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the checklist format."""
    import json

    click.echo(json.dumps(checklists.json_schema(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default="retro-demo")
@click.option("--no-open", is_flag=True, help="Only write the files.")
@click.option("--campaign", is_flag=True, help="Open the 618 campaign review instead of the annual review.")
@click.option("--lang", type=LANG, help="Interface language.")
@click.pass_obj
def demo(parent_lang: Lang | None, directory: Path, no_open: bool, campaign: bool, lang: Lang | None) -> None:
    """Copy the filled demo workbooks (the 2025 annual review and its 618 campaign review) into
    DIRECTORY (default ./retro-demo) and open the annual review (or, with --campaign, the 618 one)."""
    from . import demo as bundled
    from . import recent

    try:
        path, fresh = bundled.install(directory)
    except OSError as exc:
        fail(tr("cli_cannot_write", system_lang(), path=directory, error=error_text(exc, system_lang())))
    other = directory / bundled.CAMPAIGN
    if campaign:
        path, other = other, path
    recent.remember(other)  # both on the start screen's list, the one opened first
    recent.remember(path)
    notice = None if fresh or campaign else tr("demo_kept", system_lang(), path=path)
    if no_open:
        say(tr("cli_demo", system_lang(), path=path))
        say(tr("cli_demo", system_lang(), path=other))
        if notice:
            say(notice, err=True)
        return
    run_app(open_workbook(path), lang or parent_lang, notice)


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore", module=r"retro_tui\.metrics\.reader")  # (see reader.RowsReadAgain)
    cli(prog_name="retro")


if __name__ == "__main__":
    main()
