"""``python -m facta``: the command line."""

from facta.cli import run

run()
