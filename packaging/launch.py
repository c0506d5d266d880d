"""The bundle's entry point: the same as the `rlstracker` command."""

import sys

from rlstracker.cli import main

sys.exit(main())
