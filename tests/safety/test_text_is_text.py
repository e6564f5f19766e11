"""Whatever a workbook, a checklist or a file holds is shown as text: no markup is read (a
`[@click=…]` runs nothing), no escape sequence reaches the terminal, and no special file is
written over."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys

import pytest
from helpers import ROOT, one_section, read_until, run_on_a_terminal, settle
from helpers import run as retro
from textual.widgets import RadioButton, Static

from retro_tui.checklist import parse
from retro_tui.paths import user_checklist_dir
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

CLICK = "[@click=app.screenshot('review.toml','.')]看这里[/]"
OSC52 = "\x1b]52;c;ZWNobyBoaQ==\x07"
"""A clipboard write, as a title or a note may hold it."""


def hostile_workbook(tmp_path):
    text = one_section(f"""
      - id: pick
        kind: choice
        label: "选一个 {CLICK}"
        help: "帮助 [b]粗[/b] [/]"
        options:
          - id: a
            label: "{CLICK}"
          - id: b
            label: "[/] [重要]"
""")
    folder = user_checklist_dir()  # a shared checklist, as a team's folder may hold
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.yaml").write_text(text, encoding="utf-8")
    checklist = parse(text, folder / "t.yaml")
    path = tmp_path / "review.toml"
    Workbook.new_file(path, checklist, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh",
                      title=f"标题 {OSC52}")
    return path, checklist


async def test_markup_and_escapes_from_a_checklist_or_a_workbook_are_shown_as_written(tmp_path):
    path, checklist = hostile_workbook(tmp_path)
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#title-bar", Static).render())
        assert "\x1b" not in title and "\\x1b]52;c;" in title
        labels = [str(button.label) for button in app.screen.query(RadioButton)]
        assert labels == [CLICK, "[/] [重要]"]
        app.notify(f"{CLICK} {OSC52}")  # a toast with a file's words in it
        await pilot.pause()
        toast = list(app._notifications)[-1]
        assert not toast.markup and toast.message == f"{CLICK} \\x1b]52;c;ZWNobyBoaQ==\\x07"
        await pilot.click(RadioButton)  # clicked, the label runs no action
        await pilot.pause()
    assert not list(tmp_path.glob("*.svg"))
    assert Workbook.load(path).title.startswith("标题")  # the workbook is still a workbook


def test_export_never_writes_over_a_pipe_or_a_device(tmp_path):
    path, _ = hostile_workbook(tmp_path)
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/null"):
        for lang, said in (("en", "not a regular file"), ("zh", "这不是普通文件")):  # in the report's language
            result = retro("export", str(path), "-o", str(target), "--lang", lang)
            assert result.exit_code == 1 and said in result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    result = retro("export", str(path), "-o", str(tmp_path / "report-2025.md"))
    assert result.exit_code == 0 and (tmp_path / "report-2025.md").read_text(encoding="utf-8").startswith("# 标题")


async def test_markup_in_a_table_s_names_a_ledger_s_label_or_a_typed_cell_runs_nothing_and_breaks_nothing(tmp_path):
    from retro_tui.ui.widgets.cell_grid import CellGrid

    text = one_section(f"""
      - id: costs
        kind: ledger
        label: "成本 {CLICK}"
        by_month: true
        rows:
          - id: wages
            label: "工资 [/]"
            unit: 元
            direction: lower
          - id: rent
            label: "[link=file:///etc/passwd]房租[/link]"
            unit: 元
            direction: lower
      - id: issues
        kind: records
        label: 问题
        columns:
          - {{id: issue, label: "问题 [/]"}}
          - {{id: owner, label: 负责人}}
