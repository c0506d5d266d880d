"""Lets `python -m rlstracker` do what the `rlstracker` command does."""

import sys

from rlstracker.cli import main

sys.exit(main())
