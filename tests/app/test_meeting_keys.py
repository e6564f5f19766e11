"""A fast typist on a loaded machine: the real app on a pseudo-terminal, keys written as a
terminal sends them, the saved TOML checked value by value.

Each scenario is what a team lead types in a meeting (targets, rows of records, choices
stepped with Space, notes, a timeline row dated so that it moves, votes, a row deleted with
Ctrl+R twice, F8 to the next section and typing at once). Its expected answers are what the
same keys give typed slowly, one key per 0.3 s (checked while writing the scripts:
`python tests/test_meeting_keys.py slow`); here they are typed with seeded random pauses of
0–30 ms, and once more with no pause at all (each step in one write), while one busy process
per core loads the machine. Nothing is timed: the only waits are for the first frame and for
the process to end (hang guards).

The scenarios start typing as soon as the footer's keys are drawn, as a person does.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import os
import random
import sys
import tomllib
from pathlib import Path

import pytest

if sys.platform == "win32":
    pytest.skip("needs a POSIX pseudo-terminal (pty, termios): not available on Windows", allow_module_level=True)
pytest.importorskip("pty", reason="needs a POSIX pseudo-terminal (pty)")
pytest.importorskip("termios", reason="needs a POSIX pseudo-terminal (termios)")

from typist import (
    BACKSPACE,
    CTRL_N,
    CTRL_R,
    DOWN,
    END,
    ENTER,
    F7,
    F8,
    HOME,
    LEFT,
    READY,
    RIGHT,
    SPACE,
    TAB,
    UP,
    Typist,
    cpu_hogs,
    keys,
    new_workbook,
    text,
)

NO_HOGS = os.environ.get("RETRO_TYPIST_NO_HOGS") == "1"
"""Set to 1 to type on an idle machine (to tell load-dependent failures from the others)."""


# --- the scenarios -----------------------------------------------------------------------------
# Each: the steps (lists of keys; a step is one write when typed with no pauses) and a function
# that turns the new workbook's answers into the answers expected after them.

GOALS_TARGETS = [
    # Focus starts on the targets table, at the metric column: Right to 目标, then type.
    keys(RIGHT, "6190000", ENTER),           # Enter commits and moves down a row
    keys("5900000", ENTER),
    keys("8000", ENTER),
    keys("12000", ENTER),
    keys(UP, UP, UP, UP, RIGHT),             # back to 销售额, 实际
    keys("6470283.44", ENTER),
    keys("5712000.5", ENTER),
    keys("8423", ENTER),
    keys("9100", ENTER),
    keys(ENTER, "12.5", ENTER),              # Enter opens the cell with its text selected
    keys(DOWN, DOWN, LEFT, "10", ENTER),     # 核心员工流失率: 目标 …
    keys(UP, RIGHT, "12.5", ENTER),          # … and 实际, in a row
    keys(TAB, RIGHT, "3000000", ENTER, "1500000", ENTER),  # 分渠道销售额: 天猫, 京东 targets
]


def goals_targets(answers: dict) -> None:
    answers["goals"]["targets"] = {
        "sales": {"target": 6190000, "actual": 6470283.44},
        "net-sales": {"target": 5900000, "actual": 5712000.5},
        "returning-customers": {"target": 8000, "actual": 8423},
        "new-customers": {"target": 12000, "actual": 9100},
        "growth": {"actual": 12.5},
        "staff-turnover": {"target": 10, "actual": 12.5},
    }
    answers["goals"]["channels"] = {"tmall": {"target": 3000000}, "jd": {"target": 1500000}}


GOALS_NOTES_AND_CAUSES = [
    keys(TAB, TAB),                          # 年度目标 → 分渠道销售额 → 总体完成情况 (the gap table takes no focus)
    keys(DOWN, SPACE),                       # 基本达成
    keys(TAB, text("双十一 GMV 同比 +32%"), ENTER, text("老客复购率创新高")),  # 亮点, two lines
    keys(TAB, text("新客数只完成目标的 70%")),                                # 不足
    keys(TAB, CTRL_N, text("大促备货不足"), ENTER),                           # 原因分析: a row
    keys(RIGHT, SPACE, RIGHT, SPACE, SPACE, RIGHT, text("销售额"), ENTER),    # 主观, 半可控, 影响的目标
    keys(CTRL_N, text("平台流量下滑"), ENTER, RIGHT, SPACE, SPACE, RIGHT, SPACE, SPACE, SPACE, RIGHT,
         text("新客户数"), ENTER),                                           # 客观, 不可控
]


def goals_notes_and_causes(answers: dict) -> None:
    answers["goals"].update({
        "overall": "met",
        "highlights": "双十一 GMV 同比 +32%\n老客复购率创新高",
        "shortfalls": "新客数只完成目标的 70%",
        "causes": [
            {"cause": "大促备货不足", "side": "subjective", "control": "partly", "effect": "销售额"},
            {"cause": "平台流量下滑", "side": "objective", "control": "not", "effect": "新客户数"},
        ],
    })


TIMELINE = [
    keys(F8, F8),                                            # 时间轴: the events table has the focus
    keys(CTRL_N, RIGHT, "11.28", ENTER),                     # a shop event, dated: it moves between 双十一 and 双十二
    keys(UP, LEFT, text("黑五清仓"), ENTER),                  # its 节点 (the cursor followed the row)
    keys(UP, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, SPACE, SPACE),  # 类型: 平台节点 → 店铺节点
    keys(UP, UP, UP, UP, UP, UP, UP, LEFT, LEFT, LEFT, LEFT, LEFT, text("预售+定金膨胀"), ENTER),  # 618: 我们做了什么
    keys(UP, RIGHT, text("GMV 超目标 8%"), ENTER),           # 618: 结果
    keys(DOWN, DOWN, CTRL_R, CTRL_R),                        # 七夕 (filled): deleted on the second Ctrl+R
    keys(TAB, TAB, DOWN, DOWN, DOWN, DOWN, SPACE, DOWN, DOWN, DOWN, SPACE),  # 已回顾的平台节点: 618, 双十一
    keys(TAB, text("上新节奏：每月 10 日")),                   # 其他时间线
]


def timeline(answers: dict) -> None:
    section = answers["timeline"]
    events = section["events"]
    row_618 = next(row for row in events if row["event"] == "618")
    row_618.update({"what-we-did": "预售+定金膨胀", "result": "GMV 超目标 8%"})
    events.remove(next(row for row in events if row["event"] == "七夕"))
    events.append({"date": dt.date(2025, 11, 28), "event": "黑五清仓", "kind": "shop"})
    section["calendar"] = {"618": True, "double-11": True}
    section["other-axes"] = "上新节奏：每月 10 日"


ISSUES = [
    keys(F8, F8, F8),                                        # 过程问题: the issues table has the focus
    keys(CTRL_N, text("618 仓库爆仓，发货延迟"), ENTER),
    keys(RIGHT, "55", BACKSPACE, ENTER, RIGHT, text("王强"), ENTER),       # 票数 5 (a typo corrected), 负责人
    keys(RIGHT, SPACE, SPACE),                               # 状态: 未解决
    keys(RIGHT, text("6月 仓储"), ENTER, RIGHT, text("发货延迟 3 天，差评增加"), ENTER,
         RIGHT, text("临时加派人手"), ENTER),
    keys(RIGHT, SPACE, RIGHT, SPACE, RIGHT, SPACE),          # 反复出现, 主观, 可控
    keys(CTRL_N, text("直通车点击单价上涨"), ENTER),
    keys(RIGHT, "3", ENTER, RIGHT, RIGHT, SPACE),            # 票数 3, 已解决
    keys(RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, SPACE, SPACE, RIGHT, SPACE, SPACE, SPACE),  # 客观, 不可控
    keys(CTRL_N, text("客服响应慢"), ENTER, RIGHT, "2", ENTER),
    keys(CTRL_R, CTRL_R),                                    # that row again: deleted
    keys(TAB, text("仓储：双十一前签第二家云仓")),              # 未解决问题的下一步
    keys(TAB, text("先查库存"), HOME, text("大促前"), END, "。"),  # 经验教训, with Home and End
]


def issues(answers: dict) -> None:
    answers["process-issues"].update({
        "issues": [
            {"issue": "618 仓库爆仓，发货延迟", "when-where": "6月 仓储", "impact": "发货延迟 3 天，差评增加",
             "how-solved": "临时加派人手", "status": "unresolved", "recurring": "yes", "cause": "subjective",
             "control": "controllable", "votes": 5, "owner": "王强"},
            {"issue": "直通车点击单价上涨", "status": "solved", "cause": "objective", "control": "not", "votes": 3},
        ],
        "open-issues": "仓储：双十一前签第二家云仓",
        "lessons": "大促前先查库存。",
    })


ACTIONS = [
    keys(F8, F8, F8, F8),                                    # 优化方向: the action plan has the focus
    keys(CTRL_N, text("开抖音店铺自播账号"), ENTER),
    keys(RIGHT, text("林悦"), ENTER, RIGHT, "2026-03-31", ENTER),  # 负责人, 截止日期
    keys(RIGHT, SPACE, SPACE),                               # 进展: 进行中
    keys(RIGHT, RIGHT, SPACE, RIGHT, "7000000", ENTER),      # past 现值, 衡量指标: the first targets row; 预期结果
    keys(RIGHT, SPACE, RIGHT, text("平台流量下滑"), ENTER),   # 类型: 新增; 针对的问题
    keys(TAB, text("放大老客复购，缩小推广浪费")),               # 总结
    keys(TAB, text("仓储外包预算")),                          # 需要支持的事项
    keys(TAB, "8,000,000"),                                  # 明年销售额目标
    keys(TAB, DOWN, SPACE),                                  # 信心: 有挑战但能拼
    keys(TAB, text("2026 年 7 月")),                          # 下次复盘时间
]


def actions(answers: dict) -> None:
    answers["optimization"].update({
        "actions": [
            {"what": "开抖音店铺自播账号", "kind": "start", "owner": "林悦", "due": dt.date(2026, 3, 31),
             "metric": "销售额", "expected": "7000000", "issue": "平台流量下滑", "status": "doing"},
        ],
        "summary": "放大老客复购，缩小推广浪费",
        "needs-support": "仓储外包预算",
        "next-sales-target": 8000000,
        "confidence": "medium",
        "next-review": "2026 年 7 月",
    })


SECTIONS = [
    # F8 to the next section and type there at once, five times, and F7 back once.
    keys(RIGHT, "100", ENTER),                               # 目标与偏差: 销售额 目标
    keys(F8, RIGHT, "300000", ENTER),                        # 投入产出: 人力工资 预算
    keys(F8, CTRL_N, text("春季上新"), ENTER),                # 时间轴: a shop event
    keys(F8, CTRL_N, text("退货率高"), ENTER),                # 过程问题: an issue
    keys(F8, CTRL_N, text("复盘会制度化"), ENTER),            # 优化方向: an action
    keys(F7, CTRL_N, text("客服培训不足"), ENTER),            # back to 过程问题: a second issue
]


def sections(answers: dict) -> None:
    answers["goals"]["targets"] = {"sales": {"target": 100}}
    answers["input-output"]["costs"] = {"wages": {"target": 300000}}
    answers["timeline"]["events"].append({"event": "春季上新"})
    answers["process-issues"]["issues"] = [{"issue": "退货率高"}, {"issue": "客服培训不足"}]
    answers["optimization"]["actions"] = [{"what": "复盘会制度化"}]


SCENARIOS = {
    "goals-targets": (GOALS_TARGETS, goals_targets),
    "goals-notes-causes": (GOALS_NOTES_AND_CAUSES, goals_notes_and_causes),
    "timeline": (TIMELINE, timeline),
    "issues-votes-delete": (ISSUES, issues),
    "actions-and-fields": (ACTIONS, actions),
    "f8-then-type": (SECTIONS, sections),
}


# --- running them ------------------------------------------------------------------------------

def flat(value, path: str = "") -> list[str]:
    """Every answer as one line `path = repr(value)` (types included: 10 is not 10.0): lists by
    row, tables by key."""
    if isinstance(value, dict):
        return [line for key in value for line in flat(value[key], f"{path}.{key}" if path else str(key))] or [f"{path} = {{}}"]
    if isinstance(value, list):
        return [line for index, row in enumerate(value) for line in flat(row, f"{path}[{index}]")] or [f"{path} = []"]
    return [f"{path} = {value!r}"]


LAST_SCREEN: dict[Path, str] = {}
"""What the app drew last in each workbook's run (shown when its answers are wrong)."""


