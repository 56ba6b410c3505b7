"""Entry point: ``python -m sitetools``."""

import sys

from sitetools.cli import main

sys.exit(main())
