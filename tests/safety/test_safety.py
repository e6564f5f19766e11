"""Never lose a word: saves that die half-way, files changed behind the app's back, two
windows on one workbook, a terminal that closes with text not yet committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from helpers import mounted, new_review, read_until, run_on_a_terminal, settle, type_into

from retro_tui.lock import WorkbookLock
from retro_tui.workbook import Workbook, WorkbookChanged, WorkbookError
from retro_tui.workbook.files import backup_path

YEAR = ("2025-01-01", "2025-12-31")


@pytest.fixture
def path(tmp_path) -> Path:
    return new_review(tmp_path)


def edit(path: Path, text: str) -> Workbook:
    workbook = Workbook.load(path, for_editing=True)
    workbook.set_value("goals", "highlights", text)
    return workbook


# --- killed while saving -----------------------------------------------------------------------

def saving_forever(workbook: Workbook, first: int, ready: int) -> None:
    """The child's work: save a new version in a loop, telling the parent once the first is
    saved (`force`: the parent's copy of the workbook predates the files earlier children wrote)."""
    for i in range(first, 10**9):
        workbook.set_value("goals", "highlights", f"第 {i} 版 " + "复盘" * (i % 3000))
        workbook.save(force=True)
        if i == first:
            os.write(ready, b"x")


KILLS = 40


def test_a_process_killed_at_any_moment_of_saving_leaves_the_old_or_the_new_file(path):
    """SIGKILL at random moments while a process saves in a loop (40 times): the file on disk
    always parses and holds one whole version — each version's text is checked, not only the
    syntax. Counted in kills, not seconds: a loaded machine makes fewer saves between two kills,
    never a different outcome."""
    workbook = Workbook.load(path, for_editing=True)  # each child starts from it, already parsed
    pauses = random.Random(20261201)
    version = 0
    for _ in range(KILLS):
        ready_read, ready_write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child never returns
            try:
                os.close(ready_read)
                saving_forever(workbook, version, ready_write)
            finally:
                os._exit(1)
        os.close(ready_write)
        os.read(ready_read, 1)  # its first version is saved
        os.close(ready_read)
        time.sleep(pauses.uniform(0, 0.02))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        highlights = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["goals"]["highlights"]
        number = int(highlights.split()[1])
        assert highlights == f"第 {number} 版 " + "复盘" * (number % 3000)
        assert number >= version  # never an older version than one already on disk
        version = number + 1
    assert version >= KILLS  # each child saved at least once
    assert Workbook.load(path).value("goals", "highlights").startswith(f"第 {version - 1} 版")


# --- changed on disk -----------------------------------------------------------------------------


def test_a_save_never_overwrites_a_file_changed_on_disk_since_it_was_opened(path):
    workbook = edit(path, "窗口一写的")
    by_hand = path.read_text(encoding="utf-8") + "\n# 另一个人加的注释\n"
    path.write_text(by_hand, encoding="utf-8")
    with pytest.raises(WorkbookChanged) as info:
        workbook.save()
    assert info.value.disk_text == by_hand and path.read_text(encoding="utf-8") == by_hand
    workbook.save(force=True)  # "keep mine"
    assert Workbook.load(path).value("goals", "highlights") == "窗口一写的"
    assert "# 另一个人加的注释" not in path.read_text(encoding="utf-8")


def test_a_file_touched_but_not_changed_is_not_a_conflict(path):
    workbook = edit(path, "一")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    workbook.save()
    assert Workbook.load(path).value("goals", "highlights") == "一"


def test_reloading_takes_the_version_on_disk(path):
    workbook = edit(path, "我的")
    other = edit(path, "别人的")
    other.save()
    with pytest.raises(WorkbookChanged):
        workbook.save()
    assert workbook.reloaded().value("goals", "highlights") == "别人的"


def test_a_deleted_file_or_one_replaced_by_a_folder_is_a_conflict_then_a_clear_error(path, tmp_path):
    workbook = edit(path, "留在内存里的答案")
    path.unlink()
    path.mkdir()
    with pytest.raises(WorkbookChanged) as info:
        workbook.save()
    assert info.value.disk_text is None
    with pytest.raises(WorkbookError, match="cannot save"):
        workbook.save(force=True)
    elsewhere = tmp_path / "elsewhere" / "review.toml"
    elsewhere.parent.mkdir()
    workbook.save(elsewhere)  # the answers were kept in memory: save them somewhere else
    assert workbook.path == elsewhere and Workbook.load(elsewhere).value("goals", "highlights") == "留在内存里的答案"


# --- backup --------------------------------------------------------------------------------------


def test_the_first_save_keeps_the_file_as_it_was_opened(path):
    opened = path.read_text(encoding="utf-8")
    workbook = edit(path, "第一次")
    workbook.save()
    workbook.set_value("goals", "highlights", "第二次")
    workbook.save()
    assert backup_path(path).read_text(encoding="utf-8") == opened  # not the first save's version


def test_a_workbook_that_cannot_be_read_says_how_to_restore_the_backup(path):
    edit(path, "好的版本").save()
    path.write_text('schema = 1\n[workbook\n', encoding="utf-8")
    with pytest.raises(WorkbookError) as info:
        Workbook.load(path)
    assert "review.toml.bak" in str(info.value) and "without what that session saved" in str(info.value)
    assert "rather than copy it over" in str(info.value)  # the last session's answers are in the damaged file
    assert info.value.line == 2


def test_an_answer_that_no_longer_fits_its_checklist_is_not_mended_with_the_backup(path):
    edit(path, "好的版本").save()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('highlights = "好的版本"', "highlights = 3"), encoding="utf-8")
    with pytest.raises(WorkbookError) as info:
        Workbook.load(path)
    assert ".bak" not in str(info.value) and "correct this answer in the file" in str(info.value)
    assert "annual-review v1" in str(info.value) and info.value.line