def type_meeting(path: Path, steps, delays) -> dict:
    """Type `steps` into the app on `path`, quit, and return the saved file as parsed."""
    with Typist(path) as typist:
        typist.wait_for(READY)
        typist.type_keys(steps, delays)
        assert typist.quit_and_wait() == 0, typist.screen_text()[-2000:]
        LAST_SCREEN[path] = typist.screen_text()[-3000:]
    return tomllib.loads(path.read_text(encoding="utf-8"))


def check(before: dict, after: dict, expect, steps) -> None:
    """`after` (the saved file) must hold `before` with `expect`'s answers, every value exactly
    and nothing more; outside the answers only the `updated` stamp may change."""
    expected = copy.deepcopy(before)
    expect(expected["answers"])
    after, expected = copy.deepcopy(after), copy.deepcopy(expected)
    for doc in (after, expected):
        doc["workbook"].pop("updated", None)
    rest = {key: value for key, value in after.items() if key != "answers"}
    assert rest == {key: value for key, value in expected.items() if key != "answers"}, "more than the answers changed"
    got, wanted = sorted(flat(after["answers"])), sorted(flat(expected["answers"]))  # not the keys' order in the file
    if got != wanted:
        diff = "\n".join(difflib.unified_diff(wanted, got, "expected (typed slowly)", "saved", lineterm="", n=1))
        typed = "\n".join(repr("".join(step)) for step in steps)
        pytest.fail(f"the saved answers differ from the keys' result typed slowly\nkeys (one step a line):\n{typed}\n"
                    f"{diff}", pytrace=False)


