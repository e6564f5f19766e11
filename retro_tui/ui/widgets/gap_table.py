"""The sales gap split by factor: a read-only table, a bar per line (green where the factor
helped, red where it hurt), and one sentence reading it."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text as RichText

from ...checklist import GapItem
from ...gap_texts import coverage, lines, reading
from ...i18n import tr
from ...terminal import visible
from ..plain import plain
from .computed import Computed
from .targets_table import STATUS_STYLE

BAR_STYLE = {True: STATUS_STYLE["met"], False: STATUS_STYLE["missed"], None: "dim"}
"""As the targets tables colour met and missed."""


class GapTable(Computed):
    """Factor | target | actual | effect (元) | bar; filled by import only."""

    item: GapItem
    DEFAULT_CLASSES = "gap-table"

    def show(self) -> None:
        answer = self.workbook.gap(self.section.id, self.item.id)
        if not answer:
            self.update(RichText(tr("gap_empty", self.lang), style="italic"))
            self.add_class("-empty")
            return
        self.remove_class("-empty")
        lang = self.lang
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column(tr("gap_factor", lang))
        for head in ("target", "actual", "gap_contribution"):
            table.add_column(tr(head, lang), justify="right")
        table.add_column("")
        for line in lines(answer, lang):
            style = "bold" if line.line == "sales" else ""
            table.add_row(*map(plain, (line.label, line.target, line.actual, line.contribution)),
                          RichText(line.bar, style=BAR_STYLE[line.helps]), style=style)
        notes = RichText(visible(reading(answer, lang)) + "\n")
        notes.append(coverage(answer, lang), style="dim")
        self.update(Group(table, RichText(""), notes))
