"""`text`: one line."""

from .base import View

VIEW = View()