@pytest.fixture(scope="module")
def loaded():
    """One busy process per core for the whole module (none with RETRO_TYPIST_NO_HOGS=1)."""
    if NO_HOGS:
        yield []
        return
    with cpu_hogs() as hogs:
        yield hogs


MODES = {"0-30ms": lambda name: random.Random(f"{name}-2026"), "0ms": lambda name: None}


RUNS = [(name, mode) for name in SCENARIOS for mode in MODES
        if mode != "0ms" or name not in ("goals-targets", "f8-then-type")]
"""Every scenario 0–30 ms apart; with no pause at all, those that move the focus between fields
(the two left out type into tables only, which the others do too)."""


@pytest.mark.parametrize(("name", "mode"), RUNS, ids=[f"{name}-{mode}" for name, mode in RUNS])
def test_a_fast_typist_on_a_loaded_machine_gets_what_slow_typing_gets(name, mode, tmp_path, loaded):
    steps, expect = SCENARIOS[name]
    path = new_workbook(tmp_path)
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    after = type_meeting(path, steps, MODES[mode](name))
    try:
        check(before, after, expect, steps)
    except pytest.fail.Exception:
        print(f"the app's last screen:\n{LAST_SCREEN[path]}")
        raise


# --- checking the scripts themselves (by hand, not a test) -------------------------------------

def _check_slowly(names: list[str], pause: float = 0.3) -> int:  # pragma: no cover - a tool
    """Type each scenario one key per `pause` seconds and compare with its expected answers:
    a script is right when this passes. `python tests/test_meeting_keys.py slow [NAME…]`."""
    import tempfile

    failures = 0
    for name in names or list(SCENARIOS):
        steps, expect = SCENARIOS[name]
        with tempfile.TemporaryDirectory() as folder:
            os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "home")
            path = new_workbook(Path(folder))
            before = tomllib.loads(path.read_text(encoding="utf-8"))
            after = type_meeting(path, steps, float(pause))
            try:
                check(before, after, expect, steps)
                print(f"{name}: as expected")
            except pytest.fail.Exception as failure:
                failures += 1
                print(f"{name}: FAILED\n{failure}")
    return failures


if __name__ == "__main__" and sys.argv[1:2] == ["slow"]:  # pragma: no cover
    sys.exit(1 if _check_slowly(sys.argv[2:]) else 0)
