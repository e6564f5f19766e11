"""Command palette entries: jump to a section, export, switch language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..i18n import pick, tr

KEY_HELP = {"meeting_clock": "clock", "meeting_panel": "meeting", "presenter": "presenter", "vote_round": "vote",
            "floor": "floor"}
"""The help of each meeting command: its key's, in the help screen."""


class WorkbookCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable, str]]:
        from .app import RetroApp
        from .screens.workbook import WorkbookScreen

        screen = self.screen
        if not isinstance(screen, WorkbookScreen):
            return []
        lang = screen.lang
        commands: list[tuple[str, Callable, str]] = [
            (
                tr("cmd_jump", lang, title=pick(section.title, lang)),
                partial(screen.call_later, screen.show_section, index),
                tr("cmd_jump_help", lang),
            )
            for index, section in enumerate(screen.workbook.checklist.sections)
        ]
        commands.append((tr("cmd_export", lang), screen.action_export, tr("cmd_export_help", lang)))
        commands.append((tr("cmd_import", lang), screen.action_import_data, tr("cmd_import_help", lang)))
        if self.app.is_web:
            commands.append((tr("cmd_download", lang), screen.action_download_workbook, tr("cmd_download_help", lang)))
        if isinstance(self.app, RetroApp):
            commands.append((tr("cmd_lang", lang), self.app.action_toggle_language, tr("cmd_lang_help", lang)))
        for action, key in KEY_HELP.items():
            commands.append((tr(f"cmd_{action}", lang), getattr(screen, f"action_{action}"), tr(f"key_{key}", lang)))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
