"""blocwatch benchmarks: ``make bench`` (``python -m benchmarks``).

Every benchmark measures a baseline in the same run and prints the ratio, plus the peak
memory of the process that did the work. Figures are recorded in ``docs/benchmarks.md``.
"""
