"""Helpers shared by CLI modules: the console, and turning known errors into one line + exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich's own handling exits 1; the reader going away (`| head`) is no error: planscope.cli.main() ends
        # quietly with 0 (cli/root.py)
        self.quiet = True
        raise BrokenPipeError("stdout closed by its reader")


console = _Console()
err_console = _Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def check_year(period: tuple[int, int] | list[int] | None, year: int | None) -> None:
    """A year to assess must fall in the plan's period: outside it there are no targets, so a status would be
    made up (and a typo such as 2204 for 2024 would pass silently)."""
    if year is not None and period and not period[0] <= year <= period[1]:
        raise ValueError(f"year {year} is outside the plan's period {period[0]}–{period[1]}")


@contextmanager
def clean_errors() -> Iterator[None]:
    """Known errors as one line on stderr; anything unexpected too, but with its type so it can be reported."""
    from planscope.ingest import IngestError

    try:
        yield
    except typer.Exit:
        raise
    except IngestError as e:
        raise fail(str(e)) from None
    except BrokenPipeError:
        raise  # the reader of stdout went away (`| head`): not an error (planscope.cli.main)
    except OSError as e:
        raise fail(_os_message(e)) from None
    except (ValueError, LookupError) as e:
        raise fail(_first_line(str(e))) from None
    except Exception as e:
        if "--debug" in sys.argv:
            raise
        raise fail(_unexpected_message(e)) from None


def check_output(*paths: Path | None) -> None:
    """Refuse an output file that cannot be written before the work that fills it (an alignment or a PDF takes
    seconds), with a message naming the problem rather than an errno."""
    for p in paths:
        if p is None:
            continue
        if p.is_dir():
            raise ValueError(f"{p} is a folder: give a file name to write")
        if not p.parent.is_dir():
            raise ValueError(f"cannot write {p}: folder {p.parent} does not exist")


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0] if lines else text


def _os_message(e: OSError) -> str:
    """`/x/y: no such file or directory` instead of `[Errno 2] No such file or directory: '/x/y'`."""
    if e.filename is not None and e.strerror:
        return f"{e.filename}: {e.strerror[0].lower()}{e.strerror[1:]}"
    return _first_line(str(e))


def _unexpected_message(e: Exception) -> str:
    """One line for errors of the database driver (SQLAlchemy adds the SQL and a web link on later lines)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(e, sa_exc.NoSuchModuleError):
        return f"unsupported database URL ({e}): use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"
    if isinstance(e, sa_exc.DBAPIError) and e.orig is not None:
        return f"database error: {_first_line(str(e.orig))}"
    return f"{type(e).__name__}: {_first_line(str(e))}"
