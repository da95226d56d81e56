"""Signed networks from files of others: edge-list CSVs ``source,target,sign[,weight]`` (or ``state1,state2,...``).

Read one network, or one per value of a grouping column (the 51 windows of a file of Cold War
networks, say). Bad lines raise :class:`~blocwatch.errors.InputError` with file and line.
A pair listed twice in a group (both directions of a symmetric list, for instance) is one tie,
as :meth:`SignedNetwork.from_edges` combines them with ``combine="symmetric"``: with the same sign,
the larger weight is kept; with opposite signs, the signed weights are added (a pair that cancels
out has no tie). ``meta["merged"]`` counts such lines.

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "e.csv")
>>> _ = open(path, "w").write("state1,state2,sign,year\\nUSA,KOR,1,2018\\nKOR,USA,1,2018\\nRUS,UKR,-1,2018\\n")
>>> nets = read_edge_csv(path, group_by="year")
>>> list(nets), [(e.source, e.target, e.sign) for e in nets["2018"].edges], nets["2018"].meta["merged"]
(['2018'], [('KOR', 'USA', 1), ('RUS', 'UKR', -1)], 1)
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from blocwatch.analysis.network import SignedNetwork
from blocwatch.errors import InputError, ParameterError

__all__ = ["read_edge_csv"]

_ENDS = (("source", "target"), ("state1", "state2"))


def read_edge_csv(path: str | Path, *, group_by: str | None = None) -> dict[str, SignedNetwork]:
    """Networks of a signed edge CSV, keyed by group (``""`` without ``group_by``).

    Parameters
    ----------
    path : str or Path
        CSV with a header: ``source,target`` or ``state1,state2``, ``sign`` (any number; its
        sign is used, 0 is no tie) and optionally ``weight`` (>= 0, default 1).
    group_by : str, optional
        A column whose values split the file into networks, in order of first appearance.

    Raises
    ------
    InputError
        Missing file or columns, a sign or weight that is not a finite number, an empty file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        cols = next(reader, [])
        ends = next((e for e in _ENDS if set(e) <= set(cols)), None)
        if ends is None or "sign" not in cols:
            raise InputError(f"expected columns source,target,sign (or state1,state2,sign); found {','.join(cols)}",
                             file=str(path), line=1)
        if group_by and group_by not in cols:
            raise ParameterError("group_by", f"no column {group_by!r} in {path} (columns: {','.join(cols)})")
        at = {name: i for i, name in enumerate(cols)}  # a name given twice: its last column, as csv.DictReader
        iu, iv, isign = at[ends[0]], at[ends[1]], at["sign"]
        iweight, igroup = at.get("weight"), (at[group_by] if group_by else None)
        width = len(cols)
        groups: dict[str, list[tuple[str, str, float, float]]] = {}
        for row in reader:
            if not row:  # a blank line (skipped, as csv.DictReader does)
                continue
            line = reader.line_num
            if len(row) < width:
                row += [""] * (width - len(row))
            u, v = row[iu].strip(), row[iv].strip()
            if not u or not v:
                raise InputError(f"empty {ends[0]} or {ends[1]}", file=str(path), line=line)
            sign = _number(row[isign], "sign", path, line)
            weight = _number(row[iweight], "weight", path, line) if iweight is not None and row[iweight] else 1.0
            if weight < 0:
                raise InputError(f"weight {weight} is negative", file=str(path), line=line)
            g = row[igroup].strip() if igroup is not None else ""
            groups.setdefault(g, []).append((u, v, sign, weight))
    if not groups:
        raise InputError("no edges (only a header, or an empty file)", file=str(path))
    return {g: SignedNetwork.from_edges(rows, label=g or path.stem, combine="symmetric") for g, rows in groups.items()}


def _number(text: str | None, name: str, path: Path, line: int) -> float:
    try:
        value = float(text or "")
    except ValueError:
        raise InputError(f"{name} {text!r} is not a number", file=str(path), line=line) from None
    if not math.isfinite(value):
        raise InputError(f"{name} {text!r} is not a finite number", file=str(path), line=line)
    return value
