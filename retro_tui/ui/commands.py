"""Command palette entries: jump to a section, export, switch language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..i18n import pick, tr


class WorkbookCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable, str]]:
        from .screens.workbook import WorkbookScreen

        screen = self.screen
        if not isinstance(screen, WorkbookScreen):
            return []
        lang = screen.lang
        commands = [
            (
                tr("cmd_jump", lang, title=pick(section.title, lang)),
                partial(screen.call_later, screen.show_section, index),
                tr("cmd_jump_help", lang),
            )
            for index, section in enumerate(screen.workbook.checklist.sections)
        ]
        commands.append((tr("cmd_export", lang), screen.action_export, tr("cmd_export_help", lang)))
        commands.append((tr("cmd_import", lang), screen.action_import_data, tr("cmd_import_help", lang)))
        commands.append((tr("cmd_lang", lang), self.app.action_toggle_language, tr("cmd_lang_help", lang)))
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
