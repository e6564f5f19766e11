"""The house rules the code itself is held to, checked with the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_code_passes_the_linter():
    """ruff, with the rules in pyproject.toml (pyflakes, pycodestyle, import order, bugbear, pyupgrade)."""
    pytest.importorskip("ruff", reason="ruff is in the test extras")
    found = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "retro_tui", "tests", "bench"],
                           cwd=ROOT, capture_output=True, text=True)
    assert found.returncode == 0, found.stdout + found.stderr


def test_the_package_passes_the_type_checker(tmp_path):
    """mypy on the whole package, as pyproject.toml configures it: every module stays typed."""
    pytest.importorskip("mypy", reason="mypy is in the test extras")
    found = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")], cwd=ROOT,
                           capture_output=True, text=True)
    assert found.returncode == 0, found.stdout + found.stderr


def test_the_core_never_imports_textual():
    """Checklists, workbook, metrics, calculations and export: everything outside ui/ runs without it."""
    code = ("import sys, retro_tui.cli, retro_tui.export.markdown, retro_tui.metrics.importer, retro_tui.room; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'pandas', 'pyarrow')))")
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_test_files_share_helpers_not_one_another():
    """What tests share is in helpers.py (and the terminal typist, the platform exports'
    generator): a test file imports no other test file."""
    import re

    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        found = re.findall(r"^\s*(?:from|import) (test_\w+)", path.read_text(encoding="utf-8"), re.M)
        assert not found, f"{path.name} imports {found}"


def test_tests_read_no_private_attributes():
    """A test goes through what the code offers (a widget's query, a rendered table), never an
    object's `_private` parts: those change without notice."""
    import re

    textual_internals = ("._notifications", "._forward_event(")
    """Textual's own, where it offers no public way: the toasts shown, a click at an exact cell."""
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for internal in ("self._", "os._exit", *textual_internals):
                code = code.replace(internal, "")
            assert not re.search(r"[\w)\]]\._[a-z]", code), f"{path.name}:{number}: {line.strip()}"
