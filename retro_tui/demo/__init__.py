"""The bundled demo: a filled annual review of a fictional Tmall/JD outdoor-apparel shop."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKBOOK = "annual-review-2025.toml"


def install(directory: Path) -> Path:
    """Copy the demo files into `directory` (keeping any copy already there); returns the workbook."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / WORKBOOK
    if not target.exists():
        shutil.copyfile(HERE / WORKBOOK, target)
    return target
