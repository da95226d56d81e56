"""Check that a venv holds exactly what the locks pin: every locked distribution installed at its
locked version, and (with ``--exact``) nothing else but blocwatch itself and what the venv was
seeded with (Python 3.11's venv adds its own setuptools, which a lock may or may not pin).

Run with the venv's own Python, after ``pip install --no-deps --require-hashes -r LOCK``::

    .venv/bin/python tools/check_lock.py requirements/pip.lock requirements/main.lock

Exit 0 when they agree; 1 with one line per difference otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
OWN = {"blocwatch"}
#: What ``python -m venv`` itself puts in a venv (from the interpreter, not the registry): allowed
#: when no lock pins it (pip always is, by requirements/pip.lock).
SEED = {"pip", "setuptools", "wheel"}


def normalise(name: str) -> str:
    """The PEP 503 form of a distribution name (``Foo_Bar`` -> ``foo-bar``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(lock: Path) -> dict[str, str]:
    """``{name: version}`` for every ``name==version`` line of a pip-compile lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    if not pins:
        raise SystemExit(f"error: {lock}: no name==version pins found")
    return pins


def installed() -> dict[str, str]:
    """``{name: version}`` of every distribution this interpreter sees."""
    return {normalise(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}


def differences(pins: dict[str, str], have: dict[str, str], exact: bool) -> list[str]:
    """One line per pinned distribution missing or at another version, and (exact) per extra one."""
    out = [
        f"{name}: locked {version}, installed {have.get(name, 'nothing')}"
        for name, version in sorted(pins.items())
        if have.get(name) != version
    ]
    if exact:
        out += [f"{name}: installed {v}, not in any lock" for name, v in sorted(have.items())
                if name not in pins and name not in OWN and name not in SEED]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locks", nargs="+", type=Path)
    parser.add_argument("--exact", action="store_true", help="also fail on distributions no lock names")
    args = parser.parse_args(argv)
    pins: dict[str, str] = {}
    for lock in args.locks:
        pins.update(read_pins(lock))
    problems = differences(pins, installed(), args.exact)
    for line in problems:
        print(f"lock mismatch: {line}", file=sys.stderr)
    if problems:
        return 1
    print(f"{len(pins)} locked distributions installed at their locked versions ({', '.join(map(str, args.locks))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