# --- two windows ---------------------------------------------------------------------------------

HOLDER = "import sys, time\nfrom retro_tui.lock import WorkbookLock\nlock = WorkbookLock(sys.argv[1])\nassert lock.acquire()\nprint('held', flush=True)\ntime.sleep(60)"


def test_one_window_at_a_time_and_the_lock_dies_with_its_process(path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert WorkbookLock(path).acquire() is False
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: no chance to release it
        holder.wait()
    lock = WorkbookLock(path)
    assert lock.acquire() is True
    lock.release()
    assert not lock.path.exists()  # no lock file left beside the workbook
    assert lock.acquire() is True  # and it can be taken again
    lock.release()


# --- the terminal closes -------------------------------------------------------------------------








@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP", "ctrl+c", "closed"])
def test_what_is_typed_but_not_committed_is_saved_when_the_terminal_goes_away(path, signal_name):
    """`closed`: the terminal goes away without a hangup signal (it was not the app's controlling
    terminal): the app notices, saves and leaves, instead of reading nothing at a whole core."""
    process, terminal = run_on_a_terminal([sys.executable, "-m", "retro_tui.cli", str(path)], path.parent)
    try:
        assert b"^q" in read_until(terminal, b"^q")  # the first frame is drawn (the footer's quit key)
        settle(terminal)  # the rest of the section mounts after the first frame
        os.write(terminal, b"\x1b[C")  # → from the metric's name to its target
        settle(terminal)
        os.write(terminal, b"6190000")  # typed into the cell, no Enter
        assert b"6190000" in read_until(terminal, b"6190000", 15)  # on screen: every key was handled
        if signal_name == "ctrl+c":
            os.write(terminal, b"\x03")  # the key, as a terminal in raw mode sends it
        elif signal_name == "closed":
            os.close(terminal)
            terminal = None
        else:
            process.send_signal(getattr(signal, signal_name))
        deadline = time.monotonic() + 15
        while process.poll() is None and time.monotonic() < deadline:
            if terminal is None:
                time.sleep(0.1)
            else:
                read_until(terminal, b"\0", 0.2)  # keep reading, or the app blocks writing its last frames
        assert process.poll() is not None
    finally:
        if process.poll() is None:
            process.kill()
        if terminal is not None:
            os.close(terminal)
    assert Workbook.load(path).target_row("goals", "targets", "sales").target == 6190000


# --- in the app ----------------------------------------------------------------------------------


async def commit_a_highlight(pilot, text: str) -> None:

    await type_into(pilot, "#item-highlights", text)


async def test_the_app_asks_before_writing_over_a_file_changed_on_disk(path):
    from textual.widgets import Static

    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.conflict import ConflictScreen

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await commit_a_highlight(pilot, "第一次保存")
        other = edit(path, "另一个窗口写的")
        other.save()
        await commit_a_highlight(pilot, "第二次，磁盘上已经变了")
        assert isinstance(app.screen, ConflictScreen)
        assert Workbook.load(path).value("goals", "highlights") == "另一个窗口写的"  # nothing written yet
        await pilot.click("#diff")
        await pilot.pause()
        diff = str(app.screen.query_one("#conflict-diff Static", Static).render())
        assert "-highlights = \"另一个窗口写的\"" in diff and "+highlights = \"第二次，磁盘上已经变了\"" in diff
        await pilot.click("#reload")
        await app.workers.wait_for_complete()  # the section built anew from the file on disk
        await pilot.pause()
        assert app.workbook.value("goals", "highlights") == "另一个窗口写的"
        await commit_a_highlight(pilot, "重新载入之后再写")
        assert not isinstance(app.screen, ConflictScreen)
        assert Workbook.load(path).value("goals", "highlights") == "重新载入之后再写"
        other = edit(path, "又被改了")
        other.save()
        await commit_a_highlight(pilot, "这次保留我的")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.click("#keep")
        await pilot.pause()
    assert Workbook.load(path).value("goals", "highlights") == "这次保留我的"


async def test_a_note_field_removed_with_its_section_draws_blank_not_an_error(path):
    """A section built anew (a reload, an undo) removes its fields; a frame drawn before the
    layout knew asks a removed note field for its lines (Textual's TextArea then raised a
    KeyError for its styles, which ended the app)."""
    from textual.geometry import Region

    from retro_tui.ui.app import RetroApp

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        area = await mounted(pilot, "#item-highlights")
        await area.remove()
        assert not area.is_attached
        lines = area.render_lines(Region(0, 0, 30, 3))
        assert [line.cell_length for line in lines] == [30, 30, 30] and not "".join(line.text for line in lines).strip()
        assert app.is_running


async def test_when_saving_fails_the_answers_can_be_saved_elsewhere(path, tmp_path, monkeypatch):
    from textual.widgets import Input

    from retro_tui import atomic
    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.conflict import SaveAsScreen

    real = atomic.os.replace

    def disk_full(source, target):
        if Path(target) == path:
            raise OSError(28, "No space left on device")
        return real(source, target)

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        monkeypatch.setattr(atomic.os, "replace", disk_full)
        await commit_a_highlight(pilot, "磁盘满了也不能丢")
        assert isinstance(app.screen, SaveAsScreen)
        assert "No space left on device" in str(app.screen.reason)
        app.screen.query_one("#save-as-path", Input).value = str(tmp_path / "elsewhere.toml")
        app.screen.query_one("#save-as-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert Workbook.load(tmp_path / "elsewhere.toml").value("goals", "highlights") == "磁盘满了也不能丢"


async def test_answers_left_unsaved_by_decide_later_are_kept_when_the_app_closes(path):
    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.conflict import ConflictScreen

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        edit(path, "另一个窗口写的").save()
        await commit_a_highlight(pilot, "还没保存的答案")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")  # decide later
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    beside = app.return_value
    assert beside is not None and beside.parent == path.parent and beside.name.startswith("review.mine-")
    assert Workbook.load(beside).value("goals", "highlights") == "还没保存的答案"
    assert Workbook.load(path).value("goals", "highlights") == "另一个窗口写的"  # never written over


async def test_a_second_window_is_read_only_says_so_and_keeps_what_is_typed_in_it_on_leaving(path):
    from textual.widgets import Static

    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.conflict import SaveAsScreen

    first = WorkbookLock(path)
    assert first.acquire()
    try:
        app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            assert "只读" in str(app.screen.query_one("#status", Static).render())
            await commit_a_highlight(pilot, "只读窗口里写的")
            assert Workbook.load(path).value("goals", "highlights") is None  # not saved over the other window's
            await pilot.press("ctrl+q")  # not gone: asked where to save them
            await pilot.pause()
            assert isinstance(app.screen, SaveAsScreen) and app.is_running
            assert app.screen.query_one("#save-as-path").value == str(path.with_name("review.mine.toml"))  # beside it
            app.screen.query_one("#save-as-path").value = str(path)  # the workbook itself: another window holds it
            await pilot.press("enter")
            await pilot.pause()
            assert Workbook.load(path).value("goals", "highlights") is None  # refused, and asked again
            assert isinstance(app.screen, SaveAsScreen) and any("已存在" in n.message for n in app._notifications)
            await pilot.press("escape")
            await pilot.pause()
            await commit_a_highlight(pilot, "只读窗口里又写的")
            assert not isinstance(app.screen, SaveAsScreen)  # a read-only window is not asked at each change
            await pilot.press("ctrl+q")  # asked once: now it leaves, the answers beside the workbook
            await pilot.pause()
        beside = list(path.parent.glob(f"{path.stem}.mine-*{path.suffix}"))
        assert app.return_value == beside[0] and Workbook.load(beside[0]).value("goals", "highlights") == "只读窗口里又写的"
        assert Workbook.load(path).value("goals", "highlights") is None  # the other window's file untouched
    finally:
        first.release()


async def test_answers_whose_save_fails_as_the_app_closes_go_beside_it_and_the_reason_is_said(path, monkeypatch):
    from retro_tui.i18n import tr
    from retro_tui.ui.app import RetroApp

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    save = Workbook.save

    def full_disk(self, target=None, **options):  # the workbook's own folder is full; another place is not
        if target is None or Path(target) == path:
            raise WorkbookError(path, "cannot save: No space left on device")
        return save(self, target, **options)

    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Workbook, "save", full_disk)
        field = await mounted(pilot, "#item-highlights")  # (below the first screenful)
        field.focus()
        field.text = "磁盘满了也不丢"  # typed, not yet saved: leaving saves it
        app.save_and_exit()
        await pilot.pause()
    assert app.saved_why == "saved_beside_failed" and app.saved_beside.name.startswith("review.mine-")
    assert "保存失败" in tr(app.saved_why, "zh", path=app.saved_beside)  # not "changed on disk"
    monkeypatch.setattr(Workbook, "save", save)
    assert Workbook.load(app.saved_beside).value("goals", "highlights") == "磁盘满了也不丢"
