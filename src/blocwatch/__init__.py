"""blocwatch: event data to an evidence-backed map of the balance of forces between states.

The library is the product; the ``blocwatch`` command line is a thin layer on top of it.

>>> import blocwatch
>>> blocwatch.__version__
'0.1.0'
"""

from blocwatch.errors import BlocwatchError, InputError, StoreBusy, StoreError
from blocwatch.store import EventStore

__version__ = "0.1.0"

__all__ = ["BlocwatchError", "EventStore", "InputError", "StoreBusy", "StoreError", "__version__"]
