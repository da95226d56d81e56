"""Analysis of relations between states: plain tables and graphs in, plain data out.

Nothing here opens the store; :mod:`blocwatch.relations` fetches events with
:mod:`blocwatch.dyads` and passes the rows in.

- :mod:`~blocwatch.analysis.cooperation`: net cooperation of a dyad in a window
- :mod:`~blocwatch.analysis.network`: signed weighted networks and their exports
- :mod:`~blocwatch.analysis.balance`: balanced triangles and the frustration index
- :mod:`~blocwatch.analysis.bounds`: lower bounds and exact solutions of the frustration index
- :mod:`~blocwatch.analysis.spins`: the local search for two blocs (the frustration index's heuristic)
- :mod:`~blocwatch.analysis.blocs`: k-bloc partitions under relaxed structural balance
- :mod:`~blocwatch.analysis.partition`: the local search for k blocs
- :mod:`~blocwatch.analysis.shifts`: change points, alignment shifts and their drivers
- :mod:`~blocwatch.analysis.significance`: the shift test (permutations of a pair's months), scored
  fast by :mod:`~blocwatch.analysis.permutations`
- :mod:`~blocwatch.analysis.changepoints`: the split and change points of every pair at once
  (PELT), on the pairs x months arrays of :mod:`~blocwatch.analysis.monthly`
- :mod:`~blocwatch.analysis.enemies`: third parties two states are both hostile to

The names below are loaded when first used, so that importing one module of the package (the
command line reads :mod:`~blocwatch.analysis.cooperation`) does not load SciPy, which only
:mod:`~blocwatch.analysis.balance` needs.

>>> from blocwatch.analysis import blocs, EdgeRule
>>> callable(blocs), EdgeRule().min_events
(True, 3)
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocwatch.analysis.balance import Frustration, TriangleBalance, frustration, triangle_balance
    from blocwatch.analysis.blocs import BlocPartition, blocs
    from blocwatch.analysis.network import EdgeRule, SignedEdge, SignedNetwork, network_from_relations

__all__ = ["BlocPartition", "EdgeRule", "Frustration", "SignedEdge", "SignedNetwork", "TriangleBalance", "blocs",
           "frustration", "network_from_relations", "triangle_balance"]

#: Each name of :data:`__all__` and the module that defines it.
_LAZY = {
    "Frustration": "balance", "TriangleBalance": "balance", "frustration": "balance", "triangle_balance": "balance",
    "BlocPartition": "blocs", "blocs": "blocs",
    "EdgeRule": "network", "SignedEdge": "network", "SignedNetwork": "network", "network_from_relations": "network",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """This package, whose function :func:`blocs` keeps its name when the module of the same name is
    imported (the import system sets a submodule as an attribute of its package)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
