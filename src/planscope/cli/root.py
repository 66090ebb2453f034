"""The root command's behaviour around every verb: usage errors as one line, a closed stdout that is no error.

typer prints a usage error (missing argument, bad option value) as a boxed panel of several lines; the house rule
is one line on stderr (`error: Missing argument 'PLAN'. (see planscope status --help)`), exit 2 as click uses.
`--help` stays rich. A reader that stops early (`planscope … | head`) makes a write fail with BrokenPipeError;
typer would turn that into exit 1, so it is passed on as StdoutClosed for planscope.cli.main() to end quietly.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

try:  # typer ≥ 0.24 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - an older typer on the real click
    from click import exceptions as click_exceptions  # type: ignore[no-redef]


class StdoutClosed(Exception):
    """The reader of stdout went away; not an OSError, so typer's own handler (exit 1) lets it through."""


def usage_line(e: Exception, path: str = "planscope") -> str:
    """`Missing argument 'PLAN'. (see planscope status --help)`: click's message on one line, and where to look
    (the command of the error's context, else `path`)."""
    message = re.sub(r"\s+", " ", getattr(e, "format_message", lambda: str(e))()).strip()
    ctx = getattr(e, "ctx", None)
    return f"{message} (see {ctx.command_path if ctx is not None else path} --help)"


class RootGroup(TyperGroup):
    """The `planscope` group (see the module doc)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as e:
            raise StdoutClosed() from e

    def command_path(self, args: Sequence[str]) -> str:
        """`planscope observe add` for the words of `args` that name commands (an option's error has no context)."""
        words, cmd = ["planscope"], self
        for a in args:
            sub = getattr(cmd, "commands", {}).get(a)
            if sub is None:
                break
            words.append(a)
            cmd = sub
        return " ".join(words)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        from planscope.cli.common import err_console

        prog_name = "planscope"  # whatever runs it (python -c, a test runner): the command people type
        try:
            # not standalone: click errors come back to us instead of being drawn as a panel
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) and not isinstance(rv, bool) else 0  # Exit(n) returns n
        except click_exceptions.UsageError as e:
            code = e.exit_code
            if type(e).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
                line = usage_line(e, self.command_path(sys.argv[1:] if args is None else args))
                err_console.print(f"[red]error:[/red] {escape(line)}", highlight=False, soft_wrap=True)
        except click_exceptions.ClickException as e:  # e.g. a file argument that cannot be opened
            code = e.exit_code
            message = re.sub(r"\s+", " ", e.format_message()).strip()
            err_console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
        except typer.Abort:
            code = 1
            err_console.print("[red]error:[/red] aborted", highlight=False)
        if not standalone_mode:
            return code
        sys.exit(code)
