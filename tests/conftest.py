from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retro_tui.checklist import bundled_dir

HERE = Path(__file__).parent
ANNUAL = bundled_dir() / "annual-review.yaml"


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory, monkeypatch) -> Path:
    """Each test gets its own user data directory (recent list, user checklists) and locale."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("RETRO_LANG", "zh_CN.UTF-8")
    return home


@pytest.fixture(scope="session")
def installed_demo(tmp_path_factory) -> Path:
    """The demo as `retro demo` makes it (its tables imported from the sample data), made once."""
    from retro_tui import demo

    return demo.install(tmp_path_factory.mktemp("installed") / "demo")[0]


@pytest.fixture
def demo_copy(tmp_path, installed_demo) -> Path:
    """A fresh copy of the demo workbook, for one test to change."""
    target = tmp_path / "demo" / installed_demo.name
    target.parent.mkdir()
    shutil.copyfile(installed_demo, target)
    return target


@pytest.fixture
def copy_fixture(tmp_path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(HERE / "fixtures" / name, target)
        return target

    return copy
