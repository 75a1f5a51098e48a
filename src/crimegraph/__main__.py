"""``python -m crimegraph`` runs the command line."""

from crimegraph.cli import main

main()
