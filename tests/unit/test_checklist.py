"""Checklist files: the shipped ones are complete and bilingual; broken ones say where."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import msgspec
import pytest
from helpers import MINIMAL, one_section

from retro_tui import checklist as checklists
from retro_tui.checklist import ChecklistError, parse
from retro_tui.i18n import Bilingual


def texts(node, path="$"):
    """Every text field of a loaded checklist, with its path."""
    if isinstance(node, (Bilingual, str)):
        yield path, node
    elif isinstance(node, msgspec.Struct):
        for field in node.__struct_fields__:
            if field not in ("id", "kind", "direction", "metric", "channel", "sku", "campaign", "window", "carry", "expects",
                             "explained_in", "answered_in", "of", "against", "calendar", "revenue", "by_month") \
                    and getattr(node, field) is not None:  # ids, and names as the data writes them
                yield from texts(getattr(node, field), f"{path}.{field}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")


def shipped():
    """The bundled checklists (the folder also holds other data files, e.g. the metric catalogue)."""
    return [path for path in sorted(checklists.bundled_dir().glob("*.yaml")) if "\nsections:" in path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.name)
def test_shipped_checklists_load_and_every_text_is_in_both_languages(path):
    checklist = checklists.load(path)
    found = list(texts(checklist))
    assert found, "no texts found"
    plain = [where for where, text in found if not isinstance(text, Bilingual) and not isinstance(text, int)]
    assert plain == []
    empty = [where for where, text in found if isinstance(text, Bilingual) and not (text.zh.strip() and text.en.strip())]
    assert empty == []


def test_annual_review_has_the_five_areas_in_order_and_every_kind():
    checklist = checklists.find("annual-review")
    assert [s.id for s in checklist.sections] == ["goals", "input-output", "timeline", "process-issues", "optimization"]
    kinds = {item.kind for section in checklist.sections for item in section.items}
    assert kinds == set(checklists.ITEM_KINDS) - {"rating"}  # (the campaign review asks for one)
    assert "rating" in {item.kind for section in checklists.find("campaign-review").sections for item in section.items}
    goals = checklist.section("goals").item("targets")
    assert [r.id for r in goals.rows][:4] == ["sales", "net-sales", "returning-customers", "new-customers"]
    assert goals.rows[[r.id for r in goals.rows].index("staff-turnover")].direction == "lower"
    costs = checklist.section("input-output").item("costs")
    assert {r.direction for r in costs.rows} == {"lower"} and len(costs.rows) == 6


def test_minimal_checklist_parses():
    checklist = parse(MINIMAL, "tiny.yaml")
    assert checklist.section("first").item("a").kind == "text"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: text", "kind: tabel"),
         "tiny.yaml:11: sections[0].items[0].kind: unknown kind 'tabel' (one of: text, note, number, choice, checks, records, targets, ledger, gap, rating)"),
        (("    guide:", "    colour: red\n    guide:"), "tiny.yaml:8: sections[0].colour: unknown field"),
        (("      - id: a\n", "      - id: a\n        kind: text\n        label: B\n      - id: a\n"),
         "tiny.yaml:13: sections[0].items[1].id: duplicate id 'a'"),
        (("id: tiny", "id: Tiny Checklist"), "tiny.yaml:1: id: expected `str` matching regex"),
        (("version: 1", "version: one"), "tiny.yaml:2: version: expected `int`, got `str`"),
        (("        label: {zh: 甲, en: A}", "        label: {zh: 甲}"), "tiny.yaml:12: sections[0].items[0].label: missing required field `en`"),
        (("sections:", "sections: ["), "tiny.yaml:6: not valid YAML"),
        (("title: {zh: 小清单, en: Tiny}", "title: !!python/object:os.system {}"), "tiny.yaml:3: not valid YAML"),
    ],
)
def test_broken_checklist_names_file_line_and_field(change, expected):
    old, new = change
    assert old in MINIMAL
    with pytest.raises(ChecklistError) as info:
        parse(MINIMAL.replace(old, new, 1), "tiny.yaml")
    assert str(info.value).startswith(expected)


TABLES = """\
      - id: goals
        kind: targets
        label: 目标
        explained_in: {item: causes, column: target}
        rows:
          - {id: sales, label: 销售额, metric: gmv}
      - id: causes
        kind: records
        label: 原因
        expects: [cause]
        columns:
          - {id: cause, kind: text, label: 原因}
          - {id: target, kind: metric, label: 影响的目标}
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("metric: gmv", "metric: gmvv"), "t.yaml:15: sections[0].items[0].rows[0].metric: unknown metric 'gmvv' (did you mean 'gmv'?)"),
        (("metric: gmv", "metric: 销售额"), "t.yaml:15: sections[0].items[0].rows[0].metric: unknown metric '销售额'"),
        (("expects: [cause]", "expects: [cause, owner]"), "t.yaml:19: sections[0].items[1].expects[1]: 'owner' is not a column of this table"),
        (("{item: causes, column: target}", "{item: cause, column: target}"),
         "t.yaml:13: sections[0].items[0].explained_in.item: 'cause' is not a records table of this checklist"),
        (("{item: causes, column: target}", "{item: causes, column: targets}"),
         "t.yaml:13: sections[0].items[0].explained_in.column: 'targets' is not a column of 'causes'"),
    ],
)
def test_a_name_that_points_nowhere_is_refused_with_its_line(change, expected):
    """A metric the catalogue lacks, a column or table a check names that is not there: each
    would be passed over in silence when the workbook is filled or checked."""
    text = one_section(TABLES)
    assert parse(text, "t.yaml").section("s").item("goals").rows[0].metric == "gmv"
    old, new = change
    assert old in text
    with pytest.raises(ChecklistError) as info:
        parse(text.replace(old, new, 1), "t.yaml")
    assert str(info.value) == expected


