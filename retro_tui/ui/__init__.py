"""The Textual interface: thin screens over the core."""
