"""`python -m retro_tui …`: the `retro` command."""

from .cli import main

main()
