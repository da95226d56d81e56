"""A bounded atheris run of every fuzz target (coverage-guided on blocwatch's code), as part of
`make test`; `make fuzz` runs them longer. A broken promise saves the input under
benchmarks/.work/fuzz/crashes/ and fails the run."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fuzz.targets import TARGETS

from tests.helpers import REPO

pytestmark = pytest.mark.slow
SECONDS = 15


def test_every_target_survives_a_bounded_run():
    pytest.importorskip("atheris", reason="atheris is a dev dependency (requirements/dev.lock)")
    proc = subprocess.run([sys.executable, "-m", "fuzz", "--seconds", str(SECONDS)], cwd=REPO,
                          capture_output=True, text=True, timeout=len(TARGETS) * (SECONDS + 120))
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    tried = dict(re.findall(r"^(\w+)\s+([\d,]+)\s+[\d.]+\s+ok$", proc.stdout, flags=re.M))
    assert sorted(tried) == sorted(TARGETS), proc.stdout
    assert all(int(n.replace(",", "")) > 10 for n in tried.values()), proc.stdout
