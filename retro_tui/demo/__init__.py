"""The bundled demo: a filled annual review of a fictional Tmall/JD outdoor-apparel shop."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKBOOK = "annual-review-2025.toml"


def install(directory: Path) -> tuple[Path, bool]:
    """Copy the demo workbook into `directory`, keeping a copy already there (it may hold the
    user's edits); returns its path and whether it was copied now."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / WORKBOOK
    if target.exists():
        return target, False
    shutil.copyfile(HERE / WORKBOOK, target)
    return target, True
