"""The bundled demo: the 2025 annual review of a fictional Tmall/JD outdoor-apparel shop and
its 618 campaign review, their tables filled by importing the shop's sample exports (data/)."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKBOOK = "annual-review-2025.toml"
DATA = HERE / "data"
IMPORTS = ("orders.csv", "costs.csv", "buyers_before.csv", "ad_spend_daily.csv", "targets_annual.csv",
           "targets_monthly.csv", "targets_campaign.csv", "sycm_shop_daily.csv")
"""The sample exports, in import order (costs.csv is GBK-encoded, as Chinese spreadsheets save it)."""
CAMPAIGN = "campaign-review-618-2025.toml"
CAMPAIGN_IMPORTS = ("orders.csv", "ad_spend_daily.csv", "targets_campaign.csv", "targets_campaign_sku.csv",
                    "products.csv")
"""The 618 review's exports: the campaign's targets per channel and per SKU, and the product master."""


def install(directory: Path) -> tuple[Path, bool]:
    """Copy the demo workbooks and their sample data into `directory` and import the data,
    keeping a copy already there (it may hold the user's edits); returns the annual review's
    path and whether it was made now (the 618 review is `directory / CAMPAIGN`)."""
    annual = _install(directory, WORKBOOK, IMPORTS)
    _install(directory, CAMPAIGN, CAMPAIGN_IMPORTS)
    return annual


def _install(directory: Path, name: str, imports: tuple[str, ...]) -> tuple[Path, bool]:
    target = directory / name
    if target.exists():
        return target, False
    from ..metrics import store
    from ..metrics.importer import import_files, stored
    from ..workbook import Workbook

    shutil.copytree(DATA, directory / "data", dirs_exist_ok=True)
    draft = directory / f".{name}.new"  # only a fully imported demo takes the real name
    shutil.copyfile(HERE / name, draft)
    try:
        workbook = Workbook.load(draft, for_editing=True)
        outcome = import_files(workbook, [directory / "data" / file for file in imports])
        workbook.save(target)
        if stored(outcome.report) is None:  # the files' rows, beside the workbook they are of
            store.path_of(draft).replace(store.path_of(target))
    finally:
        draft.unlink(missing_ok=True)
        store.path_of(draft).unlink(missing_ok=True)
    return target, True