""")
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.yaml").write_text(text, encoding="utf-8")
    checklist = parse(text, folder / "t.yaml")
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, checklist, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    book.set_target("s", "costs", "wages", "monthly", {"2025-01": 100.0, "<b>x</b> | # y": 5.0}, ["a.csv"])
    book.set_target("s", "costs", "rent", "monthly", {"2025-01": 50.0}, ["a.csv"])
    book.add_record("s", "issues", {"issue": "[/] [重要] " + CLICK + " " + OSC52})
    book.save()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        issues = app.screen.query_one("#item-issues", CellGrid)
        issues.table.focus()
        issues.table.move_cursor(row=0, column=1)
        await pilot.press("enter")  # the editor's title names the row by its first cell
        await pilot.pause()
        assert app.focused is issues.editor and "[/] [重要]" in str(issues.editor.border_title)
        issues.editor.value = "[/]"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#months-costs")  # the month-by-month title: a click runs no action
        await pilot.pause()
        months = app.screen.query_one("#months-costs")
        assert CLICK in str(months.content.title)
        assert app.is_running
    assert not list(tmp_path.glob("*.svg")) and not list(tmp_path.glob("*.md"))
    assert Workbook.load(path).records("s", "issues")[0]["owner"] == "[/]"
    from retro_tui.export.markdown import export

    report = export(Workbook.load(path), "zh")
    assert "\x1b" not in report and "x1b\\]52;c;" in report  # written out (as Markdown escapes it), never sent
    assert "<b>x</b>" not in report and "# y" not in report  # a month key made by hand is no row


def test_a_workbook_or_a_file_that_is_a_pipe_is_refused_at_once_and_a_link_is_followed(tmp_path):
    from retro_tui.workbook import WorkbookError

    path, _ = hostile_workbook(tmp_path)
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = retro("export", str(fifo))
    assert result.exit_code == 1 and "not a regular file" in result.output
    linked = tmp_path / "link.toml"
    linked.symlink_to(path)
    book = Workbook.load(linked, for_editing=True)
    assert book.path == path  # the lock and every save act on the file itself
    book.set_value("s", "pick", "a")
    book.save()
    assert linked.is_symlink() and Workbook.load(path).value("s", "pick") == "a"
    report = tmp_path / "report.md"
    report.write_text("old", encoding="utf-8")
    (tmp_path / "report-link.md").symlink_to(report)
    result = retro("export", str(path), "-o", str(tmp_path / "report-link.md"))
    assert result.exit_code == 0 and report.read_text(encoding="utf-8").startswith("# 标题")
    assert (tmp_path / "report-link.md").is_symlink()
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    result = retro("import", str(path), str(zero))
    assert result.exit_code == 1 and "not a regular file" in result.output
    try:
        Workbook.load(tmp_path / "nothing-here.toml")
    except WorkbookError as exc:
        assert "no such file" in str(exc)


def test_an_edit_that_keeps_the_file_s_size_and_time_is_still_noticed(tmp_path):
    path, _ = hostile_workbook(tmp_path)
    book = Workbook.load(path, for_editing=True)
    stat_before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("标题", "题标"), encoding="utf-8")  # the same size
    os.utime(path, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))  # and the same time
    assert book.changed_on_disk()


HOSTILE_BYTES = {  # as each would reach a terminal if sent (C1 CSI in UTF-8 is C2 9B)
    "\x1b]52;c;ZWNobyBoaQ==\x07": b"\x1b]52;c;ZWNobyBoaQ==",  # a clipboard write
    "\x1b]0;pwned\x07": b"\x1b]0;pwned",  # the window's title
    "\x1bc": b"\x1bc",  # a full reset
    "x\x1b[2Jy": b"x\x1b[2Jy",  # the screen cleared
    "p\x9b2Jq": b"p\xc2\x9b2Jq",
}


def test_escape_sequences_in_a_workbook_s_title_and_notes_never_reach_the_terminal(tmp_path):

    from retro_tui.checklist import find

    hostile = "".join(HOSTILE_BYTES)
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                             language="zh", title=f"标题 {hostile}")
    book.set_value("goals", "highlights", f"亮点 {hostile}")
    book.save()
    process, terminal = run_on_a_terminal([sys.executable, "-m", "retro_tui.cli", str(path)], tmp_path)
    try:
        seen = read_until(terminal, b"^q")  # the first frame, with the title bar and the first section's notes
        assert b"^q" in seen
        os.write(terminal, b"\x1b[B\x1b[B")  # move about: more frames
        seen += read_until(terminal, b"\0", 1.0)
        assert "亮点".encode() in seen and b"\\x1b]52;c;" in seen  # shown, written out
        for sent in HOSTILE_BYTES.values():
            assert sent not in seen, sent
        os.write(terminal, b"\x11")  # Ctrl+Q
        settle(terminal)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(terminal)


def test_export_refuses_a_character_device_made_in_a_folder(tmp_path):
    path, _ = hostile_workbook(tmp_path)
    device = tmp_path / "null-here"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers, outside /dev
    except PermissionError:
        pytest.skip("making a device needs root")
    result = retro("export", str(path), "-o", str(device), "--lang", "en")
    assert result.exit_code == 1 and "not a regular file" in result.output
    assert stat.S_ISCHR(os.stat(device).st_mode)


PASTED = "\x1b[200~\x1b[1;31m大促\x1b[0m 备货 [重要]\r第二行\x1b]0;t\x07\x1b[201~x"
"""A paste of text copied from another terminal (colour codes and a title change in it), then a key."""


def test_a_pasted_text_s_colour_codes_are_dropped_and_the_paste_arrives_whole_however_it_is_split():
    from textual import events

    from retro_tui.ui.paste import PasteParser

    def tokens(*chunks: str) -> list:
        parser = PasteParser()
        return [token for chunk in chunks for token in parser.feed(chunk)]

    whole = tokens(PASTED)
    assert [type(t) for t in whole] == [events.Paste, events.Key]
    assert whole[0].text == "大促 备货 [重要]\r第二行\\x1b]0;t\\x07" and whole[1].key == "x"
    for cut in range(1, len(PASTED)):  # as the terminal's reads happen to split it
        assert [(type(t), getattr(t, "text", getattr(t, "key", None))) for t in tokens(PASTED[:cut], PASTED[cut:])] == \
               [(events.Paste, whole[0].text), (events.Key, "x")], cut


def test_colour_codes_pasted_into_the_real_app_are_dropped_not_typed_as_keys(tmp_path):
    import tomllib

    from typist import ENTER, READY, RIGHT, TAB, Typist, new_workbook

    path = new_workbook(tmp_path)
    with Typist(path) as typist:
        typist.wait_for(READY)  # the targets table has the focus, on 销售额's name
        typist.write(RIGHT + "\x1b[200~\x1b[32m6,190,000\x1b[0m\x1b[201~" + ENTER)
        typist.write("\x1b[200~\x1b[1m5900000\x1b[0m\x1b[201~" + ENTER)
        typist.write(TAB + TAB + TAB + "\x1b[200~\x1b[31m亮点\x1b[0m [重要]\x1b[201~" + "。")  # 亮点, a note
        assert typist.quit_and_wait() == 0, typist.screen_text()[-2000:]
    targets = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["goals"]["targets"]
    assert targets["sales"] == {"target": 6190000} and targets["net-sales"] == {"target": 5900000}
    assert tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["goals"]["highlights"] == "亮点 [重要]。"


HOSTILE = ["[@click=app.quit]x[/]", "[/]", "[link=file:///etc/passwd]x[/link]", "\x1b]52;c;ZWNobyBoaQ==\x07"]
"""Markup that would run an action, close nothing, open a file, and write the clipboard."""
NOT_TEXT = {"id", "kind", "direction", "metric", "channel", "sku", "campaign", "window", "carry", "expects", "explained_in",
            "answered_in", "of", "against", "calendar", "revenue", "by_month", "version", "lead", "closed", "width",
            "unit", "default", "min", "max", "format"}
"""Fields of a checklist that are not text shown to people (ids, names as data writes them, numbers)."""


def all_hostile(node, count=iter(range(10**6))):  # noqa: B008 (one counter across the calls)
    """The checklist's builtins with every text one of HOSTILE, in turn."""
    if isinstance(node, dict):
        if set(node) == {"zh", "en"}:
            text = HOSTILE[next(count) % len(HOSTILE)]
            return {"zh": text, "en": text}
        return {key: value if key in NOT_TEXT else all_hostile(value, count) for key, value in node.items()}
    if isinstance(node, list):
        return [all_hostile(value, count) for value in node]
    return HOSTILE[next(count) % len(HOSTILE)] if isinstance(node, str) else node


