"""Run the command line: ``python -m letters``."""

from .cli import main

raise SystemExit(main())
