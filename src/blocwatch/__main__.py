"""``python -m blocwatch`` runs the command line."""

from blocwatch.cli import main

main()