def hostile_annual_review(tmp_path):
    """The annual review with every text of its checklist and of its workbook hostile; a
    records row in every table."""
    import msgspec
    import yaml

    from retro_tui.checklist import RecordsItem, find
    from retro_tui.checklist import load as load_checklist

    data = all_hostile(msgspec.to_builtins(find("annual-review")))
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "annual-review.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checklist = load_checklist(folder / "annual-review.yaml")
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, checklist, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh",
                             title=HOSTILE[0] + HOSTILE[3], team=HOSTILE[1], facilitator=HOSTILE[2])
    for number, (section, item) in enumerate((s, i) for s in checklist.sections for i in s.items):
        text = HOSTILE[number % len(HOSTILE)]
        if item.kind in ("text", "note"):
            book.set_value(section.id, item.id, text)
        elif isinstance(item, RecordsItem):
            book.add_record(section.id, item.id, {c.id: text for c in item.columns if c.kind in ("text", "metric")})
    from retro_tui import meeting

    meeting.set_attendees(book, [meeting.Attendee(text, role) for text, role in zip(HOSTILE, meeting.ROLES)])
    for text in HOSTILE:
        meeting.park(book, text)
    book.save()
    return path, checklist


class Clicker:
    """Clicks every widget of a screen where its text is, as a terminal sends a click (down, up,
    click: a click on markup with an action would run it), and keeps what each screen showed."""

    def __init__(self, app, pilot) -> None:
        self.app, self.pilot, self.clicks, self.shown = app, pilot, 0, []

    async def click(self, widget, x: int = 0, y: int = 0) -> None:
        """A click on the widget where it is now (a click before may have moved it)."""
        from textual.events import Click, MouseDown, MouseUp

        region, screen = widget.region, self.app.screen
        if not (widget.is_mounted and region.contains(region.x + x, region.y + y) and screen.region.contains_region(region)):
            return
        where = dict(widget=widget, x=region.x + x, y=region.y + y, delta_x=0, delta_y=0, button=1, shift=False,
                     meta=False, ctrl=False, screen_x=region.x + x, screen_y=region.y + y)
        for event in (MouseDown(**where), MouseUp(**where), Click(**where, chain=1)):
            self.app.mouse_position = region.offset + (x, y)
            screen._forward_event(event)
        self.clicks += 1
        if self.clicks % 25 == 0:
            await self.pilot.pause()
            assert self.app.is_running, f"a click about {widget!r} ended the app"

    async def everything(self, leave_out=()) -> None:
        """Every leaf widget, and each cell of a table's first row; then back to this screen.
        The footer's keys are left out: they are the app's own and do what they say (Quit quits)."""
        from textual.widgets import DataTable

        from retro_tui.ui.widgets.keys_footer import KeysFooter

        screen = self.app.screen
        for widget in [w for w in screen.query("*") if not w.children and w.display and w.region.area
                       and not isinstance(w, (DataTable, KeysFooter, *leave_out))]:
            if self.app.screen is screen:
                await self.click(widget)
        for table in screen.query(DataTable):
            x = 1
            for column in list(table.columns.values()):
                if self.app.screen is screen:
                    await self.click(table, x, 1)
                x += column.get_render_width(table)
            await self.pilot.press("escape")  # out of a cell a click opened
        await self.pilot.pause()
        assert self.app.is_running
        self.shown.append(self.app.export_screenshot())
        while self.app.screen is not screen:
            await self.pilot.press("escape")  # a screen a click opened: seen, clicked through, left
            await self.pilot.pause()


