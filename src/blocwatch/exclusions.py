"""Events an analyst judged wrong, kept in a file that every computation honours.

A coder makes mistakes and so do datasets; an analyst who has read an event's sentence and found
it wrong (a commentary coded as an act, the wrong state) writes its id in a CSV file with the
reason, and passes the file to any command (``--exclude``). The file is the record of those
judgements: the report lists what it left out and why.

The file has a header ``event_id,reason``; lines starting with ``#`` are comments.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "wrong.csv")
>>> _ = open(path, "w").write("event_id,reason\\ntext:1a2b,commentary, not an act\\n")
>>> read_exclusions(path)
{'text:1a2b': 'commentary, not an act'}
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from blocwatch.errors import InputError

__all__ = ["read_exclusions"]


def read_exclusions(path: str | os.PathLike[str]) -> dict[str, str]:
    """Event ids and the reasons for leaving them out, from a CSV file ``event_id,reason``.

    Fields may be quoted as a spreadsheet writes them; everything after the first field is the
    reason, so a reason may also hold commas unquoted.

    Raises
    ------
    InputError
        The file is missing or unreadable, lacks the header, or a line has no event id (with the
        file and line).
    """
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()  # a spreadsheet's "CSV UTF-8" starts with a BOM
    except FileNotFoundError:
        raise InputError("no such file", file=str(file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read it: {exc}", file=str(file)) from None
    out: dict[str, str] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header_seen:
            if [c.strip().lower() for c in next(csv.reader([line]))][:1] != ["event_id"]:
                raise InputError("the first line should be the header event_id,reason", file=str(file),
                                 line=number)
            header_seen = True
            continue
        try:
            fields = next(csv.reader([line]))
        except csv.Error as exc:
            raise InputError(f"cannot read the line as CSV: {exc}", file=str(file), line=number) from None
        event_id, reason = fields[0].strip(), ",".join(fields[1:]).strip()
        if not event_id:
            raise InputError("no event id before the comma", file=str(file), line=number)
        out[event_id] = reason
    return out
