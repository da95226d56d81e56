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
- :mod:`~blocwatch.analysis.enemies`: third parties two states are both hostile to
"""

from __future__ import annotations

from blocwatch.analysis.balance import Frustration, TriangleBalance, frustration, triangle_balance
from blocwatch.analysis.blocs import BlocPartition, blocs
from blocwatch.analysis.network import EdgeRule, SignedEdge, SignedNetwork, network_from_relations

__all__ = ["BlocPartition", "EdgeRule", "Frustration", "SignedEdge", "SignedNetwork", "TriangleBalance", "blocs",
           "frustration", "network_from_relations", "triangle_balance"]
