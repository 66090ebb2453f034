"""Helpers shared by CLI modules: the console, and turning known errors into one line + exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


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
    except (ValueError, LookupError, OSError) as e:
        raise fail(str(e)) from None
    except Exception as e:
        if "--debug" in sys.argv:
            raise
        raise fail(f"{type(e).__name__}: {e}") from None
