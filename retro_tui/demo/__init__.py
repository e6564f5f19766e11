"""The bundled demo: the 2025 annual review of a fictional Tmall/JD outdoor-apparel shop,
its tables filled by importing the shop's sample exports (data/)."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKBOOK = "annual-review-2025.toml"
DATA = HERE / "data"
IMPORTS = ("orders.csv", "costs.csv", "buyers_before.csv", "ad_spend_daily.csv", "targets_annual.csv",
           "targets_monthly.csv", "targets_campaign.csv", "sycm_shop_daily.csv")
"""The sample exports, in import order (costs.csv is GBK-encoded, as Chinese spreadsheets save it)."""


def install(directory: Path) -> tuple[Path, bool]:
    """Copy the demo workbook and its sample data into `directory` and import the data, keeping
    a copy already there (it may hold the user's edits); returns its path and whether it was
    made now."""
    target = directory / WORKBOOK
    if target.exists():
        return target, False
    from ..metrics.importer import import_files
    from ..workbook import Workbook

    shutil.copytree(DATA, directory / "data", dirs_exist_ok=True)
    draft = directory / f".{WORKBOOK}.new"  # only a fully imported demo takes the real name
    shutil.copyfile(HERE / WORKBOOK, draft)
    try:
        workbook = Workbook.load(draft, for_editing=True)
        import_files(workbook, [directory / "data" / name for name in IMPORTS])
        workbook.save(target)
    finally:
        draft.unlink(missing_ok=True)
    return target, True
