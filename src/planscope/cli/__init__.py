"""The `planscope` command: one typer app; each group of verbs lives in its own module and registers here.

Every verb is a thin wrapper over a library call (see planscope/__init__.py), so anything the CLI does can
be scripted in Python too. Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from planscope.cli.root import RootGroup, StdoutClosed

# RootGroup: usage errors as one line on stderr (exit 2), --help stays rich (cli/root.py).
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=RootGroup,
                  help="PlanScope: manage, monitor and evaluate development plans (国民经济和社会发展规划).")



@app.callback()
def _root() -> None:
    """PlanScope: manage, monitor and evaluate development plans (国民经济和社会发展规划)."""


# Registration by import: each module adds its commands to `app`. New verb modules go in this one list.
from planscope.cli import (  # noqa: E402
    align_cmd,  # noqa: F401
    backup_cmd,  # noqa: F401
    catalog_cmd,  # noqa: F401
    commitments_cmd,  # noqa: F401
    evaluate_cmd,  # noqa: F401
    extract_cmd,  # noqa: F401
    observe_cmd,  # noqa: F401
    projects_cmd,  # noqa: F401
    revise_cmd,  # noqa: F401
    search_cmd,  # noqa: F401
    serve_cmd,  # noqa: F401
    store_cmds,  # noqa: F401
    users_cmd,  # noqa: F401
)


def main() -> None:
    """The console script. A reader that stops early (`planscope … | head`) is not an error: exit 0, silently."""
    code: int | str | None = 0
    closed = False
    try:
        app()
    except SystemExit as e:
        code = e.code
    except StdoutClosed:
        closed = True  # exit 0: the reader had what it wanted
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        closed = True
    if closed:
        # Python's documented way: stdout to devnull, so the interpreter's own flush at exit fails no more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
