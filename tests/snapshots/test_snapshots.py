"""How the screens look (SVG snapshots; update with `pytest --snapshot-update`)."""

from __future__ import annotations

import shutil

import pytest
from helpers import show_section
from textual.widgets import Input

from retro_tui import demo
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

SIZE = (140, 45)


async def settled(pilot) -> None:
    """Every item of the sections shown mounted (those below the first screenful follow the first
    frame, sooner or later as the machine is busy), the parse for editing done (it starts once a
    section is whole), and the screen laid out until a layout changes nothing (a note's field
    takes its height once it knows its width: a busy machine may draw in between)."""
    from retro_tui.ui.widgets.section_view import SectionView

    await pilot.pause()
    views = list(pilot.app.screen.query(SectionView))
    for view in views:
        await view.mount_rest()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    laid_out = None
    for _ in range(10):
        pilot.app.screen.refresh(layout=True)
        await pilot.pause()
        now = [(view.virtual_size, view.scroll_offset) for view in views]
        if now == laid_out:
            break
        laid_out = now


@pytest.fixture
def demo_here(tmp_path, monkeypatch, installed_demo):
    """The demo workbook at a relative path, so the status line reads the same everywhere."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(installed_demo, tmp_path / demo.WORKBOOK)
    return Workbook.load(demo.WORKBOOK)


def test_start_screen(snap_compare):
    async def fixed_dates(pilot):
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#title", Input).placeholder = "2025 …"
        screen.query_one("#period", Input).value = "2025-01-01..2025-12-31"
        screen.query_one("#path", Input).value = "annual-review-2025.toml"
        screen.query_one("#path", Input).cursor_position = 0
        screen.set_focus(None)

    assert snap_compare(RetroApp(lang="zh"), terminal_size=SIZE, run_before=fixed_dates)


def test_goals_section_in_chinese(snap_compare, demo_here):
    assert snap_compare(RetroApp(workbook=demo_here, lang="zh"), terminal_size=SIZE, run_before=settled)


def test_records_section_in_english(snap_compare, demo_here):
    async def to_process_issues(pilot):
        await pilot.pause()
        await show_section(pilot, "process-issues")
        await settled(pilot)

    assert snap_compare(RetroApp(workbook=demo_here, lang="en"), terminal_size=SIZE, run_before=to_process_issues)


def test_help_screen(snap_compare, demo_here):
    assert snap_compare(RetroApp(workbook=demo_here, lang="en"), terminal_size=SIZE, press=["f1"], run_before=settled)


@pytest.mark.parametrize("section", ["input-output", "timeline"], ids=["ledger", "timeline"])
def test_input_output_and_timeline_in_chinese(snap_compare, demo_here, section):
    async def to_section(pilot):
        await pilot.pause()
        await show_section(pilot, section)
        await settled(pilot)

    assert snap_compare(RetroApp(workbook=demo_here, lang="zh"), terminal_size=SIZE, run_before=to_section)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["laptop-80x24", "projector-120x36"])
@pytest.mark.parametrize("section", ["goals", "timeline", "process-issues", "optimization"],
                         ids=["goals", "timeline", "issues", "actions"])
def test_the_room_s_sections_on_a_laptop_and_a_projector(snap_compare, demo_here, section, size):
    async def to_section(pilot):
        await pilot.pause()
        await show_section(pilot, section)
        await settled(pilot)

    assert snap_compare(RetroApp(workbook=demo_here, lang="zh"), terminal_size=size, run_before=to_section)


MEETING_SIZE = (120, 36)
"""A laptop on a projector."""


def test_presenter_view(snap_compare, demo_here):
    async def presenting(pilot):
        await settled(pilot)
        await pilot.press("f10")
        await settled(pilot)  # (the section scrolled to what has the focus, in the room the view leaves it)

    assert snap_compare(RetroApp(workbook=demo_here, lang="zh"), terminal_size=MEETING_SIZE, run_before=presenting)


def test_a_vote_round_under_way(snap_compare, demo_here):
    async def vote(pilot):
        await pilot.pause()
        await show_section(pilot, "process-issues")
        await settled(pilot)
        pilot.app.screen.query_one("#item-issues").table.focus()
        await pilot.press("ctrl+t", "plus", "down", "plus", "tab", "down", "down", "plus", "plus")
        await pilot.pause()

    assert snap_compare(RetroApp(workbook=demo_here, lang="zh"), terminal_size=MEETING_SIZE, run_before=vote)
