"""Whatever a workbook, a checklist or a file holds is shown as text: no markup is read (a
`[@click=…]` runs nothing), no escape sequence reaches the terminal, and no special file is
written over."""

from __future__ import annotations

import datetime as dt
import os
import stat

from click.testing import CliRunner
from textual.widgets import RadioButton, Static

from retro_tui.checklist import parse
from retro_tui.cli import cli
from retro_tui.paths import user_checklist_dir
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

from test_checklist import one_section

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
            result = CliRunner().invoke(cli, ["export", str(path), "-o", str(target), "--lang", lang])
            assert result.exit_code == 1 and said in result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(tmp_path / "report-2025.md")])
    assert result.exit_code == 0 and (tmp_path / "report-2025.md").read_text(encoding="utf-8").startswith("# 标题")
