"""One atheris run of one target: ``python -m fuzz.child TARGET [libFuzzer flags] CORPUS``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["blocwatch"]):
    import blocwatch.coder
    import blocwatch.ingest.text
    import blocwatch.ingest  # noqa: F401

from fuzz.targets import TARGETS, Session


def main() -> None:
    target = sys.argv[1]
    work = os.environ.get("BLOCWATCH_FUZZ_WORK")
    session = Session(Path(work) if work else None)
    run = TARGETS[target]

    def one_input(data: bytes) -> None:
        run(session, data)

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
