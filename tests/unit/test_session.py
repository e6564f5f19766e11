"""A window's hold on a workbook, without any window: the lock, saving, undo."""

from __future__ import annotations

import pytest
from helpers import new_review

from retro_tui import meeting
from retro_tui.session import Session
from retro_tui.workbook import Workbook, WorkbookChanged


@pytest.fixture
def path(tmp_path):
    return new_review(tmp_path)


def test_the_first_session_edits_the_second_reads_and_the_lock_passes_between_them(path):
    first = Session(Workbook.load(path, for_editing=True), place=None)
    second = Session(Workbook.load(path, for_editing=True), place=None)
    try:
        assert not first.read_only and second.read_only
        second.workbook.set_value("optimization", "next-review", "2026-07-05")
        second.changed()
        assert second.unsaved and second.saved_at is None  # kept, not written
        first.workbook.set_value("optimization", "next-review", "2026-06-30")
        first.changed()
        assert first.failure is None and first.saved_at
        assert Workbook.load(path).value("optimization", "next-review") == "2026-06-30"
        assert not second.take()  # the first still holds it
        first.hand_over()
        assert first.read_only and second.take() and not second.read_only and not second.unsaved
    finally:
        first.leave()
        second.leave()


def test_a_file_changed_on_disk_is_not_overwritten_until_the_user_keeps_theirs(path):
    session = Session(Workbook.load(path, for_editing=True), place=None)
    try:
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited by hand\n", encoding="utf-8")
        session.workbook.set_value("optimization", "next-review", "2026-07-05")
        session.changed()
        assert isinstance(session.conflict, WorkbookChanged) and session.conflict.disk_text.endswith("# edited by hand\n")
        assert session.status("en") == (False, "Not saved: the file changed on disk")
        assert path.read_text(encoding="utf-8").endswith("# edited by hand\n") and session.saved_at is None
        assert session.history.undo() is None  # nothing saved: nothing to go back to
        assert session.keep_mine() and session.failure is None and session.saved_at
        assert session.status("zh")[0] and session.status("zh")[1].startswith("已保存")
        text, _ = session.history.undo()  # what was kept is a state undo goes back from
        assert "2026-07-05" not in text
        assert Workbook.load(path).value("optimization", "next-review") == "2026-07-05"
    finally:
        session.leave()


def test_a_change_is_kept_for_undo_with_where_it_was_made(path):
    places = iter(["goals", "timeline"])
    session = Session(Workbook.load(path, for_editing=True), place="start", where=lambda: next(places))
    try:
        session.workbook.set_value("optimization", "next-review", "2026-07-05")
        session.changed()
        session.workbook.set_value("optimization", "next-review", "2026-07-06")
        session.changed()
        assert session.revision == 2
        text, place = session.history.undo()
        assert place == "timeline" and 'next-review = "2026-07-05"' in text
    finally:
        session.leave()


def test_a_save_that_fails_is_kept_as_the_reason_and_leaving_saves_the_answers_beside(path, tmp_path):
    session = Session(Workbook.load(path, for_editing=True), place=None)
    try:
        path.unlink()
        path.mkdir()  # the workbook's name is a folder now: nothing can be written there
        session.workbook.set_value("optimization", "next-review", "2026-07-05")
        session.changed()
        assert session.failure is not None and session.saved_at is None
        assert not session.keep_mine() and session.failure is not None
        beside = session.save_beside()
        assert beside is not None and beside.parent == tmp_path and beside.name.startswith("review.mine-")
        assert Workbook.load(beside).value("optimization", "next-review") == "2026-07-05"
    finally:
        session.leave()


def test_undo_goes_back_in_the_answers_and_keeps_the_meeting_s_record(path):
    session = Session(Workbook.load(path, for_editing=True), place="start")
    try:
        session.where = lambda: "next-review"
        session.workbook.set_value("optimization", "next-review", "2026-07-05")
        session.changed()
        meeting.set_attendees(session.workbook, [meeting.Attendee("陈曦", "facilitator"), meeting.Attendee("刘洋")])
        text, place = session.history.undo()
        assert place == "next-review"
        session.go_to(text)
        again = Workbook.load(path)
        assert again.value("optimization", "next-review") is None
        assert [person.name for person in meeting.attendees(again)] == ["陈曦", "刘洋"]
    finally:
        session.leave()


def test_saved_elsewhere_the_session_holds_the_new_file(path, tmp_path):
    session = Session(Workbook.load(path, for_editing=True), place=None)
    other = Session(Workbook.load(path, for_editing=True), place=None)
    try:
        assert other.read_only
        other.save_as(tmp_path / "mine.toml")
        assert not other.read_only and other.workbook.path == tmp_path / "mine.toml" and (tmp_path / "mine.toml").is_file()
    finally:
        session.leave()
        other.leave()
