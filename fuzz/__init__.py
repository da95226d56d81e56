"""Fuzzing blocwatch's importers and coder (``make fuzz``; a bounded run is part of ``make test``).

``python -m fuzz [TARGET ...] [--seconds N]`` runs each target (:data:`fuzz.targets.TARGETS`)
under atheris, coverage-guided on blocwatch's own code, for ``N`` seconds in a process of its
own, and prints how many inputs each tried. Inputs that break a promise are saved under
``benchmarks/.work/fuzz/crashes/`` and the run exits with 1.
"""
