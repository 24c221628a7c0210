"""``python -m kgraph`` runs the command line."""
import sys

from kgraph.cli import main

sys.exit(main())
