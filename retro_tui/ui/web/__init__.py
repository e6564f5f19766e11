"""`retro serve`: the workbook in a browser, for the people who are not in the room (textual-serve,
an optional extra: `pip install "retro-tui[web]"`)."""