def test_a_timeline_column_filled_from_an_unknown_metric_is_refused():
    text = (checklists.bundled_dir() / "annual-review.yaml").read_text(encoding="utf-8")
    spend = "            kind: number\n            metric: promo-spend\n"
    assert spend in text
    with pytest.raises(ChecklistError, match=r"annual-review.yaml:\d+: sections\[\d\]\.items\[\d\]\.columns\[\d\]\.metric: "
                                             r"unknown metric 'promo_spend' \(did you mean 'promo-spend'\?\)$"):
        parse(text.replace(spend, spend.replace("promo-spend", "promo_spend")), "annual-review.yaml")


def test_a_cached_checklist_checked_by_other_rules_is_read_again(tmp_path, monkeypatch):
    """The cache is keyed on the rules (this version's checks and catalogue), not on the
    package's version number: a checklist cached before a check existed meets the check."""
    path = tmp_path / "mine.yaml"
    path.write_text(one_section(TABLES).replace("metric: gmv", "metric: gmvv"), encoding="utf-8")
    cached, key = checklists.cache_file(path)
    stale = pickle.dumps(checklists._Cached([*key[:-1], "rules of an earlier release"], parse(one_section(TABLES), path)))
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(stale)
    with pytest.raises(ChecklistError, match="unknown metric 'gmvv'"):
        checklists.load(path)
    monkeypatch.setattr(checklists, "rules_digest", lambda: "rules of an earlier release")
    assert checklists.load(path).section("s").item("goals").rows[0].metric == "gmv"  # (the stale copy, under its rules)


def test_choice_column_without_options_is_refused():
    text = MINIMAL.replace(
        "        kind: text\n",
        "        kind: records\n        columns:\n          - {id: status, kind: choice, label: S}\n",
    )
    with pytest.raises(ChecklistError, match=r"items\[0\]\.columns\[0\]\.options: a choice column needs options"):
        parse(text, "tiny.yaml")


def test_unknown_checklist_lists_the_available_ones():
    with pytest.raises(ChecklistError, match="unknown checklist.*annual-review"):
        checklists.find("no-such-review")


def test_user_checklist_is_found_and_listed():
    directory = checklists.user_checklist_dir()
    directory.mkdir(parents=True)
    (directory / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    assert "tiny" in [info.id for info in checklists.available()]
    assert checklists.find("tiny").title == Bilingual(zh="小清单", en="Tiny")


def test_json_schema_describes_the_item_kinds():
    schema = checklists.json_schema()
    text = json.dumps(schema)
    for kind in checklists.ITEM_KINDS:
        assert f'"{kind}"' in text
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_the_format_documentation_example_is_a_valid_checklist():
    readme = (checklists.bundled_dir() / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    checklist = parse(example, "checklists/README.md")
    kinds = {item.kind for section in checklist.sections for item in section.items}
    assert kinds == set(checklists.ITEM_KINDS)


def test_a_users_copy_shadows_the_bundled_checklist_whatever_its_file_name():
    directory = checklists.user_checklist_dir()
    directory.mkdir(parents=True)
    bundled = (checklists.bundled_dir() / "annual-review.yaml").read_text(encoding="utf-8")
    mine = bundled.replace("title: {zh: 年度复盘, en: Annual review}", "title: {zh: 我们的年度复盘, en: Our annual review}")
    assert mine != bundled
    (directory / "my-annual.yaml").write_text(mine, encoding="utf-8")
    assert checklists.find("annual-review").title == Bilingual(zh="我们的年度复盘", en="Our annual review")
    assert [info.path.name for info in checklists.available() if info.id == "annual-review"] == ["my-annual.yaml"]


def test_a_parsed_checklist_is_cached_and_a_changed_file_is_read_again(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "mine.yaml"
    text = (checklists.bundled_dir() / "annual-review.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = checklists.load(path)
    assert checklists.load(path) == first
    # a fresh process takes it from the cache: PyYAML is not even imported
    code = f"import sys; from retro_tui.checklist import load; load({str(path)!r}); print('yaml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
    path.write_text(text.replace("id: annual-review", "id: my-review", 1), encoding="utf-8")
    assert checklists.load(path).id == "my-review"
    for cached in (Path(os.environ["XDG_CACHE_HOME"]) / "retro_tui" / "checklists").iterdir():
        cached.write_bytes(b"not a pickle")  # a damaged cache is read past
    assert checklists.load(path).id == "my-review"
