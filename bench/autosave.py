"""Autosave of a large workbook: one edit and its save, in-process.

    python bench/autosave.py [RUNS]

A checklist of 20 sections × 25 items (text, note, number, choice, checks, records of 5 rows
× 4 columns, targets of 5 rows: 2,660 values, 83 KiB of TOML) is written to a user checklist folder
(XDG_DATA_HOME points at a temporary one), a workbook made from it has every answer filled
through `Workbook` and is saved, then opened for editing as the app opens it. Each run then
does what the app does when a field commits: write the answer (a note, alternating between
two texts), `save()` (stamp, TOML dump, re-parse check, atomic write with fsync) and count the
section's progress. The median and the 95th percentile of RUNS runs (default 50) are printed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import p50_p95  # noqa: E402

SECTIONS, ITEMS, ROWS = 20, 25, 5
KINDS = ("text", "note", "number", "choice", "checks", "records", "targets")
NOTE = "- 第一条：销售额完成目标的 104.5%，同比 +9.5%。\n- 第二条：退款率从 17.1% 降到 11.0%。\n- 第三条：老客户 4,807 人。"


def checklist_yaml() -> str:
    def item(s: int, i: int) -> str:
        kind = KINDS[i % len(KINDS)]
        head = f"      - id: i{i}\n        kind: {kind}\n        label: {{zh: 问题 {s}.{i}, en: Question {s}.{i}}}\n"
        options = "".join(f"          - id: o{n}\n            label: {{zh: 选项 {n}, en: Option {n}}}\n" for n in range(4))
        if kind == "number":
            return head + "        unit: {zh: 元, en: CNY}\n"
        if kind == "choice":
            return head + "        options:\n" + options
        if kind == "checks":
            return head + "        points:\n" + options
        if kind == "records":
            return head + ("        columns:\n          - {id: what, label: 行动}\n"
                           "          - {id: kind, label: 类型, kind: choice, options: [{id: o1, label: 新增}, {id: o2, label: 继续}]}\n"
                           "          - {id: budget, label: 预算, kind: number}\n          - {id: due, label: 截止, kind: date}\n")
        if kind == "targets":
            return head + "        rows:\n" + "".join(
                f"          - {{id: r{n}, label: 指标 {n}, unit: 元, direction: {('higher', 'lower')[n % 2]}}}\n"
                for n in range(ROWS))
        return head
    sections = "".join(f"  - id: s{s}\n    title: {{zh: 第 {s} 部分, en: Part {s}}}\n    guide: 先看目标，再看结果。\n"
                       f"    items:\n" + "".join(item(s, i) for i in range(ITEMS)) for s in range(SECTIONS))
    return ("id: big-review\nversion: 1\ntitle: {zh: 大复盘, en: Big review}\n"
            "description: {zh: 测试用的大清单。, en: A large checklist for measuring.}\nsections:\n" + sections)


def fill(workbook) -> int:
    """Answer every item; returns how many values were written."""
    count = 0
    for section in workbook.checklist.sections:
        for item in section.items:
            s, i = section.id, item.id
            if item.kind in ("text", "note"):
                workbook.set_value(s, i, NOTE if item.kind == "note" else f"一句话结论 {s}.{i}：销售额达成 107%")
            elif item.kind == "number":
                workbook.set_value(s, i, 12345.67)
            elif item.kind == "choice":
                workbook.set_value(s, i, "o2")
            elif item.kind == "checks":
                for n, point in enumerate(item.points):
                    workbook.set_check(s, i, point.id, n % 2 == 0)
                count += len(item.points) - 1
            elif item.kind == "records":
                for n in range(ROWS):
                    workbook.add_record(s, i, {"what": f"行动 {n}：上新提前到 2 月", "kind": "o1", "budget": 5000 * n,
                                               "due": dt.date(2026, 3, n + 1)})
                count += ROWS * 4 - 1
            elif item.kind == "targets":
                for n, row in enumerate(item.rows):
                    for field, value in (("target", 1e6 + n), ("actual", 9.8e5 + n), ("last_year", 9e5 + n)):
                        workbook.set_target(s, i, row.id, field, value, ["orders.csv"] if field == "actual" else None)
                count += ROWS * 3 - 1
            count += 1
    return count


def measure(runs: int = 50) -> tuple[list[float], int, int]:
    """(milliseconds per edit + save, values in the workbook, its size in bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        from retro_tui import checklist as checklists
        from retro_tui.paths import user_checklist_dir
        from retro_tui.workbook import Workbook

        user_checklist_dir().mkdir(parents=True)
        (user_checklist_dir() / "big-review.yaml").write_text(checklist_yaml(), encoding="utf-8")
        path = Path(tmp) / "big.toml"
        workbook = Workbook.new_file(path, checklists.find("big-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                                     language="zh")
        values = fill(workbook)
        workbook.save()
        workbook = Workbook.load(path, for_editing=True)
        section = workbook.checklist.sections[SECTIONS // 2]
        note = next(item for item in section.items if item.kind == "note")
        times = []
        for run in range(runs + 3):
            start = time.perf_counter()
            workbook.set_value(section.id, note.id, NOTE + "\n- 补一条" * (run % 2))
            workbook.save()
            workbook.progress(section)
            times.append((time.perf_counter() - start) * 1000)
        return times[3:], values, path.stat().st_size


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    times, values, size = measure(runs)
    p50, p95 = p50_p95(times)
    print(f"autosave of a {SECTIONS}×{ITEMS} workbook ({values:,} values, {size / 1024:.0f} KiB): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms ({runs} runs)")


if __name__ == "__main__":
    main()
