"""retro_tui: a terminal workbook for e-commerce 复盘 (structured business reviews)."""

__version__ = "0.1.0"
