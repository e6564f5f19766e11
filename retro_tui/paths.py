"""Where retro_tui keeps its own small files (per user, per platform)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "retro_tui"


def user_data_dir() -> Path:
    """The user's data directory for retro_tui (not created here)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_checklist_dir() -> Path:
    """A place for the user's own checklists, found before the bundled ones."""
    return user_data_dir() / "checklists"


def recent_file() -> Path:
    return user_data_dir() / "recent.json"


def places_file() -> Path:
    """Where each workbook was left (its section), to reopen it there."""
    return user_data_dir() / "places.json"


def user_cache_dir() -> Path:
    """Files retro_tui can always make again (checklists already parsed)."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))
