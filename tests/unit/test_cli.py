"""The `retro` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import new_review, target_actual
from helpers import run as retro

from retro_tui.checklist import ChecklistError, bundled_dir
from retro_tui.demo import IMPORTS
from retro_tui.i18n import Bilingual
from retro_tui.workbook import Workbook, WorkbookError


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    return retro


def test_checklists_lists_id_version_title(run):
    result = run("checklists")
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == ["annual-review    v1  年度复盘", "campaign-review  v1  大促复盘",
                                              "product-review   v1  商品复盘"]


def test_new_says_when_it_makes_the_folder_too(run, tmp_path):
    result = run("new", "reviews/2025/r.toml", "--checklist", "annual-review")
    assert result.exit_code == 0 and result.output.startswith("新建了文件夹 reviews/2025\n")
    assert "新建了文件夹" not in run("new", "reviews/2025/s.toml", "--checklist", "annual-review").output


def test_new_creates_a_workbook_without_the_ui(run, tmp_path):
    result = run("new", "r.toml", "--checklist", "annual-review", "--title", "Q3 review",
                 "--period", "2025-07-01..2025-09-30", "--lang", "en", "--team", "Shop A")
    assert result.exit_code == 0, result.output
    book = Workbook.load(tmp_path / "r.toml")
    assert (book.title, book.language, str(book.period[0]), book.meta["team"]) == ("Q3 review", "en", "2025-07-01", "Shop A")


def test_new_refuses_to_overwrite_and_bad_input_is_one_line(run, tmp_path):
    assert run("new", "r.toml", "--checklist", "annual-review").exit_code == 0
    again = run("new", "r.toml", "--checklist", "annual-review")
    assert again.exit_code == 1 and "r.toml：文件已存在" in again.output
    bad = run("new", "s.toml", "--checklist", "annual-review", "--period", "2025-13-01..2025-12-31")
    assert bad.exit_code == 1 and bad.output == "retro: not a date: '2025-13-01' (use 2025-06-18)\n"
    empty = run("new", "s.toml", "--checklist", "annual-review", "--period", "")
    assert empty.exit_code == 1 and "expected START..END" in empty.output
    unknown = run("new", "s.toml", "--checklist", "nope")
    assert unknown.exit_code == 1 and "unknown checklist" in unknown.output
    assert not (tmp_path / "s.toml").exists()


def test_export_to_stdout_and_to_a_file(run, demo_copy, tmp_path):
    result = run("export", str(demo_copy))
    assert result.exit_code == 0 and result.output.startswith("# ")
    result = run("export", str(demo_copy), "-o", "report.md", "--lang", "en")
    assert result.exit_code == 0
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Metric | Target | Actual | Variance | Completion | Status |" in text


def test_validate_every_shipped_checklist_and_a_broken_one(run, tmp_path):
    shipped = [str(p) for p in sorted(bundled_dir().glob("*.yaml")) if "sections" in p.read_text(encoding="utf-8")]
    result = run("validate", *shipped)
    assert result.exit_code == 0 and result.output.count("：通过（") == len(shipped)
    broken = tmp_path / "foo.yaml"
    broken.write_text(Path(shipped[0]).read_text(encoding="utf-8").replace("kind: targets", "kind: tabel", 1), encoding="utf-8")
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert ": unknown kind 'tabel'" in result.output and f"{broken}:" in result.output
    broken.write_text(Path(shipped[0]).read_text(encoding="utf-8").replace("metric: gmv\n", "metric: gmvv\n", 1), encoding="utf-8")
    result = run("validate", str(broken))
    assert result.exit_code == 1 and "metric: unknown metric 'gmvv' (did you mean 'gmv'?)" in result.output


def test_messages_follow_the_locale(run, monkeypatch):
    monkeypatch.setenv("RETRO_LANG", "en_US.UTF-8")
    result = run("new", "r.toml", "--checklist", "annual-review", "--period", "2025-01-01..2025-03-31")
    assert result.output == "created r.toml (annual-review v1, 2025-01-01..2025-03-31)\n"
    assert "already exists (use --force" in run("new", "r.toml", "--checklist", "annual-review").output


def test_import_takes_its_files_before_after_and_between_its_options(run, tmp_path):
    workbook = new_review(tmp_path)
    orders = tmp_path / "orders.csv"
    orders.write_text("订单编号,平台,订单付款时间,买家实付金额\n1,天猫,2025-01-02 10:00:00,12.5\n", encoding="utf-8")
    targets = tmp_path / "targets.csv"
    targets.write_text("指标,目标值\n销售额,100\n", encoding="utf-8")
    result = run("import", workbook, "--channel", "天猫", orders, "--overwrite", targets)
    assert result.exit_code == 0, result.output
    assert target_actual(Workbook.load(workbook).target_row("goals", "targets", "sales")) == (100, 12.5)


def test_a_terminal_set_to_ascii_still_gets_the_chinese_words(tmp_path, demo_copy):
    """`PYTHONIOENCODING=ascii` (or the C locale): what `retro` says is written as UTF-8, not a crash."""
    env = {"PYTHONIOENCODING": "ascii", "PATH": "", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "retro_tui", "checklists", "--lang", "zh"], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "年度复盘" in done.stdout.decode("utf-8")


def test_schema_is_json(run):
    result = run("schema")
    assert json.loads(result.output)["title"] == "retro_tui checklist"


def test_demo_no_open_writes_the_files_and_keeps_an_edited_copy(run, tmp_path):
    result = run("demo", "d", "--no-open")
    assert result.exit_code == 0 and "示例工作簿" in result.output
    edited = tmp_path / "d" / "annual-review-2025.toml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("山野织物 电商部", "我的团队"), encoding="utf-8")
    again = run("demo", "d", "--no-open")
    assert "已有的示例副本" in again.output and "我的团队" in edited.read_text(encoding="utf-8")
    book = Workbook.load(tmp_path / "d" / "annual-review-2025.toml")
    assert all(done == total for done, total in map(book.progress, book.checklist.sections))
    # its tables were filled by importing the bundled sample exports
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert book.target_row("goals", "targets", "sales").sources() == {"target": ["targets_annual.csv"], "actual": ["orders.csv"],
                                                                  "last_year": ["targets_annual.csv"]}
    assert target_actual(book.target_row("input-output", "costs", "promotion")) == (1814700, 1753719.22)  # typed budget, imported spend
    assert [entry["file"] for entry in book.imports()] == list(IMPORTS)
    assert (tmp_path / "d" / "data" / "orders.csv").is_file()


def test_export_of_a_broken_workbook_is_one_line_on_stderr_without_pandas_textual_or_tomlkit(tmp_path, demo_copy):
    code = (
        "import sys\n"
        "from retro_tui.cli import main\n"
        "sys.argv = ['retro', 'export', sys.argv[1], '-o', sys.argv[2]]\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    assert not {'pandas', 'textual', 'tomlkit.api'} & set(sys.modules), 'an import export needs not'\n"
        "    raise\n"
    )
    good = subprocess.run([sys.executable, "-c", code, str(demo_copy), str(tmp_path / "out.md")],
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[workbook\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-c", code, str(broken), str(tmp_path / "x.md")], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.startswith(f"retro: {broken}:2:") and bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


def test_every_error_the_core_reports_derives_from_one_root_that_says_where():
    from retro_tui.datafile import DataFileError
    from retro_tui.errors import RetroError
    from retro_tui.metrics.catalogue import CatalogueError
    from retro_tui.metrics.formats import FormatsError
    from retro_tui.metrics.reader import MetricsError
    from retro_tui.metrics.store import StoreError
    from retro_tui.promotions import CalendarError

    for error in (DataFileError, ChecklistError, CatalogueError, FormatsError, CalendarError, WorkbookError,
                  MetricsError, StoreError):
        assert issubclass(error, RetroError), error
    assert str(RetroError("expected a number", "r.toml", 12, "answers.goals.target", column=3)) == \
        "r.toml:12:3: answers.goals.target: expected a number"
    assert str(ChecklistError("c.yaml", 4, "sections[0].id", "duplicate id 's'")) == "c.yaml:4: sections[0].id: duplicate id 's'"
    assert MetricsError("订单.csv", Bilingual(zh="没有数据行", en="no data rows")).said("zh") == "订单.csv: 没有数据行"


def test_the_cli_says_a_broken_workbook_in_one_line_whatever_the_command(run, tmp_path):
    broken = tmp_path / "r.toml"
    broken.write_text("[meta\n", encoding="utf-8")
    for command in (["export", str(broken)], ["import", str(broken), str(tmp_path / "orders.csv")], ["imports", str(broken)]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.output.startswith(f"retro: {broken}:1") and result.output.count("\n") == 1, (command, result.output)


def test_a_workbook_path_alone_opens_it_and_a_command_line_names_one_command(tmp_path):
    from retro_tui.cli import command_line

    assert command_line(["review.toml"]) == (["open", "review.toml"], "open")
    assert command_line(["--lang", "en", "review.toml"]) == (["--lang", "en", "open", "review.toml"], "open")
    assert command_line(["--lang=en", "export", "review.toml"]) == (["--lang=en", "export", "review.toml"], "export")
    other = tmp_path / "review"  # a file, whatever its name
    other.write_text("schema = 1\n", encoding="utf-8")
    assert command_line([str(other)]) == (["open", str(other)], "open")
    assert command_line([]) == ([], None) and command_line(["--version"]) == (["--version"], None)
    assert command_line(["nope"]) == (["nope"], "nope")  # (argparse says it is no command)


def test_help_version_and_usage_errors(run):
    from retro_tui.cli import COMMANDS

    top = run("--help")
    assert top.exit_code == 0 and all(f"    {name} " in top.output for name in COMMANDS)
    assert run("--version").output.startswith("retro, version ")
    export = run("export", "--help")
    assert export.exit_code == 0 and "-o OUTPUT, --output OUTPUT" in export.output
    unknown = run("nope")
    assert unknown.exit_code == 2 and "invalid choice: 'nope'" in unknown.stderr
    port = run("serve", "r.toml", "--port", "70000")
    assert port.exit_code == 2 and "70000 is not in 1..65535" in port.stderr
    missing = run("new", "r.toml")
    assert missing.exit_code == 2 and "--checklist" in missing.stderr
