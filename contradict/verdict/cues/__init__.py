from ._all import *  # noqa: F401,F403  (split below)
from ._all import __all__  # noqa: F401