@pytest.mark.parametrize("part", ["sections", "other screens"])
async def test_every_text_clicked_on_every_screen_runs_nothing_and_is_shown_as_written(part, tmp_path, monkeypatch):
    """In two parts that run side by side: every section, then the presenter view, help, the
    checks (F5 exports the report), an import, the meeting panel and the start screen."""
    from textual.widgets import Button

    path, checklist = hostile_annual_review(tmp_path)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)  # where a screenshot would go
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    shown, clicks = [], 0
    async with app.run_test(size=(140, 200)) as pilot:  # tall: every item of a section in view
        clicker = Clicker(app, pilot)
        await pilot.pause()
        if part == "sections":
            for _ in checklist.sections:
                await clicker.everything()
                await pilot.press("escape", "f8")
                await pilot.pause()
        else:
            await pilot.press("f10")  # the presenter view: the question and the figures, large
            await pilot.pause()
            await clicker.everything()
            await pilot.press("f10")
            for key in ("f1", "f5", "f6", "f4"):
                await pilot.press(key)
                await pilot.pause()
                await clicker.everything(leave_out=(Button,))
                await pilot.press("escape")
        assert app.is_running
        shown, clicks = clicker.shown, clicker.clicks
    if part != "sections":
        start = RetroApp(lang="zh")  # the start screen: the checklists' names, the recent workbook's title
        async with start.run_test(size=(140, 60)) as pilot:
            starter = Clicker(start, pilot)
            await pilot.pause()
            await starter.everything(leave_out=(Button,))  # (a button makes a workbook: not text from data)
            assert start.is_running
        shown, clicks = shown + starter.shown, clicks + starter.clicks
    screens = "".join(shown)
    assert clicks > 60
    for text in HOSTILE[:3]:  # shown as written (an SVG escapes only <, > and &)
        assert text in screens, text
    assert "\x1b" not in screens and "\\x1b]52;c;ZWNobyBoaQ==\\x07" in screens
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - before
    assert {p.name for p in written} <= {"review.toml.bak", "review.md"}, written  # no screenshot, no file opened
    # for writing: only the backup of the first save and the report F5 exports


