"""``python -m contradict.cli``: the same as the ``contradict`` command."""

from . import main

raise SystemExit(main())
