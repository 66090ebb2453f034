"""`planscope serve`: the HTTP API (and the web pages, when installed) on uvicorn."""

from __future__ import annotations

import socket
from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import clean_errors, err_console
from planscope.cli.store_cmds import db_option


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every one)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535),
          db: str | None = db_option(),
          data_dir: Path | None = typer.Option(None, "--data", help="Folder for uploaded files "
                                                                    "(default: beside the database)."),
          read_token: bool = typer.Option(False, "--read-token", help="Require a token for reads too."),
          reload: bool = typer.Option(False, "--reload", hidden=True)) -> None:
    """Serve the API (/api/…, /openapi.json) and the dashboard."""
    import uvicorn

    from planscope.api.app import create_app

    with clean_errors():
        _check_free(host, port)
        application = create_app(db, data_dir=data_dir, read_requires_token=read_token)
    err_console.print(f"PlanScope on http://{host}:{port}  (store: {application.state.db_url})", highlight=False)
    uvicorn.run(application, host=host, port=port, reload=reload, log_level="info")


def _check_free(host: str, port: int) -> None:
    """Fail in one line when the address is taken, before uvicorn starts and logs a stack of INFO/ERROR lines."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as e:
        raise ValueError(f"cannot listen on {host!r}: {e.strerror}") from None
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a socket in TIME_WAIT is no clash
        try:
            s.bind(address)
        except OSError as e:
            hint = " (try --port with another number)" if e.errno in (98, 48, 10048) else ""
            raise ValueError(f"cannot listen on {host}:{port}: {e.strerror or e}{hint}") from None
