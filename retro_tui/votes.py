"""A dot-vote round on a records table, for a room that shares one keyboard: each person in
turn gives up to BUDGET dots to the rows (several to one row if they like), the tally grows as
they go, and at the end it goes into the table's votes column (a number column with id
`votes`), each person's dots beside it in the row (`votes_by = {林悦 = 2, 周航 = 1}`), and the
rows are sorted by votes, most first: the room starts with the problem most of it chose."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from .answers import Record
from .checklist import RecordsItem
from .workbook import Workbook

BUDGET = 3
"""Dots per person (the guide's 每人投三票)."""
VOTES, BY = "votes", "votes_by"
TOP = 3
"""Rows marked as the room's choice after a round (ties with the third included)."""
MARKED_UP_TO = 500
"""Rows of a table beyond which its most voted are not marked (reading them all would slow it)."""


def can_vote(item: RecordsItem) -> bool:
    """Whether a records table takes a vote round: it has a number column `votes`."""
    return any(column.id == VOTES and column.kind == "number" for column in item.columns)


class Round(msgspec.Struct):
    """One vote round over `rows` rows; `voters` in the order they vote."""

    voters: list[str]
    rows: int
    budget: int = BUDGET
    turn: int = 0
    dots: list[dict[str, int]] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        self.dots = self.dots or [{} for _ in range(self.rows)]

    @property
    def voter(self) -> str:
        return self.voters[self.turn]

    def left(self, voter: str | None = None) -> int:
        voter = voter or self.voter
        return self.budget - sum(row.get(voter, 0) for row in self.dots)

    def add(self, row: int) -> bool:
        """One dot of the person voting on `row`; False when their dots are all given."""
        if not self.left():
            return False
        self.dots[row][self.voter] = self.dots[row].get(self.voter, 0) + 1
        return True

    def take(self, row: int) -> bool:
        """Take back one of the person's dots from `row`; False when they gave it none."""
        if not self.dots[row].get(self.voter):
            return False
        self.dots[row][self.voter] -= 1
        if not self.dots[row][self.voter]:
            del self.dots[row][self.voter]
        return True

    def next_voter(self) -> bool:
        """The next person's turn; False after the last."""
        if self.turn + 1 >= len(self.voters):
            return False
        self.turn += 1
        return True

    def tally(self, row: int) -> int:
        return sum(self.dots[row].values())


def apply(workbook: Workbook, section_id: str, item_id: str, done: Round) -> None:
    """Write a finished round into the table: each row's tally and dots by person (a row with
    none has its votes cleared), then the rows sorted by votes, most first (ties as they were)."""
    for index in range(done.rows):
        by = {voter: dots for voter, dots in done.dots[index].items() if dots}
        workbook.set_cell(section_id, item_id, index, BY, by or None)
        workbook.set_cell(section_id, item_id, index, VOTES, done.tally(index) or None)
    order = sorted(range(done.rows), key=lambda index: -done.tally(index))
    if order != list(range(done.rows)):
        workbook.reorder_records(section_id, item_id, order)


def top_rows(rows: Sequence[Mapping[str, Any]]) -> set[int]:
    """The rows the room chose: the TOP most voted (and any tied with the last of them)."""
    votes = sorted((_votes(row) for row in rows if _votes(row) > 0), reverse=True)
    if not votes:
        return set()
    least = votes[min(TOP, len(votes)) - 1]
    return {index for index, row in enumerate(rows) if _votes(row) >= least and _votes(row) > 0}


def _votes(row: Mapping[str, Any]) -> float:
    value = row.get(VOTES)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def rounds(workbook: Workbook) -> list[tuple[str, str, list[tuple[Record, dict[str, int]]]]]:
    """The tables voted on, for the minutes: (section id, item id, [(row, dots by person)]),
    the voted rows only, most first."""
    found = []
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, RecordsItem) and can_vote(item):
                voted = [(row, {str(k): int(v) for k, v in row[BY].items()})
                         for row in workbook.records(section.id, item.id) if isinstance(row.get(BY), dict) and row[BY]]
                if voted:
                    found.append((section.id, item.id, sorted(voted, key=lambda pair: -sum(pair[1].values()))))
    return found
