"""Command-line tools for writers and maintainers (run with `python -m tools.…`)."""