@pytest.mark.parametrize("became", ["a link to /dev/zero", "a pipe"])
def test_an_earlier_import_that_became_a_device_or_a_pipe_is_left_out_at_once(became, tmp_path):
    import shutil
    import subprocess

    from retro_tui.checklist import find

    data = ROOT / "retro_tui" / "demo" / "data"
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="en")
    orders = tmp_path / "orders.csv"
    shutil.copy(data / "orders.csv", orders)
    assert retro("import", str(path), str(orders)).exit_code == 0
    path.with_suffix(".duckdb").unlink()  # the rows must be read from the file again
    orders.unlink()
    orders.symlink_to("/dev/zero") if became == "a link to /dev/zero" else os.mkfifo(orders)
    run = subprocess.run([sys.executable, "-m", "retro_tui.cli", "import", str(path), str(data / "ad_spend_daily.csv")],
                         capture_output=True, text=True, timeout=120)  # (a hang guard: hashing /dev/zero never ends)
    assert run.returncode == 0, run.stderr
    assert "orders.csv" in run.stdout + run.stderr  # said: its figures stay as they were


def test_a_pipe_or_a_device_in_the_checklists_folder_is_passed_over(tmp_path):
    import subprocess

    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    run = subprocess.run([sys.executable, "-c", "from retro_tui.checklist import available, find; "
                          "print(sorted(info.id for info in available())); print(find('annual-review').id)"],
                         capture_output=True, text=True, timeout=120, env=os.environ)  # (a hang guard)
    assert run.returncode == 0 and "'annual-review'" in run.stdout and run.stdout.endswith("annual-review\n"), run.stderr


async def test_brackets_in_a_file_s_name_a_number_cell_or_a_path_typed_are_said_as_written(tmp_path):
    from retro_tui.checklist import find
    from retro_tui.ui.widgets.cell_grid import CellGrid

    path = tmp_path / "review[v2].toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="en")
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert any("review[v2].md" in toast.message for toast in app._notifications)
        await pilot.press("escape")
        targets = app.screen.query_one(CellGrid)
        targets.table.focus()
        targets.table.move_cursor(row=0, column=1)
        await pilot.press("enter")
        targets.editor.value = "[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert any("[/]" in toast.message and not toast.markup for toast in app._notifications)
        assert app.is_running
    start = RetroApp(lang="en")
    async with start.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        start.screen.query_one("#open-path").value = "[/]no-such[b].toml"
        await pilot.click("#open-path")
        await pilot.press("enter")
        await pilot.pause()
        assert any("[/]no-such[b].toml" in toast.message for toast in start._notifications)
        assert start.is_running
    assert (tmp_path / "review[v2].md").is_file()
