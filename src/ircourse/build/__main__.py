"""``python -m ircourse.build``: derive ``data/`` from ``../shared/data-sources``."""

import sys

from . import main

sys.exit(main())
