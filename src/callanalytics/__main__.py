"""``python -m callanalytics``."""

import sys

from ._cli import main

sys.exit(main())
