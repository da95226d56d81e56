# ruff: noqa: UP031  (%-formatting on purpose: any Python must parse this file)
# Run by the Makefile with the Python it is about to use, before it creates the venv. Written so that
# any Python (2.7 included) can run it and print the reason, rather than fail on syntax.
import sys

SUPPORTED = ((3, 11), (3, 12))
version = sys.version_info[:2]
if version not in SUPPORTED:
    sys.stderr.write(
        "error: blocwatch needs Python 3.11 or 3.12, and %s is Python %d.%d.\n"
        "       Install one (Debian/Ubuntu: apt install python3.11 python3.11-venv) and run, e.g.,\n"
        "       make PYTHON=python3.11 demo\n" % (sys.executable, version[0], version[1])
    )
    sys.exit(1)
try:
    import ensurepip  # noqa: F401  (python3 -m venv needs it to put pip in the venv)
    import venv  # noqa: F401
except ImportError:
    sys.stderr.write(
        "error: %s cannot create virtual environments (no venv/ensurepip module).\n"
        "       Debian/Ubuntu: apt install python3-venv (or python%d.%d-venv)\n"
        % (sys.executable, version[0], version[1])
    )
    sys.exit(1)
