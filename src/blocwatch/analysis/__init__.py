"""Analysis of relations between states: plain tables and graphs in, plain data out.

Nothing here opens the store; the command line and the report fetch events with
:mod:`blocwatch.aggregate` and pass the rows in.
"""

from __future__ import annotations

from blocwatch.analysis.network import EdgeRule, SignedEdge, SignedNetwork, network_from_relations

__all__ = ["EdgeRule", "SignedEdge", "SignedNetwork", "network_from_relations"]
